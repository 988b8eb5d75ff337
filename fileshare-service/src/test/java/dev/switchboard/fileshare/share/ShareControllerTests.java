package dev.switchboard.fileshare.share;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.fileshare.upload.ReceivedUpload;
import dev.switchboard.fileshare.upload.ShareOptions;
import dev.switchboard.fileshare.upload.ShareUploadReader;
import dev.switchboard.fileshare.upload.UploadRefusals;
import dev.switchboard.service.problem.ProblemDetailsExceptionHandler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The shares API controller alone, its service and upload reader mocked.
 */
@WebMvcTest(ShareController.class)
@Import(ProblemDetailsExceptionHandler.class)
class ShareControllerTests {

	private static final String TOKEN = "q7aM1mYV0lWZ3ZaaF2HbvA";

	private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ShareService shares;

	@MockitoBean
	private ShareUploadReader uploadReader;

	@MockitoBean
	private UploadRefusals refusals;

	@Test
	void shouldAnswer201WithTheLinkAndTheDeleteToken() throws Exception {
		ReceivedUpload upload = new ReceivedUpload(List.of(), new ShareOptions(null, null), null);
		given(this.uploadReader.read(any())).willReturn(upload);
		given(this.shares.create(upload)).willReturn(new ShareService.NewShare(share(), "the-delete-token"));

		this.mvc.perform(multipart("/api/shares").file("file", new byte[] { 1 }))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "http://localhost/api/shares/" + TOKEN))
			.andExpect(jsonPath("$.url").value("http://localhost/s/" + TOKEN))
			.andExpect(jsonPath("$.deleteToken").value("the-delete-token"))
			.andExpect(jsonPath("$.files[0].name").value("photos/été.jpg"))
			.andExpect(jsonPath("$.name").value("été.jpg"))
			.andExpect(jsonPath("$.expiresAt").value("2026-11-24T10:00:00Z"));
	}

	@Test
	void shouldShowDetailsWithoutTheDeleteToken() throws Exception {
		given(this.shares.find(TOKEN)).willReturn(share());
		given(this.shares.now()).willReturn(CREATED.plusSeconds(60));

		this.mvc.perform(get("/api/shares/{token}", TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token").value(TOKEN))
			.andExpect(jsonPath("$.deleteToken").doesNotExist())
			.andExpect(jsonPath("$.downloadsLeft").value(3))
			.andExpect(jsonPath("$.state").value("available"))
			.andExpect(jsonPath("$.size").value(42));
	}

	@Test
	void shouldAnswer404ProblemForAnUnknownShare() throws Exception {
		given(this.shares.find(TOKEN)).willThrow(new ShareNotFoundException());

		this.mvc.perform(get("/api/shares/{token}", TOKEN))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", startsWith("No share has this token")));
	}

	@Test
	void shouldAnswer204OnDeleteAnd403ForAWrongDeleteToken() throws Exception {
		this.mvc.perform(delete("/api/shares/{token}", TOKEN).header("X-Delete-Token", "right"))
			.andExpect(status().isNoContent());

		willThrow(new NotAllowedException("Not allowed: wrong delete token.")).given(this.shares)
			.delete(eq(TOKEN), eq("wrong"));
		this.mvc.perform(delete("/api/shares/{token}", TOKEN).header("X-Delete-Token", "wrong"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("Not allowed"));
	}

	@Test
	void shouldDrawTheQrCodeOfTheLink() throws Exception {
		given(this.shares.find(TOKEN)).willReturn(share());

		this.mvc.perform(get("/api/shares/{token}/qr", TOKEN))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", startsWith("image/svg+xml")))
			.andExpect(content().string(startsWith("<svg")));
	}

	private static Share share() {
		return new Share(TOKEN, "hash", 3, CREATED, CREATED.plus(java.time.Duration.ofDays(1)),
				List.of(new SharedFile("photos/été.jpg", 42, "a".repeat(64), 7, "0".repeat(32))));
	}

}
