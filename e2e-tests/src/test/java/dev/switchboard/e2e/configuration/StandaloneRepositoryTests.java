package dev.switchboard.e2e.configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository stands alone: it is read from a clone, so no comment, README or
 * configuration points at a specification or at folders that only sit beside the
 * checkout.
 */
class StandaloneRepositoryTests {

	private static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();

	/**
	 * The two words that name what a clone does not have: the product specification
	 * document and the folder that sits beside the checkout (spelt in pieces here, so
	 * that this file does not match itself).
	 */
	private static final String SPECIFICATION = "SP" + "EC";

	private static final String BESIDE = "../" + "shared";

	/** A reference to the product specification, or to the folder beside the checkout. */
	private static final Pattern OUTSIDE = Pattern
		.compile("\\b" + SPECIFICATION + "\\b|" + Pattern.quote(BESIDE) + "\\b");

	/** What the build, the tools and third parties write, not the project. */
	private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", "results", "schema",
			".mvn");

	/** Files that are not text the project wrote. */
	private static final Pattern SKIPPED_FILES = Pattern
		.compile(".*\\.(png|jpg|ico|jar|gz|zip|bin|min\\.js)$|.*bundle.*");

	@Test
	void shouldReferToNothingOutsideTheRepository() throws IOException {
		List<String> references = new ArrayList<>();
		try (Stream<Path> files = Files.walk(ROOT)) {
			files.filter(StandaloneRepositoryTests::isProjectText).forEach((file) -> {
				List<String> lines = read(file);
				for (int i = 0; i < lines.size(); i++) {
					if (OUTSIDE.matcher(lines.get(i)).find()) {
						references.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
					}
				}
			});
		}
		assertThat(references).as("references to a specification or to a folder beside the checkout").isEmpty();
	}

	@Test
	void shouldFindAReferenceWhereThereIsOne() {
		assertThat(OUTSIDE.matcher("// as " + SPECIFICATION + " §5 says").find()).isTrue();
		assertThat(OUTSIDE.matcher("see " + BESIDE + "/bench/tools").find()).isTrue();
		assertThat(OUTSIDE.matcher("RFC 7233 §4.2, OpenAPI specification").find()).isFalse();
	}

	private static boolean isProjectText(Path file) {
		Path relative = ROOT.relativize(file);
		for (Path part : relative) {
			if (SKIPPED_DIRECTORIES.contains(part.toString())) {
				return false;
			}
		}
		return Files.isRegularFile(file) && !SKIPPED_FILES.matcher(file.getFileName().toString()).matches();
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (MalformedInputException ex) {
			return List.of(); // not text
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
