package dev.switchboard.messaging.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The user a valid bearer token belongs to: the principal of an authenticated request.
 *
 * @param id the user's id
 * @param nickname the user's nickname
 */
public record TokenOwner(long id, String nickname) implements OAuth2AuthenticatedPrincipal {

	@Override
	public Map<String, Object> getAttributes() {
		return Map.of("id", this.id, "nickname", this.nickname);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of();
	}

	@Override
	public String getName() {
		return this.nickname;
	}

}
