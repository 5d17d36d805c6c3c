package io.cutover.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both are given by path so
 * Selenium Manager never looks for (or downloads) a browser or a driver. A fresh profile per
 * browser; screenshots and page sources go to one artifacts folder.
 *
 * <p>Every lookup waits (up to {@link #WAIT}) for a <em>displayed</em> match: the Temporal UI
 * renders some controls twice (a hidden narrow-screen copy first), so the first DOM match is not
 * always the one a user sees.
 */
public final class UiBrowser implements AutoCloseable {
  /** The longest any one thing a user waits for may take. */
  public static final Duration WAIT = Duration.ofSeconds(60);

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriverService service;
  private final WebDriver driver;
  private final Path profile;
  private final Path artifacts;
  private long lastShot = System.nanoTime();

  private UiBrowser(ChromeDriverService service, WebDriver driver, Path profile, Path artifacts) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.artifacts = artifacts;
  }

  /** Starts the browser; screenshots and page sources will be written to {@code artifacts}. */
  public static UiBrowser start(Path artifacts) throws IOException {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            p
                + " is missing: ./mvnw verify installs Debian's chromium and chromium-driver"
                + " (tools/install-test-tools)");
      }
    }
    Files.createDirectories(artifacts);
    Path profile = Files.createTempDirectory("cutover-chromium");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(artifacts.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without the background-networking flags Chromium keeps calling home, which on a closed
    // network only costs time; --no-sandbox because the tests may run as root.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    try {
      return new UiBrowser(service, new ChromeDriver(service, options), profile, artifacts);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /**
   * Waits until {@code condition} returns a value other than null or false; lookups that miss or go
   * stale while the page re-renders are retried.
   */
  public <T> T until(String what, Function<WebDriver, T> condition) {
    return until(what, WAIT, condition);
  }

  /** The same with its own limit, for what takes the run itself time (a rollback to its end). */
  public <T> T until(String what, Duration limit, Function<WebDriver, T> condition) {
    return new FluentWait<>(driver)
        .withTimeout(limit)
        .pollingEvery(Duration.ofMillis(250))
        .withMessage(what)
        .ignoring(NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The first displayed element matching {@code by}, if any, now. */
  public Optional<WebElement> displayed(By by) {
    return driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst();
  }

  /** Waits for a displayed element matching {@code by}. */
  public WebElement visible(By by) {
    return until("a displayed " + by, d -> displayed(by).orElse(null));
  }

  /** Waits until no element matching {@code by} is displayed. */
  public void gone(By by) {
    until("no displayed " + by, d -> displayed(by).isEmpty());
  }

  /**
   * Waits until a displayed element matching {@code by} shows {@code text}; returns all it shows.
   */
  public String text(By by, String text) {
    return until(
        "'" + text + "' in " + by,
        d -> displayed(by).map(WebElement::getText).filter(t -> t.contains(text)).orElse(null));
  }

  /** Waits until a displayed input matching {@code by} holds {@code value}. */
  public void value(By by, String value) {
    until(
        by + " holding '" + value + "'",
        d -> displayed(by).map(e -> value.equals(e.getDomProperty("value"))).orElse(false));
  }

  /** Types into an input field, replacing what it held, and waits until it holds exactly that. */
  public void fill(By by, String value) {
    WebElement input = visible(by);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(value);
    value(by, value);
  }

  /**
   * Clicks a displayed, enabled element once it has stopped moving: the UI reformats a JSON editor
   * when it loses focus, which shifts the buttons below it, and a click aimed at a button that
   * moves away under the pointer lands on nothing.
   */
  public void click(By by) {
    AtomicReference<Rectangle> last = new AtomicReference<>();
    WebElement target =
        until(
            by + " enabled and still",
            d -> {
              WebElement e = displayed(by).orElse(null);
              if (e == null || !e.isEnabled()) {
                return null;
              }
              Rectangle now = e.getRect();
              return now.equals(last.getAndSet(now)) ? e : null;
            });
    // An overlay (a toast, a closing dialog) may still cover it for a moment
    // (ElementClickInterceptedException):
    // the click did not land, so try again.
    until(
        "a click on " + by,
        d -> {
          try {
            target.click();
            return true;
          } catch (ElementNotInteractableException notYet) {
            return false;
          }
        });
  }

  /**
   * Saves a PNG of the window as {@code name}.png in the artifacts folder, and logs the time since
   * the previous screenshot: the stages' durations, for whoever makes the test faster.
   */
  public Path screenshot(String name) {
    long now = System.nanoTime();
    System.out.printf(
        "[ui] %s (%.1f s after the previous screenshot)%n", name, (now - lastShot) / 1e9);
    lastShot = now;
    Path file = artifacts.resolve(name + ".png");
    try {
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Saves the page's current DOM as {@code name}.html in the artifacts folder. */
  public Path pageSource(String name) {
    Path file = artifacts.resolve(name + ".html");
    try {
      Files.writeString(file, driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public Path artifacts() {
    return artifacts;
  }

  /** Quits Chromium and chromedriver and deletes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A leftover profile in the temp folder harms nothing.
    }
  }
}
