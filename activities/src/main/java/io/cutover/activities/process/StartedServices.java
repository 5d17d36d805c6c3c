package io.cutover.activities.process;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service processes this worker started, by pid, so a later check can report how one ended:
 * only the parent learns a process's exit code. A check on another worker (or after this one
 * restarted) knows only that the process is gone.
 */
final class StartedServices {
  private static final Map<Long, Process> STARTED = new ConcurrentHashMap<>();

  private StartedServices() {}

  static void add(Process p) {
    STARTED.put(p.pid(), p);
  }

  /** The exit code of a process this worker started and that has ended. */
  static Optional<Integer> exitCode(long pid) {
    Process p = STARTED.get(pid);
    if (p == null || p.isAlive()) {
      return Optional.empty();
    }
    STARTED.remove(pid);
    return Optional.of(p.exitValue());
  }
}
