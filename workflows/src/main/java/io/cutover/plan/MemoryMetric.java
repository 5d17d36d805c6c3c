package io.cutover.plan;

/**
 * The resident memory (RSS, bytes) of a process, named by {@code pid} or by a {@code pidFile} (read
 * at every sample, so a restarted service is followed).
 */
public record MemoryMetric(Long pid, String pidFile) implements MetricSource {
  @Override
  public String display() {
    return "bytes";
  }
}
