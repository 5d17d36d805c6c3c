package io.cutover.activities.pg;

import io.cutover.activities.support.Pulse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs work items on a few threads while the calling (activity) thread stays free to heartbeat. A
 * table's parts start only once the tables it must wait for are complete. The first failure stops
 * the handing out of new work, lets running items end, and is rethrown.
 */
final class PartScheduler {
  interface Work<T> {
    void run(T item) throws Exception;
  }

  private final int parallel;
  private final Runnable beat;

  PartScheduler(int parallel, Runnable beat) {
    this.parallel = Math.max(1, parallel);
    this.beat = beat;
  }

  void run(
      List<CopyState.Part> parts, Map<String, Set<String>> waitFor, Work<CopyState.Part> work) {
    Map<String, Integer> open = new HashMap<>();
    parts.forEach(p -> open.merge(p.table(), 1, Integer::sum));
    Set<String> complete = new HashSet<>();
    waitFor.keySet().stream().filter(t -> !open.containsKey(t)).forEach(complete::add);
    List<CopyState.Part> pending = new ArrayList<>(parts);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "cutover-copy");
              t.setDaemon(true);
              return t;
            });
    Map<Future<?>, CopyState.Part> running = new HashMap<>();
    Throwable failure = null;
    try {
      while (!pending.isEmpty() || !running.isEmpty()) {
        if (failure == null && !Pulse.cancelRequested()) {
          for (Iterator<CopyState.Part> it = pending.iterator();
              it.hasNext() && running.size() < parallel; ) {
            CopyState.Part p = it.next();
            if (complete.containsAll(waitFor.getOrDefault(p.table(), Set.of()))) {
              it.remove();
              running.put(
                  pool.submit(
                      () -> {
                        work.run(p);
                        return null;
                      }),
                  p);
            }
          }
        } else {
          pending.clear();
        }
        if (running.isEmpty() && !pending.isEmpty()) {
          throw new IllegalStateException(
              "copy order deadlock: "
                  + pending.get(0).table()
                  + " waits for "
                  + waitFor.get(pending.get(0).table()));
        }
        failure = reap(running, open, complete, failure);
        beat.run();
      }
    } finally {
      pool.shutdownNow();
    }
    rethrow(failure);
  }

  private Throwable reap(
      Map<Future<?>, CopyState.Part> running,
      Map<String, Integer> open,
      Set<String> complete,
      Throwable failure) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    while (System.nanoTime() < deadline) {
      boolean any = false;
      for (Iterator<Map.Entry<Future<?>, CopyState.Part>> it = running.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Future<?>, CopyState.Part> e = it.next();
        if (!e.getKey().isDone()) {
          continue;
        }
        any = true;
        it.remove();
        try {
          e.getKey().get();
          if (open.merge(e.getValue().table(), -1, Integer::sum) == 0) {
            complete.add(e.getValue().table());
          }
        } catch (ExecutionException ex) {
          if (failure == null) {
            failure = ex.getCause();
          }
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          failure = failure == null ? ex : failure;
        }
      }
      if (any || running.isEmpty()) {
        return failure;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return failure == null ? ex : failure;
      }
    }
    return failure;
  }

  private static void rethrow(Throwable failure) {
    if (failure == null) {
      return;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new PartFailure(failure);
  }

  /** A checked failure of a work item, unwrapped by the activity. */
  static final class PartFailure extends RuntimeException {
    PartFailure(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
