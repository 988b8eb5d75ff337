package dev.switchboard.messaging.security;

import dev.switchboard.messaging.users.User;
import org.mockito.Mockito;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import static org.mockito.BDDMockito.given;

/**
 * Brings the service's real security configuration into web slice tests, with a test user
 * whose token the slice's mocked {@code UserService} accepts.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class SecurityTestConfiguration {

	/** The token of {@link #alice()}, once the test's mock accepts it. */
	public static final String ALICE_TOKEN = "alice-token";

	/**
	 * Return alice, user 1.
	 * @return a user mock
	 */
	public static User alice() {
		User alice = Mockito.mock(User.class);
		given(alice.getId()).willReturn(1L);
		given(alice.getNickname()).willReturn("alice");
		given(alice.getStatus()).willReturn("available");
		return alice;
	}

}
