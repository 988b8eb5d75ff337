package dev.switchboard.test.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped with the JVM.
 * Each caller gets a database of its own with {@link #createDatabase(String)}.
 */
public final class EmbeddedPostgresServer {

	/** The superuser of the embedded server; it has no password. */
	public static final String USERNAME = "postgres";

	private static final AtomicInteger databases = new AtomicInteger();

	private static volatile EmbeddedPostgresServer shared;

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Return the server of this JVM, starting it if needed.
	 * @return the running server
	 */
	public static EmbeddedPostgresServer shared() {
		EmbeddedPostgresServer server = shared;
		if (server == null) {
			synchronized (EmbeddedPostgresServer.class) {
				server = shared;
				if (server == null) {
					server = new EmbeddedPostgresServer(start());
					shared = server;
				}
			}
		}
		return server;
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder()
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL", ex);
		}
	}

	/**
	 * Create a new, empty database.
	 * @param prefix the start of its name (letters, digits and underscores)
	 * @return the JDBC URL of the new database
	 */
	public String createDatabase(String prefix) {
		String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
		return jdbcUrl(name);
	}

	/**
	 * Return the JDBC URL of a database of this server.
	 * @param database the database name
	 * @return its JDBC URL
	 */
	public String jdbcUrl(String database) {
		return this.postgres.getJdbcUrl(USERNAME, database);
	}

	/**
	 * Return the TCP port the server listens on (127.0.0.1).
	 * @return the port
	 */
	public int port() {
		return this.postgres.getPort();
	}

}
