package dev.switchboard.gateway.health;

import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;

/**
 * Answers a health group's status, and nothing else, on the gateway's public port:
 * {@code {"status":"UP"}} with 200, or the status Spring Boot maps a bad one to (503 for
 * {@code DOWN} and {@code OUT_OF_SERVICE}). The groups say which checks count and hide
 * their components; their full detail is on the management port.
 */
class PublicHealth {

	private static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private final ReactiveHealthEndpointWebExtension health;

	PublicHealth(ReactiveHealthEndpointWebExtension health) {
		this.health = health;
	}

	Mono<ServerResponse> status(ServerRequest request, String group) {
		if (!ALLOWED.contains(request.method())) {
			return Mono.error(new MethodNotAllowedException(request.method(), ALLOWED));
		}
		return this.health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, group)
			.flatMap(PublicHealth::answer);
	}

	private static Mono<ServerResponse> answer(WebEndpointResponse<? extends HealthDescriptor> health) {
		HealthDescriptor descriptor = health.getBody();
		if (descriptor == null) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.status(health.getStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("status", descriptor.getStatus().getCode()));
	}

}
