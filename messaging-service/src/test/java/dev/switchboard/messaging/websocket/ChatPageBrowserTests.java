package dev.switchboard.messaging.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.messaging.messages.Correspondent;
import dev.switchboard.messaging.messages.MessageService;
import dev.switchboard.test.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the web chat page in real headless Chromium: what a person sees at each step
 * (one view at a time), chatting in a room and in direct messages, reconnection, the
 * keyboard, the dark theme, and long conversations read newest first. Screenshots land in
 * {@code target/screenshots}.
 */
class ChatPageBrowserTests extends MessagingIntegrationTest {

	/** The page reads the inbox by pages of this size (chat.js). */
	private static final int INBOX_PAGE = 50;

	/** A join answers this many of a room's latest messages. */
	private static final int ROOM_HISTORY = 50;

	private static final By SIGNUP_CARD = By.id("signup-card");

	private static final By SIGNIN_CARD = By.id("signin-card");

	private static final By TOKEN = By.id("token-value");

	private static final By CONTINUE = By.id("continue-button");

	private static final By CHAT = By.id("chat-view");

	private static final By SESSION = By.id("session");

	@Autowired
	private ChatWebSocketHandler handler;

	@Autowired
	private MessageService messages;

	@Test
	void shouldLetTwoPeopleSignUpChatAndReconnectShowingOneViewAtATime() {
		ChromeDriver aliceBrowser = HeadlessChromium.start();
		ChromeDriver bobBrowser = HeadlessChromium.start();
		try {
			String alice = uniqueNickname("alice");
			String bob = uniqueNickname("bob");

			// signed out: the sign-up and sign-in cards only
			aliceBrowser.get(chatPage());
			assertDisplayed(aliceBrowser, SIGNUP_CARD, SIGNIN_CARD);
			assertNotDisplayed(aliceBrowser, TOKEN, CONTINUE, CHAT, SESSION);
			HeadlessChromium.screenshot(aliceBrowser, "chat-signed-out");

			// the new token: the token and "Continue" only
			aliceBrowser.findElement(By.id("signup-nickname")).sendKeys(alice);
			aliceBrowser.findElement(By.id("signup-button")).click();
			String aliceToken = waitUntil(aliceBrowser, ExpectedConditions.visibilityOfElementLocated(TOKEN)).getText();
			assertThat(aliceToken).hasSize(43);
			assertDisplayed(aliceBrowser, TOKEN, CONTINUE);
			assertNotDisplayed(aliceBrowser, SIGNUP_CARD, SIGNIN_CARD, CHAT, SESSION);
			HeadlessChromium.screenshot(aliceBrowser, "chat-token-shown");

			// signed in: the chat only, the header naming the user
			aliceBrowser.findElement(CONTINUE).click();
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
			assertDisplayed(aliceBrowser, CHAT, SESSION);
			assertNotDisplayed(aliceBrowser, SIGNUP_CARD, SIGNIN_CARD, TOKEN, CONTINUE);
			assertThat(aliceBrowser.findElement(By.id("me")).getText()).isEqualTo(alice);
			assertThat(aliceBrowser.findElement(TOKEN).getDomProperty("textContent")).isEmpty();

			signUp(bobBrowser, bob);
			for (WebDriver browser : List.of(aliceBrowser, bobBrowser)) {
				waitUntil(browser, ExpectedConditions.textToBe(By.id("conversation-title"), "#general"));
				assertThat(browser.findElement(By.id("conversation-kind")).getText()).isEqualTo("Room");
			}

			say(aliceBrowser, "Hello from Alice");
			waitForMessage(bobBrowser, "Hello from Alice");
			say(bobBrowser, "Hi Alice, welcome to #general");
			waitForMessage(aliceBrowser, "Hi Alice, welcome to #general");
			HeadlessChromium.screenshot(aliceBrowser, "chat-in-a-room");

			click(bobBrowser, onlineEntry(alice));
			waitUntil(bobBrowser, ExpectedConditions.textToBe(By.id("conversation-title"), alice));
			say(bobBrowser, "psst, Alice");
			// the sidebar is drawn again on every presence change: wait for the text, not
			// an element
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.cssSelector(dmEntry(bob) + " .unread"), "1"));
			click(aliceBrowser, By.cssSelector(dmEntry(bob)));
			waitForMessage(aliceBrowser, "psst, Alice");
			assertThat(aliceBrowser.findElement(By.id("conversation-kind")).getText())
				.isEqualTo("Direct messages with");

