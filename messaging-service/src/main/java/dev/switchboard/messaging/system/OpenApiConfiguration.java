package dev.switchboard.messaging.system;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/**
 * Declares the bearer-token scheme of the OpenAPI document, so that Swagger UI's
 * Authorize button sends {@code Authorization: Bearer <token>}.
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "opaque",
		description = "The token POST /api/users answered when you registered")
class OpenApiConfiguration {

}
