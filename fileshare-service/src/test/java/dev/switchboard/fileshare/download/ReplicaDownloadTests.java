package dev.switchboard.fileshare.download;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareApplication;
import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.fileshare.Multipart;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the service on one database and one data directory, as behind a load
 * balancer: a share uploaded to one downloads from the other, and the download limit
 * holds across both.
 */
@FileshareIntegrationTest
@TestInstance(Lifecycle.PER_CLASS)
class ReplicaDownloadTests {

	@LocalServerPort
	private int port;

	private ConfigurableApplicationContext replica;

	private int replicaPort;

	@BeforeAll
	void startSecondReplica(org.springframework.context.ApplicationContext context) {
		Environment environment = context.getEnvironment();
		// Command-line arguments, so that they win over application.yml
		this.replica = new SpringApplicationBuilder(FileshareApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
				"--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
				"--spring.datasource.password=",
				"--switchboard.fileshare.data-dir=" + environment.getProperty("switchboard.fileshare.data-dir"),
				"--switchboard.fileshare.public-dir=" + environment.getProperty("switchboard.fileshare.public-dir"),
				"--switchboard.fileshare.purge-interval=1h", "--spring.main.banner-mode=off");
		this.replicaPort = Integer.parseInt(this.replica.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	void stopSecondReplica() {
		if (this.replica != null) {
			this.replica.close();
		}
	}

	@Test
	void shouldDownloadFromOneReplicaWhatWasUploadedToTheOther() {
		byte[] content = DownloadTests.randomBytes(80_000);
		JsonNode share = new FileshareClient(this.port)
			.share(new Multipart().field("maxDownloads", "2").file("a.bin", content));

		assertThat(new FileshareClient(this.replicaPort).get("/s/" + DownloadTests.token(share)).body())
			.isEqualTo(content);
	}

	@Test
	void shouldLetExactlyOneDownloadThroughAcrossReplicas() throws Exception {
		JsonNode share = new FileshareClient(this.port)
			.share(new Multipart().file("once.bin", DownloadTests.randomBytes(60_000)));
		int clients = 16;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			for (int i = 0; i < clients; i++) {
				int target = (i % 2 == 0) ? this.port : this.replicaPort;
				statuses.add(pool.submit(() -> {
					start.await();
					return new FileshareClient(target).get("/s/" + DownloadTests.token(share)).statusCode();
				}));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get());
			}
			assertThat(answered).containsOnly(200, 410);
			assertThat(answered).filteredOn((status) -> status == 200).hasSize(1);
		}
	}

}
