package dev.switchboard.messaging.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.messaging.chat.ChatRoster;
import dev.switchboard.test.browser.HeadlessChromium;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code presence-broadcast-limit} with real clients: past it nobody hears of arrivals
 * and departures, a {@code welcome} lists the first ones and the newcomer with
 * {@code onlineCount}, {@code who} still lists everybody; back at 90% of it everybody
 * gets the list, then the announcements resume.
 */
@TestPropertySource(properties = "switchboard.messaging.chat.presence-broadcast-limit=2")
class ChatPresenceLimitTests extends MessagingIntegrationTest {

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private ChatRoster roster;

	@BeforeEach
	void nobodyOnline() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.roster.onlineCount() == 0);
	}

	@Test
	void shouldShowOnThePageHowManyAreOnlineWhenTheWelcomeListsOnlySome() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		Registered carol = register("carol");
		Registered dave = register("dave");
		ChromeDriver browser = HeadlessChromium.start();
		try (ChatTestClient aliceClient = ChatTestClient.signedIn(chatUri(), alice.token());
				ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token());
				ChatTestClient carolClient = ChatTestClient.signedIn(chatUri(), carol.token())) {
			browser.get("http://127.0.0.1:" + this.port + "/chat/");
			browser.findElement(By.id("signin-token")).sendKeys(dave.token());
			browser.findElement(By.id("signin-button")).click();
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until(ExpectedConditions.textToBe(By.id("connection-status"), "online"));
			// four online, the limit 2: the welcome listed alice, bob and dave himself
			wait.until(
					ExpectedConditions.attributeToBe(By.id("online-heading"), "textContent", "Online: 4 (3 listed)"));
			assertThat(listedOnline(wait, sorted(alice, bob, dave))).containsExactly(sorted(alice, bob, dave));
			HeadlessChromium.screenshot(browser, "chat-online-partly-listed");
			// two online again, at most 90% of 2: the page gets everybody, the heading
			// its name
			carolClient.close();
			bobClient.close();
			wait.until(ExpectedConditions.attributeToBe(By.id("online-heading"), "textContent", "Online"));
			assertThat(listedOnline(wait, sorted(alice, dave))).containsExactly(sorted(alice, dave));
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void shouldGoQuietPastTheLimitAndResumeWithTheListOfWhoIsOnline() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		Registered carol = register("carol");
		Registered dave = register("dave");
		double withheldBefore = withheld();
		try (ChatTestClient aliceClient = ChatTestClient.signedIn(chatUri(), alice.token());
				ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token())) {
			assertThat(aliceClient.next("presence").path("joined").asString()).isEqualTo(bob.nickname());
			ChatTestClient carolClient = ChatTestClient.open(chatUri());
			carolClient.send("{\"type\":\"auth\",\"token\":\"" + carol.token() + "\"}");
			JsonNode welcome = carolClient.next("welcome");
			assertThat(strings(welcome.path("online"))).containsExactly(sorted(alice, bob, carol));
			assertThat(welcome.has("onlineCount")).isFalse();
			// four online, more than the limit: dave's welcome lists the first two and
			// him
			ChatTestClient daveClient = ChatTestClient.open(chatUri());
			daveClient.send("{\"type\":\"auth\",\"token\":\"" + dave.token() + "\"}");
			JsonNode daveWelcome = daveClient.next("welcome");
			assertThat(strings(daveWelcome.path("online"))).containsExactly(sorted(alice, bob, dave));
			assertThat(daveWelcome.path("onlineCount").asInt()).isEqualTo(4);
			daveClient.send("{\"type\":\"who\",\"ref\":\"all\"}");
			assertThat(strings(daveClient.next("presence").path("online")))
				.containsExactly(sorted(alice, bob, carol, dave));
			daveClient.close();
			// three online, then four, then three: above the limit of 2, nothing
			// announced
			aliceClient.send("{\"type\":\"who\",\"ref\":\"w\"}");
			JsonNode who = aliceClient.next("presence");
			assertThat(who.path("ref").asString()).as("the next presence frame answers who: %s", who).isEqualTo("w");
			assertThat(strings(who.path("online"))).contains(alice.nickname(), bob.nickname(), carol.nickname());
			// carol leaves: two online, at most 90% of 2, so everybody gets the list
			carolClient.close();
			for (ChatTestClient client : List.of(aliceClient, bobClient)) {
				JsonNode list = client.next("presence");
				assertThat(list.has("ref")).as("an unasked list: %s", list).isFalse();
				assertThat(strings(list.path("online"))).containsExactly(sorted(alice, bob));
			}
			assertThat(withheld() - withheldBefore).isEqualTo(3);
			bobClient.close();
			assertThat(aliceClient.next("presence").path("left").asString()).isEqualTo(bob.nickname());
		}
	}

	/**
	 * The names the page's online list shows, once they are the expected ones (or what it
	 * shows after 20 s): the list is drawn again whenever presence changes, so its items
	 * are read together, by one script, not one by one.
	 */
	private static List<String> listedOnline(WebDriverWait wait, String... expected) {
		List<String> listed = new ArrayList<>();
		try {
			wait.until((driver) -> {
				listed.clear();
				listed.addAll(namesOnline((ChromeDriver) driver));
				return listed.equals(List.of(expected));
			});
		}
		catch (TimeoutException ex) {
			// the assertion that follows says what was listed
		}
		return listed;
	}

	private static List<String> namesOnline(ChromeDriver browser) {
		Object names = browser
			.executeScript("return Array.from(document.querySelectorAll('#online li'), (li) => li.innerText.trim())");
		return ((List<?>) names).stream().map(String::valueOf).toList();
	}

	private String[] sorted(Registered... users) {
		List<String> nicknames = new ArrayList<>();
		for (Registered user : users) {
			nicknames.add(user.nickname());
		}
		nicknames.sort(String.CASE_INSENSITIVE_ORDER);
		return nicknames.toArray(String[]::new);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private double withheld() {
		return this.registry.get("switchboard.chat.presence.withheld").functionCounter().count();
	}

}
