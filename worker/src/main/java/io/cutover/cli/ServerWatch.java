package io.cutover.cli;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a worker's operator, in plain words, when the Temporal server stops answering and when it
 * answers again. The SDK's pollers retry on their own (the worker never exits for an outage), but
 * they only log low-level gRPC errors; this says what it means for running cutovers.
 */
final class ServerWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerWatch.class);

  private final WorkflowClient client;
  private final String address;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cutover-server-watch");
            t.setDaemon(true);
            return t;
          });
  private final BooleanSupplier onAnswer;
  private boolean answered;
  private Instant downSince;

  private ServerWatch(WorkflowClient client, String address, BooleanSupplier onAnswer) {
    this.client = client;
    this.address = address;
    this.onAnswer = onAnswer;
  }

  /** Checks the server every {@code every} from now on. */
  static ServerWatch start(WorkflowClient client, String address, Duration every) {
    return start(client, address, every, () -> true);
  }

  /**
   * The same; {@code onAnswer} runs each time the server answers until it returns true (work that
   * needs the server and could not be done at start, such as checking search attributes).
   */
  static ServerWatch start(
      WorkflowClient client, String address, Duration every, BooleanSupplier onAnswer) {
    ServerWatch w = new ServerWatch(client, address, onAnswer);
    w.timer.scheduleWithFixedDelay(
        w::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return w;
  }

  private void check() {
    String problem = null;
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(3, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (RuntimeException e) {
      problem = e.getMessage();
    }
    if (problem == null && !answered) {
      answered = onAnswer.getAsBoolean();
    }
    if (problem != null && downSince == null) {
      downSince = Instant.now();
      say(
          "TEMPORAL SERVER UNREACHABLE at "
              + address
              + " ("
              + problem
              + "). This worker keeps retrying and resumes on its own. Cutovers on a persistent"
              + " server (cutover dev-server with its database file, deploy/) wait where they are"
              + " and go on when it is back; an in-memory server (cutover run's embedded one,"
              + " dev-server --in-memory) loses its runs.");
    } else if (problem == null && downSince != null) {
      long seconds = Duration.between(downSince, Instant.now()).toSeconds();
      downSince = null;
      say(
          "Temporal server at "
              + address
              + " answers again after "
              + seconds
              + " s unreachable; polling resumed.");
    }
  }

  private void say(String message) {
    log.warn(message); // the worker's log (text or JSON) is where operators look
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
