package dev.switchboard.fileshare.upload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The checks on client-given file names: nothing that could escape a folder (zip-slip) or
 * break a header gets through.
 */
class FileNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "..", "../a", "a/../b", "a/..", "/a", "/", "a\\b", "..\\a", "C:a", "c:/a", "a//b", "a/",
			"./a", "a/./b", ".", "a\u0000b", "a\nb", "a\rb", "a\tb", "a\u007fb", "a\u0085b" })
	void shouldRefuseUnsafeNames(String name) {
		assertThatExceptionOfType(InvalidUploadException.class).isThrownBy(() -> FileNames.check(name, 1024))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("The file name"));
	}

	@Test
	void shouldRefuseMissingAndOverlongNames() {
		assertThatExceptionOfType(InvalidUploadException.class).isThrownBy(() -> FileNames.check(null, 1024));
		assertThatExceptionOfType(InvalidUploadException.class).isThrownBy(() -> FileNames.check("", 1024));
		assertThatExceptionOfType(InvalidUploadException.class).isThrownBy(() -> FileNames.check("a".repeat(33), 32));
		assertThatExceptionOfType(InvalidUploadException.class)
			.isThrownBy(() -> FileNames.check("é".repeat(128) + ".txt", 1024))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("255 bytes"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.txt", "été 2024.jpg", "photos/2024/a.jpg", "..a", "a..", "...", ".hidden",
			"emoji 🎉.bin", "ab:c.txt", "100%.txt", "日本語.txt" })
	void shouldAcceptOrdinaryAndOddNames(String name) {
		assertThat(FileNames.check(name, 1024)).isEqualTo(name);
	}

	@Test
	void shouldDecodeQuotesAsBrowsersCurlAndRequestsEncodeThem() {
		assertThat(FileNames.check("say %22hi%22.txt", 1024)).isEqualTo("say \"hi\".txt");
		assertThat(FileNames.check("say \\\"hi\\\".txt", 1024)).isEqualTo("say \"hi\".txt");
		assertThat(FileNames.check("100%25.txt", 1024)).isEqualTo("100%25.txt");
	}

	@Test
	void shouldQuoteControlCharactersInTheMessage() {
		assertThatExceptionOfType(InvalidUploadException.class).isThrownBy(() -> FileNames.check("a\nb", 1024))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("a\\u000ab").doesNotContain("\n"));
	}

}
