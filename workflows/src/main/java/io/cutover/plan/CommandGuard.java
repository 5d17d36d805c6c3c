package io.cutover.plan;

import java.util.List;

/**
 * Makes a command that is not idempotent run once per run, even when its activity is retried after
 * a worker crash.
 *
 * @param check argv of a read-only probe; exit 0 means the command's effect is already there and
 *     the command is skipped
 * @param once when true, a marker keyed by run and step is written on the worker as soon as the
 *     command succeeds; a retry that finds it skips the command. A crash between the command's end
 *     and the marker's write can still repeat it; {@code check} closes that gap.
 */
public record CommandGuard(List<String> check, Boolean once) {
  public CommandGuard {
    check = check == null ? List.of() : List.copyOf(check);
    once = once != null && once;
  }
}
