package dev.switchboard.service.openapi;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the OpenAPI document a service publishes.
 *
 * @param description Description of the service at the top of its OpenAPI document and of
 * its page in Swagger UI. None when not set.
 */
@ConfigurationProperties("switchboard.openapi")
public record OpenApiProperties(@Nullable String description) {

}
