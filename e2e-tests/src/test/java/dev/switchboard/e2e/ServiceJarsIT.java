package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's jar, as {@code docker-compose.yml} deploys it.
 */
class ServiceJarsIT {

	/**
	 * On JDK 24 and later Netty otherwise frees each direct buffer by closing a shared
	 * memory arena, which stops every thread of the JVM, and the gateway relayed
	 * downloads at a third of its speed.
	 */
	@Test
	void shouldGrantNativeAccessToTheApplication() throws IOException {
		for (Map.Entry<String, String> service : compose().builtServices().entrySet()) {
			try (JarFile jar = jar(service.getValue())) {
				assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).as(service.getKey())
					.isEqualTo("ALL-UNNAMED");
			}
		}
	}

	/**
	 * Compose starts every service in Spring AOT mode (its bean definitions generated at
	 * build time, a third of the start-up): the jar must hold them, or the service
	 * refuses to start.
	 */
	@Test
	void shouldStartFromBeanDefinitionsGeneratedAtBuildTime() throws IOException {
		ComposeFile compose = compose();
		for (Map.Entry<String, String> service : compose.builtServices().entrySet()) {
			assertThat(compose.environment(service.getKey()).get("JAVA_TOOL_OPTIONS")).as(service.getKey())
				.contains("-Dspring.aot.enabled=true");
			try (JarFile jar = jar(service.getValue())) {
				String startClass = jar.getManifest().getMainAttributes().getValue("Start-Class");
				String initializer = "BOOT-INF/classes/" + startClass.replace('.', '/')
						+ "__ApplicationContextInitializer.class";
				assertThat(jar.getEntry(initializer)).as(service.getKey() + ": " + initializer).isNotNull();
			}
		}
	}

	private static ComposeFile compose() {
		return ComposeFile.read(Suite.root().resolve("docker-compose.yml"));
	}

	private static JarFile jar(String module) throws IOException {
		Path root = Suite.root();
		return new JarFile(root.resolve(module).resolve("target").resolve(module + ".jar").toFile());
	}

}
