package dev.switchboard.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that breaks part of the shared suite on purpose: it starts from a healthy suite
 * and leaves one behind (PostgreSQL and every service restarted and ready), so that the
 * tests after it never see its damage.
 */
abstract class FaultTest {

	protected Suite suite;

	protected SuiteHttp gateway;

	@BeforeEach
	void startSuite() {
		this.suite = Suite.shared();
		this.suite.ensureHealthy();
		this.gateway = this.suite.gateway();
	}

	@AfterEach
	void restore() {
		this.suite.ensureHealthy();
	}

}
