package dev.switchboard.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The parts of {@code docker-compose.yml} the end-to-end run reuses: each service's
 * environment (with {@code ${VAR:-default}} resolved as compose would), its internal HTTP
 * port, its published ports and its volumes.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?-([^}]*))?}");

	private final Map<String, Map<String, Object>> services;

	@SuppressWarnings("unchecked")
	private ComposeFile(Map<String, Object> document) {
		this.services = (Map<String, Map<String, Object>>) document.get("services");
	}

	static ComposeFile read(Path file) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		try (Reader reader = Files.newBufferedReader(file)) {
			return new ComposeFile(new Yaml(new SafeConstructor(options)).load(reader));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	/**
	 * Return the services built from this repository, by compose name, with the Maven
	 * module each is built from (the {@code SERVICE} build argument).
	 */
	@SuppressWarnings("unchecked")
	Map<String, String> builtServices() {
		Map<String, String> modules = new LinkedHashMap<>();
		this.services.forEach((name, service) -> {
			if (service.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args) {
				modules.put(name, (String) ((Map<String, Object>) args).get("SERVICE"));
			}
		});
		return modules;
	}

	Map<String, String> environment(String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		if (this.services.get(service).get("environment") instanceof Map<?, ?> values) {
			values.forEach((key, value) -> {
				if (value != null) {
					environment.put(key.toString(), interpolate(String.valueOf(value)));
				}
				else if (System.getenv(key.toString()) != null) {
					// a name without a value: compose passes the variable on when it is
					// set
					environment.put(key.toString(), System.getenv(key.toString()));
				}
			});
		}
		return environment;
	}

	/**
	 * Return the names of a service's environment, those passed on from the host
	 * included.
	 */
	java.util.Set<String> environmentNames(String service) {
		if (this.services.get(service).get("environment") instanceof Map<?, ?> values) {
			return values.keySet().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet());
		}
		return java.util.Set.of();
	}

	/** Return the profiles a service belongs to (none: it always starts). */
	List<String> profiles(String service) {
		if (this.services.get(service).get("profiles") instanceof List<?> profiles) {
			return profiles.stream().map(Object::toString).toList();
		}
		return List.of();
	}

	/** Return the service's internal HTTP port, from its {@code expose} entry. */
	int exposedPort(String service) {
		if (this.services.get(service).get("expose") instanceof List<?> expose && !expose.isEmpty()) {
			return Integer.parseInt(expose.get(0).toString());
		}
		throw new IllegalStateException("Service " + service + " declares no expose port in docker-compose.yml");
	}

	/** Return the {@code host:container} port mappings a service publishes. */
	List<String> publishedPorts(String service) {
		if (this.services.get(service).get("ports") instanceof List<?> ports) {
			return ports.stream().map(Object::toString).toList();
		}
		return List.of();
	}

	/** Return the {@code source:target[:mode]} volume entries of a service. */
	List<String> volumes(String service) {
		if (this.services.get(service).get("volumes") instanceof List<?> volumes) {
			return volumes.stream().map(Object::toString).toList();
		}
		return List.of();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> healthcheck(String service) {
		return (Map<String, Object>) this.services.get(service).get("healthcheck");
	}

	/**
	 * Return a service's dependencies with their conditions. The list form of
	 * {@code depends_on} carries no condition (a dependency merely started), so it is
	 * refused rather than read as "no dependencies".
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> dependsOn(String service) {
		Object dependsOn = this.services.get(service).get("depends_on");
		if (dependsOn instanceof List<?>) {
			throw new AssertionError(service + ": depends_on must map each dependency to a condition, not list it");
		}
		return (dependsOn instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	/** Return a service's {@code image}, or {@code null} for one built here. */
	Object image(String service) {
		return this.services.get(service).get("image");
	}

	/**
	 * Return the replicas of a module: the services built from it, in the file's order.
	 * @param module the Maven module, e.g. {@code messaging-service}
	 * @return their compose names
	 */
	List<String> replicas(String module) {
		return builtServices().entrySet()
			.stream()
			.filter((service) -> service.getValue().equals(module))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** Return a service's {@code mem_limit}, or {@code null}. */
	Object memoryLimit(String service) {
		return this.services.get(service).get("mem_limit");
	}

	Iterable<String> serviceNames() {
		return this.services.keySet();
	}

	private static String interpolate(String value) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String fromEnvironment = System.getenv(matcher.group(1));
			String replacement = (fromEnvironment != null) ? fromEnvironment
					: (matcher.group(2) != null) ? matcher.group(2) : "";
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
