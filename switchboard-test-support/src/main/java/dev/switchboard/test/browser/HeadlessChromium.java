package dev.switchboard.test.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts Debian's Chromium headless through Debian's ChromeDriver, never a downloaded
 * browser or driver (this machine cannot download them). A missing browser fails the test
 * with the command that installs it.
 */
public final class HeadlessChromium {

	/** Where Debian's {@code chromium} package installs the browser. */
	public static final String BROWSER = System.getProperty("switchboard.chromium", "/usr/bin/chromium");

	/** Where Debian's {@code chromium-driver} package installs the driver. */
	public static final String DRIVER = System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver");

	/** An {@code rgb()} or {@code rgba()} colour as the browser computes it. */
	private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

	private HeadlessChromium() {
	}

	/**
	 * Start a new browser with an empty profile; quit it when done.
	 * @return the driver of the new browser
	 */
	public static ChromeDriver start() {
		require(BROWSER, "chromium");
		require(DRIVER, "chromium-driver");
		Path profile;
		try {
			profile = Files.createTempDirectory("chromium-profile");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER)
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
					"--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/**
	 * Save what the browser shows as {@code target/screenshots/<name>.png} of the module
	 * under test, for a reviewer to look at.
	 * @param driver the browser
	 * @param name the file name, without extension
	 * @return the file written
	 */
	public static Path screenshot(TakesScreenshot driver, String name) {
		try {
			Path directory = Files.createDirectories(Path.of("target", "screenshots"));
			Path file = directory.resolve(name + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Make the pages see the system's colour scheme as {@code light} or {@code dark}
	 * ({@code prefers-color-scheme}), through Chromium's emulation.
	 * @param driver the browser
	 * @param scheme {@code light} or {@code dark}
	 */
	public static void emulateColorScheme(ChromeDriver driver, String scheme) {
		driver.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
		// the page restyles asynchronously: wait until it sees the scheme and has drawn
		// twice
		new WebDriverWait(driver, Duration.ofSeconds(10)).until((browser) -> Boolean.TRUE.equals(
				driver.executeScript("return window.matchMedia('(prefers-color-scheme: " + scheme + ")').matches")));
		driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
				+ "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
		// and until the colour transitions the change started have ended: a colour read
		// halfway through one is neither theme's
		new WebDriverWait(driver, Duration.ofSeconds(10)).until((browser) -> Boolean.TRUE.equals(driver.executeScript(
				"return document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running')")));
	}

	/**
	 * Return the relative luminance (0 black, 1 white, as WCAG defines it) of a colour
	 * the page computed for an element: how light or dark a theme really renders.
	 * @param driver the browser
	 * @param selector the element's CSS selector
	 * @param property a colour property, e.g. {@code background-color}
	 * @return the luminance
	 */
	public static double luminance(WebDriver driver, String selector, String property) {
		String color = driver.findElement(By.cssSelector(selector)).getCssValue(property);
		Matcher rgb = RGB.matcher(color);
		if (!rgb.find()) {
			throw new AssertionError(selector + " has " + property + " " + color + ", not an rgb() colour");
		}
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double value = Integer.parseInt(rgb.group(i + 1)) / 255.0;
			channels[i] = (value <= 0.04045) ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

	private static void require(String path, String debianPackage) {
		if (!new File(path).canExecute()) {
			throw new AssertionError(path + " is required by the browser tests and is missing: apt-get install -y "
					+ debianPackage + " (or run .ci/run, which installs it)");
		}
	}

}
