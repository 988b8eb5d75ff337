package dev.switchboard.socket.framing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Utf8Validator}: it accepts exactly what Java's strict decoder accepts.
 */
class Utf8ValidatorTests {

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final CharBuffer chars = CharBuffer.allocate(8);

	@ParameterizedTest
	@ValueSource(strings = { "c0af", "c1bf", "e080af", "eda080", "edbfbf", "f08280af", "80", "bf", "61bf62", "e282",
			"e2", "c3", "f0908d", "f8888080 80", "fc8480808080", "f4908080", "f5808080", "fe", "ff", "c328", "e228a1",
			"f0289028" })
	void shouldRefuseInvalidSequences(String hex) {
		byte[] bytes = bytes(hex);
		assertThat(Utf8Validator.isValid(bytes)).as(hex).isFalse();
		assertThat(strictlyDecodes(bytes)).as("the JDK agrees on " + hex).isFalse();
		assertThatExceptionOfType(InvalidUtf8Exception.class)
			.isThrownBy(() -> Utf8Validator.validate(bytes, 0, bytes.length, "request"))
			.withMessageStartingWith("request is not valid UTF-8: ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "00", "7f", "636166c3a9", "e282ac", "f09f9880", "f48fbfbf", "ed9fbf", "ee8080",
			"efbfbf", "c280", "dfbf", "e0a080", "f0908080" })
	void shouldAcceptValidSequences(String hex) {
		byte[] bytes = bytes(hex);
		assertThat(Utf8Validator.isValid(bytes)).as(hex).isTrue();
		assertThat(strictlyDecodes(bytes)).as("the JDK agrees on " + hex).isTrue();
	}

	@Test
	void shouldSayWhereTheFirstInvalidByteIs() {
		byte[] overlong = bytes("42616420c0af");
		assertThatExceptionOfType(InvalidUtf8Exception.class)
			.isThrownBy(() -> Utf8Validator.validate(overlong, 0, overlong.length, "request"))
			.withMessage("request is not valid UTF-8: byte 0xC0 at offset 4 cannot be there");
		byte[] cutShort = bytes("636166e282");
		assertThatExceptionOfType(InvalidUtf8Exception.class)
			.isThrownBy(() -> Utf8Validator.validate(cutShort, 0, cutShort.length, "line"))
			.withMessage("line is not valid UTF-8: the character at offset 3 is cut short");
	}

	@Test
	void shouldAgreeWithTheJdkOnEverySequenceOfUpToThreeBytes() {
		byte[] one = new byte[1];
		byte[] two = new byte[2];
		byte[] three = new byte[3];
		for (int b0 = 0; b0 < 256; b0++) {
			one[0] = (byte) b0;
			assertThat(Utf8Validator.isValid(one)).as("%02x", b0).isEqualTo(strictlyDecodes(one));
			for (int b1 = 0; b1 < 256; b1++) {
				two[0] = (byte) b0;
				two[1] = (byte) b1;
				assertThat(Utf8Validator.isValid(two)).as("%02x %02x", b0, b1).isEqualTo(strictlyDecodes(two));
				if (b0 < 0xE0 || b0 > 0xEF) {
					continue; // the three-byte forms; others are covered by their
								// prefixes
				}
				for (int b2 = 0; b2 < 256; b2++) {
					three[0] = (byte) b0;
					three[1] = (byte) b1;
					three[2] = (byte) b2;
					assertThat(Utf8Validator.isValid(three)).as("%02x %02x %02x", b0, b1, b2)
						.isEqualTo(strictlyDecodes(three));
				}
			}
		}
	}

	@Test
	void shouldAgreeWithTheJdkOnFourByteForms() {
		int[] tails = { 0x00, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF };
		byte[] four = new byte[4];
		for (int b0 = 0xF0; b0 < 256; b0++) {
			for (int b1 = 0; b1 < 256; b1++) {
				for (int b2 : tails) {
					for (int b3 : tails) {
						four[0] = (byte) b0;
						four[1] = (byte) b1;
						four[2] = (byte) b2;
						four[3] = (byte) b3;
						assertThat(Utf8Validator.isValid(four)).as("%02x %02x %02x %02x", b0, b1, b2, b3)
							.isEqualTo(strictlyDecodes(four));
					}
				}
			}
		}
	}

	@Test
	void shouldGiveTheSameAnswerWhateverTheBytesArriveIn() {
		byte[] text = "Hélène € 😀 ok".getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split <= text.length; split++) {
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.check(text, 0, split)).isEqualTo(-1);
			assertThat(validator.check(text, split, text.length)).isEqualTo(-1);
			assertThat(validator.isComplete()).isTrue();
		}
		byte[] overlong = bytes("61e080af62");
		for (int split = 0; split <= overlong.length; split++) {
			Utf8Validator validator = new Utf8Validator();
			int first = validator.check(overlong, 0, split);
			int invalid = (first >= 0) ? first : validator.check(overlong, split, overlong.length);
			assertThat(invalid).as("split at %d", split).isEqualTo(2);
		}
	}

	@Test
	void shouldTellAnIncompleteLastCharacterAndWhereItStarts() {
		byte[] bytes = bytes("636166f09f98");
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.check(bytes, 0, bytes.length)).isEqualTo(-1);
		assertThat(validator.isComplete()).isFalse();
		assertThat(validator.missingBytes()).isEqualTo(1);
		assertThat(validator.sequenceStart()).isEqualTo(3);
	}

	private boolean strictlyDecodes(byte[] bytes) {
		this.decoder.reset();
		this.chars.clear();
		ByteBuffer input = ByteBuffer.wrap(bytes);
		CoderResult result = this.decoder.decode(input, this.chars, true);
		if (result.isError()) {
			return false;
		}
		return !this.decoder.flush(this.chars).isError() && !input.hasRemaining();
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

}
