package dev.switchboard.test.postgres;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives each application context of a test class annotated with
 * {@link WithEmbeddedPostgres} its own database on the embedded server.
 */
class EmbeddedPostgresContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, WithEmbeddedPostgres.class)
				? new EmbeddedPostgresContextCustomizer() : null;
	}

	/**
	 * Creates the database when the context is created; equal to every other instance, so
	 * that Spring's context cache works as usual.
	 */
	static final class EmbeddedPostgresContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			String application = context.getEnvironment().getProperty("spring.application.name", "test");
			String url = EmbeddedPostgresServer.shared().createDatabase(application);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("embeddedPostgres",
						Map.of("spring.datasource.url", url, "spring.datasource.username",
								EmbeddedPostgresServer.USERNAME, "spring.datasource.password", "",
								"spring.datasource.driver-class-name", "org.postgresql.Driver")));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof EmbeddedPostgresContextCustomizer;
		}

		@Override
		public int hashCode() {
			return EmbeddedPostgresContextCustomizer.class.hashCode();
		}

	}

}
