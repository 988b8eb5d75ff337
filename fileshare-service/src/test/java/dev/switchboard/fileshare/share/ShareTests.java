package dev.switchboard.fileshare.share;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download name and the state of a share.
 */
class ShareTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	@Test
	void shouldNameASingleFileDownloadAfterTheFileItself() {
		assertThat(share("report.pdf").getDownloadName()).isEqualTo("report.pdf");
		assertThat(share("photos/2024/été.jpg").getDownloadName()).isEqualTo("été.jpg");
	}

	@Test
	void shouldNameAZipAfterTheCommonTopFolder() {
		assertThat(share("photos/a.jpg", "photos/2024/b.jpg").getDownloadName()).isEqualTo("photos.zip");
	}

	@Test
	void shouldNameAZipFilesZipWithoutACommonTopFolder() {
		assertThat(share("a.txt", "b.txt").getDownloadName()).isEqualTo("files.zip");
		assertThat(share("photos/a.jpg", "videos/b.mp4").getDownloadName()).isEqualTo("files.zip");
		assertThat(share("photos/a.jpg", "b.txt").getDownloadName()).isEqualTo("files.zip");
	}

	@Test
	void shouldBeAvailableUntilItExpires() {
		Share share = share("a.txt");

		assertThat(share.stateAt(NOW)).isEqualTo(ShareState.AVAILABLE);
		assertThat(share.stateAt(NOW.plusSeconds(3599))).isEqualTo(ShareState.AVAILABLE);
		assertThat(share.stateAt(NOW.plusSeconds(3600))).isEqualTo(ShareState.EXPIRED);
		assertThat(share.getDownloadsLeft()).isEqualTo(2);
	}

	private static Share share(String... names) {
		List<SharedFile> files = Arrays.stream(names)
			.map((name) -> new SharedFile(name, 1, "0".repeat(64), 0, "0".repeat(32)))
			.toList();
		return new Share("token", "hash", 2, NOW, NOW.plusSeconds(3600), files);
	}

}
