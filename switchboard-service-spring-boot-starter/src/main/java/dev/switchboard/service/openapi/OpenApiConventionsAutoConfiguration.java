package dev.switchboard.service.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.configuration.SpringDocConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the OpenAPI document every service publishes: a title and version
 * taken from the build, and problem JSON bodies on every documented error response.
 */
@AutoConfiguration(before = SpringDocConfiguration.class)
@ConditionalOnClass(SpringDocConfiguration.class)
@EnableConfigurationProperties(OpenApiProperties.class)
public final class OpenApiConventionsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAPI serviceOpenApi(@Value("${spring.application.name:service}") String name, OpenApiProperties properties,
			ObjectProvider<BuildProperties> build) {
		String version = build.getIfAvailable(() -> null) != null ? build.getObject().getVersion() : "dev";
		return new OpenAPI()
			.info(new Info().title("Switchboard " + name).version(version).description(properties.description()));
	}

	@Bean
	ProblemResponsesCustomizer problemResponsesCustomizer() {
		return new ProblemResponsesCustomizer();
	}

}
