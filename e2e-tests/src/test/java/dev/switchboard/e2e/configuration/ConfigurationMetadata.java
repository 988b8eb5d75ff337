package dev.switchboard.e2e.configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code switchboard.*} properties of every module, read from the configuration
 * metadata each module's build generates ({@code target/classes/META-INF}). The metadata
 * describes a map of records as the map alone, so the entries of such a map are read from
 * the record's own {@code @DefaultValue}s, the one place their defaults are written.
 */
final class ConfigurationMetadata {

	private static final String METADATA = "target/classes/META-INF/spring-configuration-metadata.json";

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, MetadataProperty> properties;

	private ConfigurationMetadata(List<MetadataProperty> properties) {
		this.properties = properties.stream()
			.collect(Collectors.toMap(MetadataProperty::name, Function.identity(), (first, second) -> first));
	}

	/**
	 * Read the metadata of every module listed in the root {@code pom.xml}.
	 * @param root the repository's root
	 * @return the {@code switchboard.*} properties of all modules
	 * @throws IllegalStateException when a module declares configuration properties but
	 * was not built
	 */
	static ConfigurationMetadata read(Path root) throws IOException {
		List<MetadataProperty> properties = new ArrayList<>();
		for (String module : modules(root)) {
			Path directory = root.resolve(module);
			Path metadata = directory.resolve(METADATA);
			if (Files.exists(metadata)) {
				properties.addAll(read(module, directory, metadata));
			}
			else if (declaresConfigurationProperties(directory)) {
				throw new IllegalStateException(module + " declares @ConfigurationProperties but " + metadata
						+ " does not exist: build the modules first (./mvnw -DskipTests install)");
			}
		}
		return new ConfigurationMetadata(properties);
	}

	/**
	 * Find a property by its name, a map key written {@code <name>}.
	 * @param name the property's name
	 * @return the property
	 */
	Optional<MetadataProperty> find(String name) {
		return Optional.ofNullable(this.properties.get(name));
	}

	/**
	 * Find a property also by a name with a concrete map key
	 * ({@code switchboard.socket.servers.chat.port}).
	 * @param name the property's name
	 * @return the property
	 */
	Optional<MetadataProperty> findWithAnyKey(String name) {
		return find(name).or(() -> this.properties.keySet()
			.stream()
			.filter((candidate) -> candidate.contains(".<name>."))
			.filter((candidate) -> matchesWithAKey(candidate, name))
			.findFirst()
			.map(this.properties::get));
	}

	private static boolean matchesWithAKey(String candidate, String name) {
		int key = candidate.indexOf(".<name>.");
		String prefix = candidate.substring(0, key + 1);
		String suffix = candidate.substring(key + ".<name>".length());
		if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
			return false;
		}
		return !name.substring(prefix.length(), name.length() - suffix.length()).contains(".");
	}

	Stream<MetadataProperty> stream() {
		return this.properties.values().stream();
	}

	private static List<String> modules(Path root) throws IOException {
		Matcher matcher = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
		List<String> modules = new ArrayList<>();
		while (matcher.find()) {
			modules.add(matcher.group(1).trim());
		}
		return modules;
	}

	private static boolean declaresConfigurationProperties(Path module) throws IOException {
		Path sources = module.resolve("src/main/java");
		if (!Files.isDirectory(sources)) {
			return false;
		}
		try (Stream<Path> files = Files.walk(sources)) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.anyMatch((file) -> readString(file).contains("@ConfigurationProperties("));
		}
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<MetadataProperty> read(String module, Path directory, Path metadata) throws IOException {
		List<MetadataProperty> properties = new ArrayList<>();
		try (URLClassLoader classes = classLoader(directory)) {
			for (JsonNode node : json.readTree(metadata.toFile()).path("properties")) {
				MetadataProperty property = property(module, node);
				if (!property.name().startsWith("switchboard.")) {
					continue;
				}
				Class<?> mapValue = MapOfRecords.valueRecord(property.type(), classes);
				if (mapValue != null) {
					MapOfRecords.expand(property.name() + ".<name>.", mapValue, property, properties);
				}
				else if (MapOfRecords.isMap(property.type())) {
					// documented by its entries: switchboard.gateway.services.<name>
					properties.add(new MetadataProperty(property.name() + ".<name>", property.type(),
							property.defaultValue(), property.description(), property.replacement(),
							property.deprecated(), property.module()));
				}
				else {
					properties.add(property);
				}
			}
		}
		return properties;
	}

	private static MetadataProperty property(String module, JsonNode node) {
		JsonNode deprecation = node.path("deprecation");
		return new MetadataProperty(node.path("name").asString(), node.path("type").asString(""),
				defaultValue(node.get("defaultValue")), node.path("description").asString(null),
				deprecation.path("replacement").asString(null),
				node.path("deprecated").asBoolean(false) || !deprecation.isMissingNode(), module);
	}

	private static @Nullable Object defaultValue(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isArray()) {
			List<String> values = new ArrayList<>();
			node.forEach((value) -> values.add(value.asString()));
			return values;
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.asString();
	}

	private static URLClassLoader classLoader(Path module) {
		try {
			return new URLClassLoader(new URL[] { module.resolve("target/classes").toUri().toURL() },
					ConfigurationMetadata.class.getClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
