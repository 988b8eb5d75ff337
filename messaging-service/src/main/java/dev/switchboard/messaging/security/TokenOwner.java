package dev.switchboard.messaging.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import dev.switchboard.messaging.chat.ChatIdentity;

/**
 * The user a valid bearer token belongs to: the principal of an authenticated request.
 *
 * @param id the user's id
 * @param nickname the user's nickname
 */
public record TokenOwner(long id, String nickname) implements OAuth2AuthenticatedPrincipal {

	/**
	 * Return the owner as a chat identity, to send messages in their name.
	 * @return the identity
	 */
	public ChatIdentity identity() {
		return new ChatIdentity(this.id, this.nickname);
	}

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
