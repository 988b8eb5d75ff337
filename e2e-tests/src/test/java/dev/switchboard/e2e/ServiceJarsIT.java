package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's jar, as {@code docker-compose.yml} deploys it, starts with native
 * access granted: on JDK 24 and later Netty otherwise frees each direct buffer by closing
 * a shared memory arena, which stops every thread of the JVM, and the gateway relayed
 * downloads at a third of its speed.
 */
class ServiceJarsIT {

	@Test
	void shouldGrantNativeAccessToTheApplication() throws IOException {
		Path root = Suite.root();
		for (String module : ComposeFile.read(root.resolve("docker-compose.yml")).builtServices().values()) {
			try (JarFile jar = new JarFile(root.resolve(module).resolve("target").resolve(module + ".jar").toFile())) {
				assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).as(module)
					.isEqualTo("ALL-UNNAMED");
			}
		}
	}

}
