package dev.switchboard.messaging.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.switchboard.messaging.users.UserService;

/**
 * Resolves a bearer token to its owner by the hash stored at registration: the tokens are
 * opaque and this service issued them, so no authorization server is involved.
 */
class UserTokenIntrospector implements OpaqueTokenIntrospector {

	private final UserService users;

	UserTokenIntrospector(UserService users) {
		this.users = users;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		return this.users.authenticate(token)
			.map((user) -> new TokenOwner(user.getId(), user.getNickname()))
			.orElseThrow(() -> new BadOpaqueTokenException("The bearer token is not valid"));
	}

}
