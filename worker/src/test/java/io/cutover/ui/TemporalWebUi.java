package io.cutover.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * What a user does in the Temporal Web UI (2.54, as the temporal CLI 1.9.1 dev server serves it),
 * step by step: the Start Workflow form, a run's page, its User Metadata, Queries and actions.
 * Selectors are the UI's own {@code data-testid}s, ids and ARIA labels, else the visible text.
 *
 * <p>Each action waits for what the user would wait for before going on, never a fixed time.
 */
public final class TemporalWebUi {
  /** The JSON editors (CodeMirror) of the start form and of the signal dialog. */
  static final By DATA_EDITOR = By.cssSelector("[role=textbox][aria-label=Data]");

  static final By STATUS = By.cssSelector("[data-testid=execution-status]");
  static final By SIGNAL_DIALOG = By.cssSelector("dialog#signal-confirmation-modal[open]");
  static final By CANCEL_DIALOG = By.cssSelector("dialog#cancel-confirmation-modal[open]");
  static final By CURRENT_DETAILS = By.cssSelector("iframe#user-metadata-current-details");
  static final Duration RELOAD_EVERY = Duration.ofSeconds(3);

  private final UiBrowser browser;
  private final String baseUrl;
  private final String namespace;

  public TemporalWebUi(UiBrowser browser, String baseUrl, String namespace) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.namespace = namespace;
  }

  private String workflows() {
    return baseUrl + "/namespaces/" + namespace + "/workflows";
  }

  /**
   * Fills Workflows → Start Workflow (workflow id, task queue, type, JSON input) and clicks Start
   * Workflow; returns once the UI says it started. {@code screenshot} names the picture of the
   * filled form.
   */
  public void startWorkflow(
      String workflowId,
      String taskQueue,
      String workflowType,
      String jsonInput,
      String screenshot) {
    browser.open(workflows());
    browser.click(By.xpath("//a[normalize-space()='Start Workflow']"));
    browser.fill(By.id("workflowId"), workflowId);
    browser.fill(By.id("taskQueue"), taskQueue);
    browser.fill(By.id("workflowType"), workflowType);
    // Leaving the task queue field makes the UI look for its pollers: the worker must be there.
    browser.text(By.tagName("main"), "Task Queue is Active");
    typeJson(DATA_EDITOR, jsonInput, By.id("workflowType"));
    browser.screenshot(screenshot);
    browser.click(By.cssSelector("button[data-testid=start-workflow-button]"));
    browser.visible(By.xpath("//*[normalize-space()='Workflow started successfully']"));
  }

  /**
   * Types into a JSON editor, then clicks {@code elsewhere} (something above it) so the editor
   * loses focus: the UI reformats the JSON then, and only then are the buttons below where they
   * stay. Typed on one line: the editor closes brackets and quotes as it goes and steps over the
   * ones typed after, so the text ends up as typed.
   */
  private void typeJson(By editor, String json, By elsewhere) {
    WebElement e = browser.visible(editor);
    e.click();
    e.sendKeys(json);
    browser.visible(elsewhere).click();
  }

  /**
   * The Workflows list filtered by a visibility query (what the list's filter box puts in the
   * address), once it lists {@code workflowId}; the list is reloaded every few seconds meanwhile,
   * as visibility follows the run by a moment.
   */
  public void listFiltered(String query, String workflowId, String screenshot) {
    String url = workflows() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    browser.open(url);
    AtomicLong loaded = new AtomicLong(System.nanoTime());
    By row = By.xpath("//a[normalize-space()='" + workflowId + "']");
    browser.until(
        "the list filtered by " + query + " showing " + workflowId,
        d -> {
          if (browser.displayed(row).isPresent()) {
            return true;
          }
          if (System.nanoTime() - loaded.get() > RELOAD_EVERY.toNanos()) {
            d.navigate().refresh();
            loaded.set(System.nanoTime());
          }
          return null;
        });
    browser.screenshot(screenshot);
  }

  /** Opens the run's page (its latest run) and waits for its header. */
  public void openWorkflow(String workflowId) {
    browser.open(workflows() + "/" + workflowId);
    browser.text(By.cssSelector("[data-testid=workflow-id-heading]"), workflowId);
  }

  /**
   * The User Metadata tab's Current Details, once they show {@code expected}. They are markdown
   * rendered in an iframe and the UI does not refresh them by itself ("press R for freshness"), so
   * the page is reloaded every few seconds while they do not show it (or are not there yet).
   */
  public String currentDetails(String expected) {
    browser.click(By.cssSelector("[data-testid=user-metadata-tab]"));
    AtomicLong loaded = new AtomicLong(System.nanoTime());
    return browser.until(
        "current details showing '" + expected + "'",
        d -> {
          WebElement frame = browser.displayed(CURRENT_DETAILS).orElse(null);
          String text = frame == null ? "" : frameText(d, frame);
          if (text.contains(expected)) {
            return text;
          }
          // Not at every poll: the page takes a second or two to load and render its tabs.
          if (System.nanoTime() - loaded.get() > RELOAD_EVERY.toNanos()) {
            d.navigate().refresh();
            loaded.set(System.nanoTime());
          }
          return null;
        });
  }

  private static String frameText(WebDriver d, WebElement frame) {
    d.switchTo().frame(frame);
    try {
      return d.findElement(By.tagName("body")).getText();
    } finally {
      d.switchTo().defaultContent();
    }
  }

  /**
   * More Actions → Send a Signal: picks {@code name} among the signals the worker reports, types
   * the JSON input and submits; returns once the dialog closed.
   */
  public void sendSignal(String name, String jsonInput, String screenshot) {
    browser.click(By.xpath("//button[normalize-space()='More Actions']"));
    browser.click(By.cssSelector("[data-testid=signal-button]"));
    browser.visible(SIGNAL_DIALOG);
    browser.click(
        By.cssSelector("dialog#signal-confirmation-modal [data-testid=signal-select-button]"));
    browser.click(
        By.xpath(
            "//dialog[@id='signal-confirmation-modal']//li[@role='option'][.//span[normalize-space()='"
                + name
                + "']]"));
    browser.value(
        By.cssSelector("dialog#signal-confirmation-modal[open] input#signal-select"), name);
    typeJson(
        By.cssSelector("dialog#signal-confirmation-modal[open] [role=textbox][aria-label=Data]"),
        jsonInput,
        By.cssSelector("#modal-title-signal-confirmation-modal"));
    browser.screenshot(screenshot);
    browser.click(
        By.cssSelector(
            "dialog#signal-confirmation-modal[open] [data-testid=confirm-modal-button]"));
    browser.gone(SIGNAL_DIALOG);
  }

  /** Request Cancellation → Confirm; returns once the dialog closed. */
  public void requestCancellation(String screenshot) {
    browser.click(By.xpath("//button[normalize-space()='Request Cancellation']"));
    browser.visible(CANCEL_DIALOG);
    browser.screenshot(screenshot);
    browser.click(
        By.cssSelector(
            "dialog#cancel-confirmation-modal[open] [data-testid=confirm-modal-button]"));
    browser.gone(CANCEL_DIALOG);
  }

  /**
   * Waits until the run's status badge reads {@code status} (the UI refreshes it by itself), for as
   * long as a rollback may take on a loaded machine.
   */
  public void awaitStatus(String status) {
    browser.until(
        "the run's status " + status,
        Duration.ofMinutes(3),
        d ->
            browser
                .displayed(STATUS)
                .filter(
                    e ->
                        e.getText()
                            .trim()
                            .toUpperCase(Locale.ROOT)
                            .equals(status.toUpperCase(Locale.ROOT)))
                .isPresent());
  }

  /** The Timeline tab's Input and Result panel, once it shows {@code expected}. */
  public String inputAndResult(String expected) {
    browser.click(By.cssSelector("[data-testid=timeline-tab]"));
    return browser.text(By.cssSelector("[data-testid=input-and-result]"), expected);
  }

  /**
   * Queries tab: runs query {@code name} without argument; returns its result once it shows {@code
   * expected}.
   */
  public String query(String name, String expected) {
    browser.click(By.cssSelector("[data-testid=queries-tab]"));
    browser.click(By.cssSelector("[data-testid=query-select-button]"));
    browser.click(
        By.xpath(
            "//ul[@id='query-select-select']//li[@role='option'][.//span[normalize-space()='"
                + name
                + "']]"));
    browser.click(By.xpath("//button[normalize-space()='Run Query']"));
    return browser.text(By.cssSelector("[data-testid=query-result] [role=textbox]"), expected);
  }
}
