package dev.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The suite's PostgreSQL: a real embedded server on a fixed port and data directory, so a
 * fault test can stop it and start it again with its data, set up as the compose
 * {@code postgres} service sets itself up (its user, and the init script's databases).
 */
final class SuiteDatabase {

	/** The compose service name other services use as the database host. */
	static final String SERVICE = "postgres";

	private final Map<String, String> environment;

	private final Path initScript;

	private final Path dataDirectory;

	private final int port = Suite.freePort();

	private EmbeddedPostgres postgres;

	private volatile boolean running;

	SuiteDatabase(ComposeFile compose, Path root, Path dataDirectory) {
		this.environment = compose.environment(SERVICE);
		this.initScript = root.resolve("deploy/postgres/init-databases.sql");
		this.dataDirectory = dataDirectory;
	}

	int port() {
		return this.port;
	}

	synchronized void start() {
		boolean fresh = this.postgres == null;
		try {
			if (fresh && Files.exists(this.dataDirectory)) {
				try (var files = Files.walk(this.dataDirectory)) {
					files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
			}
			this.postgres = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "200")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start PostgreSQL", ex);
		}
		if (fresh) {
			initialise();
		}
		this.running = true;
	}

	boolean isRunning() {
		return this.running;
	}

	synchronized void stop() {
		if (this.postgres != null) {
			try {
				this.running = false;
				this.postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot stop PostgreSQL", ex);
			}
		}
	}

	/**
	 * Create the user and run the init script as that user, as the postgres image does.
	 */
	private void initialise() {
		String user = this.environment.get("POSTGRES_USER");
		String password = this.environment.get("POSTGRES_PASSWORD");
		try {
			try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE ROLE " + user + " LOGIN SUPERUSER PASSWORD '" + password + "'");
				statement.execute("CREATE DATABASE " + this.environment.get("POSTGRES_DB") + " OWNER " + user);
			}
			try (Connection connection = this.postgres.getDatabase(user, "postgres").getConnection();
					Statement statement = connection.createStatement()) {
				// One statement at a time: CREATE DATABASE cannot run inside a
				// transaction block
				String script = Files.readString(this.initScript).replaceAll("(?m)--.*$", "");
				for (String sql : script.split(";")) {
					if (!sql.isBlank()) {
						statement.execute(sql.strip());
					}
				}
			}
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Cannot initialise PostgreSQL as docker-compose.yml does", ex);
		}
	}

}
