package dev.switchboard.fileshare;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The one application context of the integration tests: the whole service on a random
 * port and the embedded PostgreSQL, with small limits so that the limit tests stay fast.
 * Every test class that uses it shares the same cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "switchboard.fileshare.data-dir=target/test-data/store",
				"switchboard.fileshare.public-dir=target/test-data/public", "switchboard.fileshare.max-file-size=2MB",
				"switchboard.fileshare.max-share-size=3MB", "switchboard.fileshare.max-files=20",
				"switchboard.fileshare.purge-interval=1h", "switchboard.fileshare.purge-delay=0s" })
@WithEmbeddedPostgres
public @interface FileshareIntegrationTest {

	/** The test value of {@code max-file-size}. */
	int MAX_FILE_SIZE = 2 * 1024 * 1024;

	/** The test value of {@code max-share-size}. */
	int MAX_SHARE_SIZE = 3 * 1024 * 1024;

	/** The test value of {@code max-files}. */
	int MAX_FILES = 20;

}
