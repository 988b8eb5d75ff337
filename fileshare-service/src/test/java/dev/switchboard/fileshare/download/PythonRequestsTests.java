package dev.switchboard.fileshare.download;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.test.python.Python3;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The woof scenario with Python's {@code requests}, as the course uses it: share a file
 * with an odd name, download it once, see the second download refused.
 */
@FileshareIntegrationTest
class PythonRequestsTests {

	private static final String WOOF = """
			import hashlib, sys, urllib.parse
			import requests

			base = sys.argv[1]
			name = 'été "2024" à la plage 🎉.txt'
			content = 'Bonjour Marcel\\n'.encode() * 1000

			r = requests.post(f"{base}/api/shares", files={"file": (name, content)}, data={"maxDownloads": "1"})
			assert r.status_code == 201, (r.status_code, r.text)
			share = r.json()
			assert share["files"][0]["name"] == name, share
			assert share["files"][0]["sha256"] == hashlib.sha256(content).hexdigest()

			r = requests.get(share["url"])
			assert r.status_code == 200, r.status_code
			assert r.content == content
			disposition = r.headers["Content-Disposition"]
			encoded = disposition.split("filename*=UTF-8''")[1]
			assert urllib.parse.unquote(encoded) == name, disposition

			r = requests.get(share["url"])
			assert r.status_code == 410, r.status_code
			assert r.headers["Content-Type"] == "application/problem+json"

			r = requests.get(f"{base}/s/{share['token']}/other.txt")
			assert r.status_code == 403, r.status_code
			print("woof ok")
			""";

	@LocalServerPort
	private int port;

	@Test
	void shouldShareAndDownloadOnceWithPythonRequests() {
		Python3.Result result = Python3.run(Duration.ofSeconds(60), Map.of(), WOOF, "http://127.0.0.1:" + this.port);

		assertThat(result.stderr()).isEmpty();
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).isEqualTo("woof ok\n");
	}

}
