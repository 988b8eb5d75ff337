package dev.switchboard.messaging.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request only to the owner of the user named by the {@code {id}} path variable.
 */
class OwnerAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (current == null || !(current.getPrincipal() instanceof TokenOwner owner)) {
			return new AuthorizationDecision(false);
		}
		return new AuthorizationDecision(isId(context.getVariables().get("id"), owner.id()));
	}

	private static boolean isId(String pathVariable, long id) {
		try {
			return pathVariable != null && Long.parseLong(pathVariable) == id;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
