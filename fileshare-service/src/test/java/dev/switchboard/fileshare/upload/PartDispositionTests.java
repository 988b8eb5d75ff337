package dev.switchboard.fileshare.upload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PartDispositionTests {

	@Test
	void shouldReadTheFieldAndFileNamesOfAFilePart() {
		PartDisposition disposition = PartDisposition.of("Content-Disposition: form-data; name=\"file\"; "
				+ "filename=\" report.pdf \"\r\nContent-Type: application/pdf\r\n\r\n");
		assertThat(disposition).isEqualTo(new PartDisposition("file", "report.pdf"));
	}

	@Test
	void shouldReadAFieldWithoutFileNameWhateverTheHeaderNamesCase() {
		assertThat(PartDisposition.of("content-disposition: form-data; name=maxDownloads\r\n\r\n"))
			.isEqualTo(new PartDisposition("maxDownloads", null));
	}

	@Test
	void shouldDecodeEncodedFileNames() {
		assertThat(PartDisposition
			.of("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%C3%A9t%C3%A9.txt\r\n\r\n")
			.filename()).isEqualTo("été.txt");
		assertThat(PartDisposition
			.of("Content-Disposition: form-data; name=\"file\"; filename=\"=?UTF-8?B?w6l0w6kudHh0?=\"\r\n\r\n")
			.filename()).isEqualTo("été.txt");
	}

	@Test
	void shouldUnfoldAFoldedHeader() {
		assertThat(PartDisposition.of("Content-Disposition: form-data; name=\"file\";\r\n filename=\"a.txt\"\r\n\r\n"))
			.isEqualTo(new PartDisposition("file", "a.txt"));
	}

	@Test
	void shouldNameNothingForAPartWithoutFormDataDisposition() {
		assertThat(PartDisposition.of("Content-Type: text/plain\r\n\r\n")).isEqualTo(new PartDisposition(null, null));
		assertThat(PartDisposition.of("Content-Disposition: inline; name=\"file\"\r\n\r\n"))
			.isEqualTo(new PartDisposition(null, null));
		assertThat(PartDisposition.of("Content-Disposition: attachment; filename=\"a.txt\"\r\n\r\n"))
			.isEqualTo(new PartDisposition(null, "a.txt"));
	}

	@Test
	void shouldRefuseADispositionThatCannotBeParsedAsAnInvalidUpload() {
		assertThatExceptionOfType(InvalidUploadException.class)
			.isThrownBy(() -> PartDisposition.of("Content-Disposition: ;\r\n\r\n"))
			.withMessageStartingWith("The multipart body is malformed");
	}

}
