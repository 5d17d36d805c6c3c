package io.cutover.plan;

/**
 * A machine whose own worker ({@code cutover worker --host NAME}) runs the steps that name it.
 *
 * @param workerWait how long a step for this host waits for a live worker there to pick it up
 *     (Temporal's schedule-to-start timeout) before it fails naming the host; default 5m
 */
public record HostSpec(String description, Span workerWait) {
  /** Long enough for a worker restart or a rolling upgrade, short enough to notice a dead host. */
  public static final Span DEFAULT_WORKER_WAIT = Span.parse("5m");

  public HostSpec {
    workerWait = workerWait == null ? DEFAULT_WORKER_WAIT : workerWait;
  }
}