			// the server drops alice's socket: the page reconnects and joins #general
			// again, asking for what was said since the last message it has
			Set<String> before = connectionsOf(alice);
			this.handler.connections()
				.stream()
				.filter((connection) -> before.contains(connection.id()))
				.forEach((connection) -> connection.close(CloseStatus.SERVICE_RESTARTED));
			waitUntil(aliceBrowser, (driver) -> !connectionsOf(alice).isEmpty()
					&& connectionsOf(alice).stream().noneMatch(before::contains));
			click(aliceBrowser, roomEntry("general"));
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
			click(bobBrowser, roomEntry("general"));
			say(bobBrowser, "Welcome back");
			waitForMessage(aliceBrowser, "Welcome back");
			// #general as alice's page has it: each message once, in order, nothing lost
			assertThat(shownTexts(aliceBrowser)).containsSubsequence("Hello from Alice",
					"Hi Alice, welcome to #general", "Welcome back");
			assertThat(shownIds(aliceBrowser)).doesNotHaveDuplicates().isSorted();

			// signing out: the cards again, nothing of the chat
			aliceBrowser.findElement(By.id("signout-button")).click();
			assertDisplayed(aliceBrowser, SIGNUP_CARD, SIGNIN_CARD);
			assertNotDisplayed(aliceBrowser, TOKEN, CONTINUE, CHAT, SESSION);

