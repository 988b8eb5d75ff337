package dev.switchboard.fileshare.download;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parsing of single byte ranges (RFC 9110).
 */
class ByteRangeTests {

	@Test
	void shouldParseClosedOpenAndSuffixRanges() {
		assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 100));
		assertThat(ByteRange.parse("bytes=990-", 1000)).isEqualTo(new ByteRange(990, 10));
		assertThat(ByteRange.parse("bytes=-10", 1000)).isEqualTo(new ByteRange(990, 10));
		assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 1000));
		assertThat(ByteRange.parse("bytes=900-5000", 1000)).isEqualTo(new ByteRange(900, 100));
	}

	@Test
	void shouldDescribeTheRangeForContentRange() {
		assertThat(new ByteRange(1000, 100).contentRange(5000)).isEqualTo("bytes 1000-1099/5000");
	}

	@Test
	void shouldSendTheWholeFileForHeadersItDoesNotServe() {
		assertThat(ByteRange.parse(null, 1000)).isNull();
		assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isNull();
		assertThat(ByteRange.parse("items=0-1", 1000)).isNull();
		assertThat(ByteRange.parse("bytes=9-1", 1000)).isNull();
		assertThat(ByteRange.parse("bytes=-", 1000)).isNull();
	}

	@Test
	void shouldRefuseRangesOutsideTheFile() {
		assertThatExceptionOfType(UnsatisfiableRangeException.class)
			.isThrownBy(() -> ByteRange.parse("bytes=1000-", 1000));
		assertThatExceptionOfType(UnsatisfiableRangeException.class)
			.isThrownBy(() -> ByteRange.parse("bytes=-0", 1000));
		assertThatExceptionOfType(UnsatisfiableRangeException.class).isThrownBy(() -> ByteRange.parse("bytes=0-", 0));
		assertThatExceptionOfType(UnsatisfiableRangeException.class)
			.isThrownBy(() -> ByteRange.parse("bytes=99999999999999999999-", 1000));
	}

}
