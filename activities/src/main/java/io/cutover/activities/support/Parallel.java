package io.cutover.activities.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a few independent I/O and CPU tasks at once (copy while hashing, fsync while checking). */
public final class Parallel {
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "cutover-parallel");
            t.setDaemon(true);
            return t;
          });

  private Parallel() {}

  /** Runs every task, waits for all, and rethrows the first failure. */
  @SafeVarargs
  public static <T> List<T> all(Callable<T>... tasks) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) {
      futures.add(POOL.submit(t));
    }
    List<T> out = new ArrayList<>();
    Exception first = null;
    for (Future<T> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (first == null) {
          first =
              e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
        out.add(null);
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }
}
