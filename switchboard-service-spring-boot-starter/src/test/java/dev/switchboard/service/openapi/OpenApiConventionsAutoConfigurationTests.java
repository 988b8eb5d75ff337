package dev.switchboard.service.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenApiConventionsAutoConfiguration}.
 */
class OpenApiConventionsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenApiConventionsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=random-service");

	@Test
	void shouldTitleTheDocumentAfterTheServiceAndDescribeItFromItsProperty() {
		this.contextRunner.withPropertyValues("switchboard.openapi.description=Random numbers").run((context) -> {
			assertThat(context.getBean(OpenApiProperties.class).description()).isEqualTo("Random numbers");
			OpenAPI document = context.getBean(OpenAPI.class);
			assertThat(document.getInfo().getTitle()).isEqualTo("Switchboard random-service");
			assertThat(document.getInfo().getVersion()).isEqualTo("dev");
			assertThat(document.getInfo().getDescription()).isEqualTo("Random numbers");
		});
	}

	@Test
	void shouldLeaveTheDescriptionOutWhenNoneIsSet() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(OpenAPI.class).getInfo().getDescription()).isNull());
	}

}
