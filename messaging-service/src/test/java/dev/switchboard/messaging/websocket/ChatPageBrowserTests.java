package dev.switchboard.messaging.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.test.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the web chat page in real headless Chromium: two people sign up, chat in a
 * room and in direct messages, and a dropped connection comes back by itself.
 */
class ChatPageBrowserTests extends MessagingIntegrationTest {

	@Autowired
	private ChatWebSocketHandler handler;

	@Test
	void shouldLetTwoPeopleSignUpChatAndReconnect() {
		ChromeDriver aliceBrowser = HeadlessChromium.start();
		ChromeDriver bobBrowser = HeadlessChromium.start();
		try {
			String alice = uniqueNickname("alice");
			String bob = uniqueNickname("bob");
			String aliceToken = signUp(aliceBrowser, alice);
			signUp(bobBrowser, bob);
			assertThat(aliceToken).hasSize(43);
			for (WebDriver browser : List.of(aliceBrowser, bobBrowser)) {
				waitUntil(browser, ExpectedConditions.textToBe(By.id("conversation-title"), "#general"));
			}

			say(aliceBrowser, "Hello from Alice");
			waitForMessage(bobBrowser, "Hello from Alice");

			waitUntil(bobBrowser, ExpectedConditions.elementToBeClickable(onlineEntry(alice))).click();
			waitUntil(bobBrowser, ExpectedConditions.textToBe(By.id("conversation-title"), alice));
			say(bobBrowser, "psst, Alice");
			WebElement unread = waitUntil(aliceBrowser, ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#dms li[data-dm='" + bob + "'] .unread")));
			assertThat(unread.getText()).isEqualTo("1");
			aliceBrowser.findElement(By.cssSelector("#dms li[data-dm='" + bob + "']")).click();
			waitForMessage(aliceBrowser, "psst, Alice");

			// the server drops alice's socket: the page reconnects and joins #general
			// again
			Set<String> before = connectionsOf(alice);
			this.handler.connections()
				.stream()
				.filter((connection) -> before.contains(connection.id()))
				.forEach((connection) -> connection.close(CloseStatus.SERVICE_RESTARTED));
			waitUntil(aliceBrowser, (driver) -> !connectionsOf(alice).isEmpty()
					&& connectionsOf(alice).stream().noneMatch(before::contains));
			aliceBrowser.findElement(By.cssSelector("#rooms li[data-room='general']")).click();
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
			bobBrowser.findElement(By.cssSelector("#rooms li[data-room='general']")).click();
			say(bobBrowser, "Welcome back");
			waitForMessage(aliceBrowser, "Welcome back");

			// signing out and in again with the token shown at sign-up
			aliceBrowser.findElement(By.id("signout-button")).click();
			aliceBrowser.findElement(By.id("signin-token")).sendKeys(aliceToken);
			aliceBrowser.findElement(By.id("signin-button")).click();
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("me"), alice));
			waitUntil(aliceBrowser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
		}
		finally {
			aliceBrowser.quit();
			bobBrowser.quit();
		}
	}

	private String signUp(WebDriver browser, String nickname) {
		browser.get("http://127.0.0.1:" + this.port + "/chat/");
		browser.findElement(By.id("signup-nickname")).sendKeys(nickname);
		browser.findElement(By.id("signup-button")).click();
		WebElement token = waitUntil(browser, ExpectedConditions.visibilityOfElementLocated(By.id("token-value")));
		String value = token.getText();
		browser.findElement(By.id("continue-button")).click();
		waitUntil(browser, ExpectedConditions.textToBe(By.id("connection-status"), "online"));
		assertThat(browser.findElement(By.id("me")).getText()).isEqualTo(nickname);
		return value;
	}

	private static void say(WebDriver browser, String text) {
		WebElement input = waitUntil(browser, ExpectedConditions.elementToBeClickable(By.id("composer-input")));
		input.sendKeys(text);
		browser.findElement(By.id("send-button")).click();
	}

	private static void waitForMessage(WebDriver browser, String text) {
		waitUntil(browser,
				(driver) -> driver.findElements(By.cssSelector("#messages li.message .text"))
					.stream()
					.anyMatch((element) -> element.getText().equals(text)));
	}

	private static By onlineEntry(String nickname) {
		return By.cssSelector("#online li[data-nick='" + nickname + "']");
	}

	private Set<String> connectionsOf(String nickname) {
		return this.handler.connections()
			.stream()
			.filter((connection) -> connection.isAuthenticated() && connection.identity().nickname().equals(nickname))
			.map(WebSocketChatConnection::id)
			.collect(Collectors.toSet());
	}

	private static <T> T waitUntil(WebDriver browser, java.util.function.Function<? super WebDriver, T> condition) {
		return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
	}

}
