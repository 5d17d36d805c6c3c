package io.cutover.workflow.fakes;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fake activities were asked to do, in the order they were asked, and which calls must
 * fail. A call is written {@code "<what> <name>"}, e.g. {@code "command migrate"}, {@code "restore
 * db"}, {@code "notify gate-opened ops"}.
 */
public final class CallLog {
  private final List<String> calls = new ArrayList<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  public synchronized void reset() {
    calls.clear();
    failures.clear();
  }

  /**
   * Makes every call named {@code call} (exactly, or followed by {@code " @<where>"}) fail,
   * non-retryable, with {@code message}.
   */
  public synchronized void failOn(String call, String message) {
    failures.put(call, message);
  }

  /** Records the call, and fails it when asked to. */
  public void record(String call) {
    String message;
    synchronized (this) {
      calls.add(call);
      message = null;
      for (Map.Entry<String, String> f : failures.entrySet()) {
        if (call.equals(f.getKey()) || call.startsWith(f.getKey() + " @")) {
          message = f.getValue();
        }
      }
    }
    if (message != null) {
      throw ApplicationFailure.newNonRetryableFailure(message, "TEST_FAILURE");
    }
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The calls whose text starts with {@code prefix} followed by a space, in order. */
  public synchronized List<String> calls(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix + " ")).toList();
  }
}
