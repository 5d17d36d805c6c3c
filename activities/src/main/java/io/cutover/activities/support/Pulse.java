package io.cutover.activities.support;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats an activity from a background thread every second, with the latest progress the
 * activity reported. The server then notices a dead worker within the heartbeat timeout, and a
 * retried attempt reads the last progress to resume from it. Started for every activity by {@link
 * HeartbeatInterceptor}.
 */
public final class Pulse implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newScheduledThreadPool(
          1,
          r -> {
            Thread t = new Thread(r, "cutover-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private static final ThreadLocal<Pulse> CURRENT = new ThreadLocal<>();
  private static volatile boolean workerStopping;

  private final ActivityExecutionContext context;
  private final ScheduledFuture<?> task;
  private volatile Object progress;
  private volatile boolean cancelled;
  private volatile boolean shuttingDown;

  private Pulse(ActivityExecutionContext context) {
    this.context = context;
    this.task = TIMER.scheduleAtFixedRate(this::beat, 0, 1, TimeUnit.SECONDS);
  }

  static Pulse start(ActivityExecutionContext context) {
    Pulse p = new Pulse(context);
    CURRENT.set(p);
    return p;
  }

  /**
   * Marks this worker process as stopping (its SIGTERM hook calls this before shutting the worker
   * factory down). Running activities see it on their next check at once; the SDK only tells them
   * once its pollers have stopped, which under load took long enough for a command to finish on a
   * worker that was going away.
   */
  public static void workerStopping() {
    workerStopping = true;
  }

  /** The pulse of the activity running on this thread, or null outside an activity. */
  public static Pulse current() {
    return CURRENT.get();
  }

  /** Records progress; it is sent with the next heartbeat. No-op outside an activity. */
  public static void progress(Object details) {
    Pulse p = CURRENT.get();
    if (p != null) {
      p.progress = details;
    }
  }

  /** Progress recorded by the previous attempt of this activity, if it reported any. */
  public static <T> T previous(Class<T> type) {
    Pulse p = CURRENT.get();
    if (p == null || !p.context.getHeartbeatDetails(type).isPresent()) {
      return null;
    }
    return p.context.getHeartbeatDetails(type).get();
  }

  /**
   * Ends the attempt with a retryable failure when this worker is shutting down (SIGTERM): the step
   * is not failed, it runs again on another worker. Long loops that stop on {@link
   * #cancelRequested()} call this first, so a shutdown never reads as a failed or passed check.
   */
  public static void failIfShuttingDown(String what) {
    Pulse p = CURRENT.get();
    if (p != null && (p.shuttingDown || workerStopping)) {
      throw Fail.transientFault(
          what + ": stopped because this worker is shutting down; it runs again on another worker",
          null);
    }
  }

  /** True once the server told this activity it was cancelled; long loops should stop. */
  public static boolean cancelRequested() {
    Pulse p = CURRENT.get();
    return p != null && (p.cancelled || workerStopping);
  }

  private void beat() {
    if (cancelled) {
      return;
    }
    try {
      context.heartbeat(progress);
    } catch (ActivityWorkerShutdownException e) {
      shuttingDown = true;
      cancelled = true;
    } catch (ActivityCompletionException e) {
      cancelled = true;
    } catch (RuntimeException e) {
      // A failed heartbeat is retried by the next beat; the server's timeout judges liveness.
    }
  }

  @Override
  public void close() {
    task.cancel(false);
    CURRENT.remove();
  }
}
