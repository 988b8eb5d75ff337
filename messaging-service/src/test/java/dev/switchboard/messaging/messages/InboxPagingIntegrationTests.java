package dev.switchboard.messaging.messages;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.messaging.MessagingIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading an inbox backwards with {@code before} against the real database: every page
 * holds the latest messages before the previous one, so reading back to the start gives
 * every message once, and nobody else's.
 */
class InboxPagingIntegrationTests extends MessagingIntegrationTest {

	@Autowired
	private MessageService messages;

	@Test
	void shouldReadTheInboxBackwardsWithoutGapOrDuplicate() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		Registered carol = register("carol");
		Correspondent aliceId = new Correspondent(alice.id(), alice.nickname());
		Correspondent bobId = new Correspondent(bob.id(), bob.nickname());
		Correspondent carolId = new Correspondent(carol.id(), carol.nickname());
		List<Long> expected = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			expected.add(this.messages.storeDirectMessage(bobId, aliceId, "to alice " + i).id());
			this.messages.storeDirectMessage(aliceId, carolId, "to carol " + i);
		}

		List<Long> read = new ArrayList<>();
		long before = Long.MAX_VALUE;
		List<Integer> pageSizes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			List<Long> page = ids(inbox(alice, "before=" + before + "&limit=4"));
			pageSizes.add(page.size());
			assertThat(page).isSortedAccordingTo((a, b) -> Long.compare(b, a));
			read.addAll(page);
			if (page.size() < 4) {
				break;
			}
			before = page.getLast();
		}
		assertThat(pageSizes).containsExactly(4, 4, 3);
		assertThat(read).containsExactlyElementsOf(expected.reversed());

		// since and before together: the messages strictly between, newest first
		assertThat(ids(inbox(alice, "since=" + expected.get(2) + "&before=" + expected.get(6))))
			.containsExactly(expected.get(5), expected.get(4), expected.get(3));
		// without before: oldest first, as before
		assertThat(ids(inbox(alice, "limit=3"))).containsExactlyElementsOf(expected.subList(0, 3));
	}

	private String inbox(Registered owner, String query) {
		HttpResponse<String> response = get("/api/users/" + owner.id() + "/messages?" + query, owner.token());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static List<Long> ids(String body) {
		List<Long> ids = new ArrayList<>();
		for (JsonNode message : json.readTree(body)) {
			ids.add(message.get("id").asLong());
		}
		return ids;
	}

}
