package dev.switchboard.fileshare.page;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.fileshare.ZipEntries;
import dev.switchboard.test.browser.HeadlessChromium;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upload and download pages in a real headless Chromium: upload through the page,
 * follow the link, download, and compare the bytes.
 */
@FileshareIntegrationTest
class SharePageBrowserTests {

	private static ChromeDriver browser;

	private static Path downloads;

	@LocalServerPort
	private int port;

	@TempDir
	private Path files;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = HeadlessChromium.start();
		downloads = Files.createTempDirectory("chromium-downloads");
		browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openUploadPage() {
		browser.get("http://127.0.0.1:" + this.port + "/share/");
	}

	@Test
	void shouldUploadAFileFollowTheLinkAndDownloadTheSameBytes() throws IOException {
		byte[] content = new byte[300_000];
		ThreadLocalRandom.current().nextBytes(content);
		Path file = Files.write(this.files.resolve("rapport été 2024.pdf"), content);

		// before an upload: neither progress, nor error, nor result
		for (String id : List.of("progress", "error", "result")) {
			assertThat(browser.findElement(By.id(id)).isDisplayed()).as(id).isFalse();
		}
		browser.findElement(By.id("file-input")).sendKeys(file.toString());
		waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#file-list li"), 1));
		WebElement maxDownloads = browser.findElement(By.id("max-downloads"));
		maxDownloads.clear();
		maxDownloads.sendKeys("2");
		browser.findElement(By.id("share-button")).click();

		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
		String url = browser.findElement(By.id("share-url")).getDomProperty("value");
		assertThat(url).matches("http://127\\.0\\.0\\.1:" + this.port + "/s/[A-Za-z0-9_-]{22}");
		assertThat(browser.findElement(By.id("progress-bar")).getDomProperty("value")).isEqualTo("100");
		assertThat(browser.findElement(By.id("delete-token")).getDomProperty("textContent"))
			.matches("[A-Za-z0-9_-]{43}");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ((Number) browser.executeScript("return document.getElementById('qr-code').naturalWidth"))
				.intValue() > 0);

		HeadlessChromium.screenshot(browser, "share-page-link");

		browser.findElement(By.id("page-link")).click();
		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("details")));
		String token = url.substring(url.lastIndexOf('/') + 1);
		assertThat(browser.getCurrentUrl()).endsWith("/share/d/" + token);
		assertThat(browser.findElement(By.id("share-name")).getText()).isEqualTo("rapport été 2024.pdf");
		assertThat(browser.findElement(By.id("share-size")).getText()).isEqualTo("293 KiB");
		assertThat(browser.findElement(By.id("downloads-left")).getText()).isEqualTo("2 downloads left");

		HeadlessChromium.screenshot(browser, "share-download-page");

		browser.findElement(By.id("download-button")).click();
		Path downloaded = downloads.resolve("rapport été 2024.pdf");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Files.exists(downloaded) && Files.size(downloaded) == content.length);
		assertThat(Files.readAllBytes(downloaded)).isEqualTo(content);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElement(By.id("downloads-left")).getText().equals("1 download left"));
	}

	@Test
	void shouldFollowTheSystemColourScheme() {
		try {
			HeadlessChromium.emulateColorScheme(browser, "light");
			assertThat(HeadlessChromium.luminance(browser, "body", "background-color")).isGreaterThan(0.9);
			assertThat(HeadlessChromium.luminance(browser, "h1", "color")).isLessThan(0.1);

			HeadlessChromium.emulateColorScheme(browser, "dark");
			assertThat(HeadlessChromium.luminance(browser, "body", "background-color")).isLessThan(0.05);
			assertThat(HeadlessChromium.luminance(browser, "h1", "color")).isGreaterThan(0.9);
			assertThat(HeadlessChromium.luminance(browser, "#drop-zone", "background-color")).isLessThan(0.05);
			// the landing page's accent
			assertThat(cssValue("#share-button", "background-color")).matches("rgba?\\(47, 111, 223(, 1)?\\)");
			HeadlessChromium.screenshot(browser, "share-page-dark");

			browser.get("http://127.0.0.1:" + this.port + "/share/d/AAAAAAAAAAAAAAAAAAAAAA");
			waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
			assertThat(HeadlessChromium.luminance(browser, "body", "background-color")).isLessThan(0.05);
			assertThat(HeadlessChromium.luminance(browser, "#error", "color")).isGreaterThan(0.3);
		}
		finally {
			HeadlessChromium.emulateColorScheme(browser, "light");
		}
	}

	@Test
	void shouldUploadAFolderAsOneZip() throws IOException {
		Path album = Files.createDirectories(this.files.resolve("album/2024"));
		Files.writeString(album.resolve("plage.txt"), "sable", StandardCharsets.UTF_8);
		Files.writeString(this.files.resolve("album/notes.txt"), "notes", StandardCharsets.UTF_8);

		browser.findElement(By.id("folder-input")).sendKeys(this.files.resolve("album").toString());
		waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#file-list li"), 2));
		browser.findElement(By.id("share-button")).click();

		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
		assertThat(browser.findElement(By.id("share-summary")).getText()).startsWith("album.zip");
		String url = browser.findElement(By.id("share-url")).getDomProperty("value");
		HttpResponse<byte[]> zip = new FileshareClient(this.port).get(url.substring(url.indexOf("/s/")));
		assertThat(ZipEntries.names(zip.body())).containsExactlyInAnyOrder("album/2024/plage.txt", "album/notes.txt");
	}

	@Test
	void shouldUploadDroppedFiles() {
		browser.executeScript("""
				const data = new DataTransfer();
				data.items.add(new File(['first'], 'one.txt', { type: 'text/plain' }));
				data.items.add(new File(['second'], 'two.txt', { type: 'text/plain' }));
				const zone = document.getElementById('drop-zone');
				zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
				zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
				""");
		waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#file-list li"), 2));
		browser.findElement(By.id("share-button")).click();

		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
		String url = browser.findElement(By.id("share-url")).getDomProperty("value");
		HttpResponse<byte[]> zip = new FileshareClient(this.port).get(url.substring(url.indexOf("/s/")) + "/files.zip");
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(ZipEntries.names(zip.body())).containsExactly("one.txt", "two.txt");
	}

	@Test
	void shouldShowTheServiceRefusalOfAnUploadOverTheLimit() throws IOException {
		Path big = Files.write(this.files.resolve("big.bin"), new byte[FileshareIntegrationTest.MAX_FILE_SIZE + 1]);

		browser.findElement(By.id("file-input")).sendKeys(big.toString());
		waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#file-list li"), 1));
		browser.findElement(By.id("share-button")).click();

		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
		assertThat(browser.findElement(By.id("error")).getText()).contains("big.bin", "2 MiB");
		assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
	}

	@Test
	void shouldSayWhenALinkLeadsNowhere() {
		browser.get("http://127.0.0.1:" + this.port + "/share/d/AAAAAAAAAAAAAAAAAAAAAA");

		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
		assertThat(browser.findElement(By.id("error")).getText()).startsWith("No share has this link");
	}

	private static String cssValue(String selector, String property) {
		return browser.findElement(By.cssSelector(selector)).getCssValue(property);
	}

	private static void waitUntil(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
	}

}
