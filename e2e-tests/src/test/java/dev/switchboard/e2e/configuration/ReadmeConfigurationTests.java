package dev.switchboard.e2e.configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The READMEs' configuration tables say what the configuration metadata says: every
 * {@code switchboard.*} property they name exists, with the default they give, and every
 * property of the metadata is in them — the socket starter's in its own README, the
 * others in the root README. The metadata is what each module's build generates, so a
 * property added, renamed or given another default fails this test until the README
 * follows.
 */
class ReadmeConfigurationTests {

	private static final String SOCKET_STARTER = "switchboard-socket-spring-boot-starter";

	private static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();

	private static ConfigurationMetadata metadata;

	private static List<DocumentedProperty> rootReadme;

	private static List<DocumentedProperty> socketReadme;

	@BeforeAll
	static void readMetadataAndReadmes() throws IOException {
		metadata = ConfigurationMetadata.read(ROOT);
		rootReadme = ReadmeConfigurationTable.read(ROOT.resolve("README.md"));
		socketReadme = ReadmeConfigurationTable.read(ROOT.resolve(SOCKET_STARTER).resolve("README.md"));
	}

	@Test
	void shouldDocumentOnlyPropertiesThatExist() {
		List<String> problems = new ArrayList<>();
		for (DocumentedProperty documented : documented()) {
			Optional<MetadataProperty> property = metadata.findWithAnyKey(documented.name());
			if (property.isEmpty()) {
				problems.add(documented.name() + " is in no module's metadata; row: " + documented.row());
			}
			else if (property.get().deprecated()) {
				problems.add(documented.name() + " is deprecated: document " + property.get().replacement()
						+ " instead; row: " + documented.row());
			}
		}
		assertThat(problems).as("README rows naming unknown properties").isEmpty();
	}

	// A row naming one entry of a map (switchboard.socket.servers.chat.…) gives the value
	// that application sets, not the default: only rows of properties are compared
	@Test
	void shouldDocumentTheDefaultsOfTheMetadata() {
		List<String> problems = new ArrayList<>();
		for (DocumentedProperty documented : documented()) {
			metadata.find(documented.name())
				.filter((property) -> property.defaultValue() != null)
				.ifPresent((property) -> {
					if (documented.documentedDefault() == null) {
						problems.add(documented.name() + ": the row does not give one default per property it names "
								+ "(the default is " + property.defaultValue() + "); row: " + documented.row());
					}
					else if (!DefaultValues.same(property, documented.documentedDefault())) {
						problems.add(documented.name() + ": the README says " + documented.documentedDefault()
								+ ", the default is " + property.defaultValue() + "; row: " + documented.row());
					}
				});
		}
		assertThat(problems).as("README defaults that are not the defaults").isEmpty();
	}

	@Test
	void shouldDocumentEveryPropertyOfTheSocketStarterInItsReadme() {
		assertThat(undocumented(socketReadme, true)).as("socket starter properties missing from its README").isEmpty();
	}

	@Test
	void shouldDocumentEveryPropertyOfTheSuiteInTheRootReadme() {
		assertThat(undocumented(rootReadme, false)).as("properties missing from the README's Configuration section")
			.isEmpty();
	}

	@Test
	void shouldReplaceEveryDeprecatedPropertyWithOneThatExists() {
		assertThat(metadata.stream().filter(MetadataProperty::deprecated))
			.allSatisfy((property) -> assertThat(property.replacement()).as(property.name())
				.isNotNull()
				.satisfies((replacement) -> assertThat(metadata.find(replacement)).isPresent()));
	}

	private static List<DocumentedProperty> documented() {
		List<DocumentedProperty> documented = new ArrayList<>(rootReadme);
		documented.addAll(socketReadme);
		return documented;
	}

	private static List<String> undocumented(List<DocumentedProperty> readme, boolean socketStarter) {
		Set<String> names = readme.stream().map(DocumentedProperty::name).collect(Collectors.toSet());
		return metadata.stream()
			.filter(MetadataProperty::isDocumentable)
			.filter((property) -> property.module().equals(SOCKET_STARTER) == socketStarter)
			.map(MetadataProperty::name)
			.filter((name) -> !names.contains(name))
			.sorted()
			.toList();
	}

}
