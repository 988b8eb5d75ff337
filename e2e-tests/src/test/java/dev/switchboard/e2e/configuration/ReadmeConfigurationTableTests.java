package dev.switchboard.e2e.configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link ReadmeConfigurationTable} and {@link DefaultValues}: the forms of rows
 * the READMEs use.
 */
class ReadmeConfigurationTableTests {

	@TempDir
	Path directory;

	@Test
	void shouldReadGroupedRowsWithOneDefaultEach() throws IOException {
		List<DocumentedProperty> properties = read("""
				| `switchboard.random.{max-count,max-bytes}` | 10000, 64KB | limits |
				""");
		assertThat(properties).extracting(DocumentedProperty::name, DocumentedProperty::documentedDefault)
			.containsExactly(tuple("switchboard.random.max-count", "10000"),
					tuple("switchboard.random.max-bytes", "64KB"));
	}

	@Test
	void shouldReadMapKeysAndContinuationRows() throws IOException {
		List<DocumentedProperty> properties = read("""
				| `switchboard.socket.servers.<name>.port` (`SWITCHBOARD_SOCKET_SERVERS_<NAME>_PORT`) | required | |
				| `….udp.source-rate` / `….udp.source-burst` | `100` / `200` | |
				""");
		assertThat(properties).extracting(DocumentedProperty::name, DocumentedProperty::documentedDefault)
			.containsExactly(tuple("switchboard.socket.servers.<name>.port", "required"),
					tuple("switchboard.socket.servers.<name>.udp.source-rate", "`100`"),
					tuple("switchboard.socket.servers.<name>.udp.source-burst", "`200`"));
	}

	@Test
	void shouldLeaveOutWhatIsNotASwitchboardProperty() throws IOException {
		assertThat(read("""
				| `SPRING_DATASOURCE_URL` | H2 | storage |
				| `MESSAGING_MAX_CONNECTIONS` (`server.tomcat.max-connections`) | 1500 | |
				""")).isEmpty();
	}

	@Test
	void shouldNotGuessDefaultsWhenARowListsTooFew() throws IOException {
		assertThat(read("""
				| `switchboard.messaging.chat.{history-size,rate-limit,rate-burst}` | 50, 20/s, 40 | |
				""")).extracting(DocumentedProperty::documentedDefault).containsOnlyNulls();
	}

	@Test
	void shouldFailWithoutAConfigurationSection() throws IOException {
		Path readme = Files.writeString(this.directory.resolve("README.md"), "# Nothing\n");
		assertThatIllegalStateException().isThrownBy(() -> ReadmeConfigurationTable.read(readme))
			.withMessageContaining("no '## Configuration' section");
	}

	@Test
	void shouldCompareDefaultsByType() {
		assertThat(DefaultValues.same(property("java.time.Duration", "60s"), "1m")).isTrue();
		assertThat(DefaultValues.same(property("java.time.Duration", "30s"), "`5m`")).isFalse();
		assertThat(DefaultValues.same(property("org.springframework.util.unit.DataSize", "1MB"), "1024KB")).isTrue();
		assertThat(DefaultValues.same(property("java.lang.Integer", new BigDecimal(20)), "20/s")).isFalse();
		assertThat(DefaultValues.same(property("java.lang.String", "Serveur a reçu "), "`Serveur a reçu `")).isTrue();
		assertThat(DefaultValues.same(property("java.lang.String", "Serveur a reçu "), "Serveur a reçu")).isFalse();
		assertThat(DefaultValues.same(property("java.lang.String", ""), "empty")).isTrue();
		assertThat(DefaultValues.same(property("java.util.List<java.lang.String>", "[a:[*], b]"), "`a:[*]`, `b`"))
			.isTrue();
	}

	@Test
	void shouldTellMapsByTheirType() {
		assertThat(MapOfRecords.isMap("java.util.Map<java.lang.String,java.util.List<java.net.URI>>")).isTrue();
		assertThat(MapOfRecords.isMap(
				"java.util.Map<java.lang.String,dev.switchboard.socket.autoconfigure.SocketServerProperties$Server>"))
			.isTrue();
		assertThat(MapOfRecords.isMap("java.util.List<java.lang.String>")).isFalse();
	}

	private static MetadataProperty property(String type, Object defaultValue) {
		return new MetadataProperty("switchboard.x", type, defaultValue, "X.", null, false, "x");
	}

	private List<DocumentedProperty> read(String rows) throws IOException {
		String readme = """
				# Project

				## Configuration

				| property | default | what it does |
				| --- | --- | --- |
				%s
				## Next
				""".formatted(rows);
		return ReadmeConfigurationTable.read(Files.writeString(this.directory.resolve("README.md"), readme));
	}

}
