package dev.switchboard.messaging.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

import dev.switchboard.messaging.users.UserService;
import dev.switchboard.service.problem.ProblemDetailWriter;

/**
 * Bearer-token security of the REST API: a user's resources ({@code /api/users/{id}} and
 * everything under it) belong to their owner, whatever the method, apart from what is
 * explicitly open: reading the user (GET, HEAD) is public, and sending them a message
 * needs the sender's token. The rest of the service (registration, the list of users, the
 * chat page, the API documents) is public. The WebSocket and TCP chats authenticate with
 * the same tokens in their own protocols.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	OpaqueTokenIntrospector userTokenIntrospector(UserService users) {
		return new UserTokenIntrospector(users);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, OpaqueTokenIntrospector introspector,
			ProblemDetailWriter problems) {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		OwnerAuthorizationManager owner = new OwnerAuthorizationManager();
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			// Rules match paths for every method and name the few open ones, rather than
			// naming the methods to protect: Spring MVC answers HEAD with the GET handler
			// (Content-Length included) and OPTIONS by itself, and a method added later
			// must
			// not be open by default.
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/users/{id}")
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, "/api/users/{id}")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/users/{id}/messages")
				.authenticated()
				.requestMatchers("/api/users/{id}", "/api/users/{id}/**")
				.access(owner)
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((server) -> server.opaqueToken((opaque) -> opaque.introspector(introspector))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		return http.build();
	}

}
