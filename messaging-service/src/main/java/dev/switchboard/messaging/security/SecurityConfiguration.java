package dev.switchboard.messaging.security;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

import dev.switchboard.messaging.users.UserService;

/**
 * Bearer-token security of the REST API: changing a status and reading an inbox need the
 * user's own token, sending a message needs the sender's token, everything else is
 * public. The WebSocket and TCP chats authenticate with the same tokens in their own
 * protocols.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	OpaqueTokenIntrospector userTokenIntrospector(UserService users) {
		return new UserTokenIntrospector(users);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, OpaqueTokenIntrospector introspector, JsonMapper json) {
		ProblemResponses problems = new ProblemResponses(json);
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		OwnerAuthorizationManager owner = new OwnerAuthorizationManager();
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.PATCH, "/api/users/{id}")
				.access(owner)
				.requestMatchers(HttpMethod.GET, "/api/users/{id}/messages")
				.access(owner)
				.requestMatchers(HttpMethod.POST, "/api/users/{id}/messages")
				.authenticated()
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
