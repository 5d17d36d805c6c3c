package io.cutover.ui;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On a failed test, keeps what the browser showed: a screenshot and the page's DOM, named after the
 * test, next to the stage screenshots. Runs right after the test method, before any
 * {@code @AfterEach} closes the browser or the server.
 */
public final class FailureArtifacts implements AfterTestExecutionCallback {
  private final Supplier<UiBrowser> browser;

  public FailureArtifacts(Supplier<UiBrowser> browser) {
    this.browser = browser;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    UiBrowser b = browser.get();
    if (context.getExecutionException().isEmpty() || b == null) {
      return;
    }
    String name = context.getRequiredTestMethod().getName() + "-FAILED";
    try {
      b.screenshot(name);
      b.pageSource(name);
    } catch (RuntimeException e) {
      // The browser itself may be what failed; the test's own error is what matters.
      context.getExecutionException().get().addSuppressed(e);
    }
  }
}
