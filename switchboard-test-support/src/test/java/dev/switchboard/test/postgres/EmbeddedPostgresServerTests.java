package dev.switchboard.test.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTests {

	@Test
	void shouldGiveEachCallerItsOwnDatabaseOnARealPostgresql() throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
		String first = server.createDatabase("first");
		String second = server.createDatabase("second");
		assertThat(first).isNotEqualTo(second).startsWith("jdbc:postgresql://");
		try (Connection connection = DriverManager.getConnection(first, EmbeddedPostgresServer.USERNAME, "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select version(), current_database()")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).startsWith("PostgreSQL 18");
			assertThat(result.getString(2)).startsWith("first_");
		}
		assertThat(EmbeddedPostgresServer.shared()).isSameAs(server);
	}

}
