package io.cutover.cli;

import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What Ctrl-C does while {@code cutover run} follows a run.
 *
 * <ul>
 *   <li>On a Temporal server the run does not need this process: Ctrl-C detaches (the JVM exits as
 *       usual, and a shutdown hook says how to go on).
 *   <li>On the embedded server the run ends with this process, so an accidental Ctrl-C must not end
 *       it unasked: the first press asks, a second one within 5 s aborts the run and waits for its
 *       rollback, and one more while that runs exits at once.
 * </ul>
 *
 * <p>{@code sun.misc.Signal} is the only way in the JDK to see SIGINT without the JVM exiting.
 */
final class Interrupts implements AutoCloseable {
  private static final long CONFIRM_NANOS = 5_000_000_000L;
  private static final Signal INT = new Signal("INT");

  private final Thread hook;
  private final SignalHandler previous;

  private Interrupts(Thread hook, SignalHandler previous) {
    this.hook = hook;
    this.previous = previous;
  }

  /** Ctrl-C exits; {@code onDetach} runs in the shutdown if the run has not ended by then. */
  static Interrupts detach(CompletableFuture<?> result, Runnable onDetach) {
    Thread hook =
        new Thread(
            () -> {
              if (!result.isDone()) {
                onDetach.run();
              }
            },
            "cutover-run-detach");
    Runtime.getRuntime().addShutdownHook(hook);
    return new Interrupts(hook, null);
  }

  /** Ctrl-C asks; a second Ctrl-C within 5 s runs {@code abort} (once); a third exits. */
  static Interrupts askBeforeAbort(CompletableFuture<?> result, Runnable abort) {
    long[] askedAt = {0};
    boolean[] aborting = {false};
    SignalHandler previous;
    try {
      previous = Signal.handle(INT, signal -> onInterrupt(result, abort, askedAt, aborting));
    } catch (IllegalArgumentException ignoredByParent) {
      // SIGINT is ignored in this process (started in the background): there is no Ctrl-C to
      // handle.
      return new Interrupts(null, null);
    }
    return new Interrupts(null, previous);
  }

  private static void onInterrupt(
      CompletableFuture<?> result, Runnable abort, long[] askedAt, boolean[] aborting) {
    if (result.isDone()) {
      return;
    }
    long now = System.nanoTime();
    if (aborting[0]) {
      System.err.println(
          "\nExiting now: the embedded server and this run's rollback end with this command.");
      System.exit(ExitCodes.ERROR);
    } else if (askedAt[0] != 0 && now - askedAt[0] < CONFIRM_NANOS) {
      aborting[0] = true;
      System.err.println(
          "\nAborting the run; waiting for its rollback (Ctrl-C once more exits without waiting)…");
      new Thread(abort, "cutover-run-abort").start();
    } else {
      askedAt[0] = now;
      System.err.println(
          "\n"
              + "This run is on the embedded server and ends with this command. Press Ctrl-C again"
              + " within 5 s to abort it and roll back; otherwise it goes on.");
    }
  }

  @Override
  public void close() {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    if (previous != null) {
      Signal.handle(INT, previous);
    }
  }
}