			// and in again with the token shown at sign-up
			aliceBrowser.findElement(By.id("signin-token")).sendKeys(aliceToken);
			aliceBrowser.findElement(By.id("signin-button")).click();
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("me"), alice));
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
			assertDisplayed(aliceBrowser, CHAT, SESSION);
			assertNotDisplayed(aliceBrowser, SIGNUP_CARD, SIGNIN_CARD, TOKEN, CONTINUE);
		}
		finally {
			aliceBrowser.quit();
			bobBrowser.quit();
		}
	}

	@Test
	void shouldOpenADirectConversationAndSendWithTheKeyboardOnly() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		ChromeDriver aliceBrowser = HeadlessChromium.start();
		ChromeDriver bobBrowser = HeadlessChromium.start();
		try {
			signIn(bobBrowser, bob);
			signIn(aliceBrowser, alice);
			waitUntil(aliceBrowser, ExpectedConditions.presenceOfElementLocated(onlineEntry(bob.nickname())));
			assertThat(aliceBrowser.findElement(By.id("messages")).getDomAttribute("aria-live")).isEqualTo("polite");

			// Tab until bob's entry in the online list has the focus, then Enter
			aliceBrowser.executeScript("document.activeElement.blur()");
			boolean reached = false;
			for (int i = 0; i < 40 && !reached; i++) {
				new Actions(aliceBrowser).sendKeys(Keys.TAB).perform();
				reached = bob.nickname()
					.equals(aliceBrowser.executeScript(
							"return document.activeElement.closest('#online') && document.activeElement.dataset.nick"));
			}
			assertThat(reached).as("Tab reaches bob's entry in the online list").isTrue();
			new Actions(aliceBrowser).sendKeys(Keys.ENTER).perform();

			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("conversation-title"), bob.nickname()));
			assertThat(aliceBrowser.findElement(By.id("conversation-heading")).getText())
				.isEqualTo("Direct messages with " + bob.nickname());
			assertThat(aliceBrowser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("composer-input");
			new Actions(aliceBrowser).sendKeys("typed, never clicked").sendKeys(Keys.ENTER).perform();

			waitForMessage(aliceBrowser, "typed, never clicked");
			click(bobBrowser, By.cssSelector(dmEntry(alice.nickname())));
			waitForMessage(bobBrowser, "typed, never clicked");
			waitUntil(aliceBrowser,
					ExpectedConditions.attributeToBe(By.cssSelector(dmEntry(bob.nickname())), "aria-current", "true"));
		}
		finally {
			aliceBrowser.quit();
			bobBrowser.quit();
		}
	}

	@Test
	void shouldFollowTheSystemColourScheme() {
		Registered alice = register("alice");
		ChromeDriver browser = HeadlessChromium.start();
		try {
			HeadlessChromium.emulateColorScheme(browser, "light");
			browser.get(chatPage());
			assertThat(HeadlessChromium.luminance(browser, "body", "background-color")).isGreaterThan(0.9);
			assertThat(HeadlessChromium.luminance(browser, "body", "color")).isLessThan(0.1);

			HeadlessChromium.emulateColorScheme(browser, "dark");
			assertThat(HeadlessChromium.luminance(browser, "body", "background-color")).isLessThan(0.05);
			assertThat(HeadlessChromium.luminance(browser, "body", "color")).isGreaterThan(0.9);
			// the landing page's accent, in both schemes
			assertThat(cssValue(browser, "#signup-button", "background-color"))
				.matches("rgba?\\(47, 111, 223(, 1)?\\)");
			HeadlessChromium.screenshot(browser, "chat-dark-signed-out");

			signIn(browser, alice);
			waitUntil(browser, ExpectedConditions.textToBe(By.id("conversation-title"), "#general"));
			say(browser, "Dark, and still readable");
			waitForMessage(browser, "Dark, and still readable");
			assertThat(HeadlessChromium.luminance(browser, "#messages li.message .text", "color")).isGreaterThan(0.9);
			assertThat(HeadlessChromium.luminance(browser, "#composer-input", "background-color")).isLessThan(0.05);
			HeadlessChromium.screenshot(browser, "chat-dark-theme");
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void shouldShowTheNewestMessagesFirstAndLoadOlderOnesWithoutGapOrDuplicate() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		Registered carol = register("carol");
		Correspondent aliceId = new Correspondent(alice.id(), alice.nickname());
		Correspondent bobId = new Correspondent(bob.id(), bob.nickname());
		Correspondent carolId = new Correspondent(carol.id(), carol.nickname());
		List<String> inbox = new ArrayList<>();
		for (int i = 1; i <= 2 * INBOX_PAGE + 20; i++) {
			inbox.add("bob " + i);
			this.messages.storeDirectMessage(bobId, aliceId, "bob " + i);
			if (i % 10 == 0) {
				// another conversation in between, on the same inbox pages
				inbox.add("carol " + i);
				this.messages.storeDirectMessage(carolId, aliceId, "carol " + i);
			}
		}
		List<String> fromBob = inbox.stream().filter((text) -> text.startsWith("bob ")).toList();
		// bob's messages among the newest page of the inbox
		List<String> newestFromBob = inbox.subList(inbox.size() - INBOX_PAGE, inbox.size())
			.stream()
			.filter((text) -> text.startsWith("bob "))
			.toList();
		String room = "long" + alice.id();
		List<String> inRoom = new ArrayList<>();
		for (int i = 1; i <= 2 * ROOM_HISTORY + 10; i++) {
			inRoom.add("room " + i);
			this.messages.storeRoomMessage(carolId, room, "room " + i);
		}

		ChromeDriver browser = HeadlessChromium.start();
		try {
			signIn(browser, alice);
			click(browser, By.cssSelector(dmEntry(bob.nickname())));
			waitUntil(browser, (driver) -> shownTexts(driver).size() == newestFromBob.size());
			assertThat(newestFromBob).hasSizeGreaterThan(INBOX_PAGE * 8 / 10);
			assertThat(shownTexts(browser)).containsExactlyElementsOf(newestFromBob);
			assertThat(isScrolledToTheEnd(browser)).isTrue();

			loadEveryOlderMessage(browser, fromBob);

			click(browser, By.cssSelector(dmEntry(carol.nickname())));
			waitUntil(browser, ExpectedConditions.textToBe(By.id("conversation-title"), carol.nickname()));
			assertThat(shownTexts(browser)).hasSize((2 * INBOX_PAGE + 20) / 10)
				.allMatch((text) -> text.startsWith("carol "));

			// a room shows its latest messages, oldest of them first
			browser.findElement(By.id("room-input")).sendKeys(room);
			browser.findElement(By.id("join-button")).click();
			waitUntil(browser, ExpectedConditions.textToBe(By.id("conversation-title"), "#" + room));
			waitUntil(browser, (driver) -> shownTexts(driver).size() == ROOM_HISTORY);
			assertThat(shownTexts(browser))
				.containsExactlyElementsOf(inRoom.subList(inRoom.size() - ROOM_HISTORY, inRoom.size()));
			// and its older ones a page at a time
			loadEveryOlderMessage(browser, inRoom);
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * Click "Load older messages" until it goes: after each click the conversation shows
	 * its latest messages, contiguous (no gap, no duplicate); at the end all of them.
	 */
	private static void loadEveryOlderMessage(WebDriver browser, List<String> all) {
		By older = By.id("older-button");
		int clicks = 0;
		while (browser.findElement(older).isDisplayed() && clicks++ < 10) {
			int shown = shownTexts(browser).size();
			waitUntil(browser, ExpectedConditions.elementToBeClickable(older)).click();
			waitUntil(browser,
					(driver) -> shownTexts(driver).size() > shown || !driver.findElement(older).isDisplayed());
			List<String> texts = shownTexts(browser);
			assertThat(texts).containsExactlyElementsOf(all.subList(all.size() - texts.size(), all.size()));
		}
		assertThat(shownTexts(browser)).containsExactlyElementsOf(all);
		waitUntil(browser, ExpectedConditions.invisibilityOfElementLocated(older));
	}

	private String chatPage() {
		return "http://127.0.0.1:" + this.port + "/chat/";
	}

	private void signUp(WebDriver browser, String nickname) {
		browser.get(chatPage());
		browser.findElement(By.id("signup-nickname")).sendKeys(nickname);
		browser.findElement(By.id("signup-button")).click();
		waitUntil(browser, ExpectedConditions.visibilityOfElementLocated(TOKEN));
		browser.findElement(CONTINUE).click();
		waitUntil(browser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
		assertThat(browser.findElement(By.id("me")).getText()).isEqualTo(nickname);
	}

	private void signIn(WebDriver browser, Registered user) {
		browser.get(chatPage());
		browser.findElement(By.id("signin-token")).sendKeys(user.token());
		browser.findElement(By.id("signin-button")).click();
		waitUntil(browser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
		assertThat(browser.findElement(By.id("me")).getText()).isEqualTo(user.nickname());
	}

	private static void assertDisplayed(WebDriver browser, By... elements) {
		for (By element : elements) {
			assertThat(browser.findElement(element).isDisplayed()).as("%s is displayed", element).isTrue();
		}
	}

	private static void assertNotDisplayed(WebDriver browser, By... elements) {
		for (By element : elements) {
			assertThat(browser.findElement(element).isDisplayed()).as("%s is not displayed", element).isFalse();
		}
	}

	private static void say(WebDriver browser, String text) {
		WebElement input = waitUntil(browser, ExpectedConditions.elementToBeClickable(By.id("composer-input")));
		input.sendKeys(text);
		browser.findElement(By.id("send-button")).click();
	}

	private static void waitForMessage(WebDriver browser, String text) {
		waitUntil(browser, (driver) -> shownTexts(driver).contains(text));
	}

	@SuppressWarnings("unchecked")
	private static List<String> shownTexts(WebDriver browser) {
		return (List<String>) ((ChromeDriver) browser).executeScript(
				"return [...document.querySelectorAll('#messages li.message .text')].map((e) => e.textContent)");
	}

	@SuppressWarnings("unchecked")
	private static List<Long> shownIds(WebDriver browser) {
		return (List<Long>) ((ChromeDriver) browser).executeScript(
				"return [...document.querySelectorAll('#messages li.message')].map((e) => Number(e.dataset.id))");
	}

	private static boolean isScrolledToTheEnd(ChromeDriver browser) {
		return (Boolean) browser.executeScript("const pane = document.getElementById('message-pane');"
				+ "return pane.scrollHeight - pane.scrollTop - pane.clientHeight < 2");
	}

	private static By onlineEntry(String nickname) {
		return By.cssSelector("#online button[data-nick='" + nickname + "']");
	}

	private static By roomEntry(String room) {
		return By.cssSelector("#rooms button[data-room='" + room + "']");
	}

	private static String dmEntry(String nickname) {
		return "#dms button[data-dm='" + nickname + "']";
	}

	private static String cssValue(WebDriver browser, String selector, String property) {
		return browser.findElement(By.cssSelector(selector)).getCssValue(property);
	}

	private Set<String> connectionsOf(String nickname) {
		return this.handler.connections()
			.stream()
			.filter((connection) -> connection.isAuthenticated() && connection.identity().nickname().equals(nickname))
			.map(WebSocketChatConnection::id)
			.collect(Collectors.toSet());
	}

	/**
	 * Click a sidebar entry once it can be clicked: the sidebar is drawn again whenever
	 * presence changes, so the element found may be replaced before the click lands.
	 */
	private static void click(WebDriver browser, By entry) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				WebElement element = driver.findElement(entry);
				if (!element.isDisplayed() || !element.isEnabled()) {
					return false;
				}
				element.click();
				return true;
			});
	}

	private static <T> T waitUntil(WebDriver browser, Function<? super WebDriver, T> condition) {
		return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
	}

}
