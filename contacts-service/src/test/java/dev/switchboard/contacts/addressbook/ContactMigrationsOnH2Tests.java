package dev.switchboard.contacts.addressbook;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The migrations also run on the embedded default, H2 in PostgreSQL mode, with the URL
 * options the service uses.
 */
class ContactMigrationsOnH2Tests {

	@Test
	void shouldCreateTheSchemaOnH2InPostgresqlMode() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:contacts-migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		assertThat(Flyway.configure().dataSource(dataSource).load().migrate().success).isTrue();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("INSERT INTO contact (name, mail, mail_key) VALUES ('Ada', 'Ada@example.org', 'ada@example.org')");
		assertThat(jdbc.queryForObject("SELECT id FROM contact WHERE mail_key = 'ada@example.org'", Long.class))
			.isPositive();
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> jdbc
			.update("INSERT INTO contact (name, mail, mail_key) VALUES ('Ada', 'ADA@example.org', 'ada@example.org')"));
	}

}
