package dev.switchboard.chatclient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TerminalText}: what reaches the terminal never holds a control
 * character or a bidi control.
 */
class TerminalTextTests {

	@Test
	void shouldShowEscapeSequencesInCaretNotation() {
		assertThat(TerminalText.visible("\u001b]0;pwned\u0007\u001b[2J")).isEqualTo("^[]0;pwned^G^[[2J");
	}

	@Test
	void shouldShowEveryC0ControlButTabAndDel() {
		assertThat(TerminalText.visible("\u0000a\tb\nc\rd\u007f")).isEqualTo("^@a\tb^Jc^Md^?");
		for (char c = 0; c < 0x20; c++) {
			if (c != '\t') {
				assertThat(TerminalText.visible(String.valueOf(c))).hasSize(2).startsWith("^");
			}
		}
	}

	@Test
	void shouldShowC1ControlsAsCatDoes() {
		assertThat(TerminalText.visible("\u009b2J\u0085\u0080\u009f")).isEqualTo("M-^[2JM-^EM-^@M-^_");
	}

	@Test
	void shouldDropBidiOverridesAndIsolates() {
		assertThat(TerminalText.visible("abc\u202Etxt.exe\u202C \u2066x\u2069\u202A\u202B\u202D\u2067\u2068"))
			.isEqualTo("abctxt.exe x");
	}

	@Test
	void shouldKeepPrintableTextAsItIs() {
		String text = "Salut ! ça farte ? 日本語 😀 \u200E";
		assertThat(TerminalText.visible(text)).isSameAs(text);
		assertThat(TerminalText.visible(null)).isEqualTo("null");
		assertThat(TerminalText.visible(42L)).isEqualTo("42");
	}

	@Test
	void shouldLeaveNoControlCharacterWhateverTheInput() {
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x3000; c++) {
			every.append(c);
		}
		String visible = TerminalText.visible(every);
		assertThat(visible.chars()).noneMatch((c) -> Character.getType(c) == Character.CONTROL && c != '\t')
			.noneMatch((c) -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
	}

}
