package io.cutover.activities;

import java.util.List;

/**
 * A copy's heartbeat details, shown by the Temporal UI and read by a retried attempt.
 *
 * @param phase {@code data}, {@code indexes}, {@code foreign keys}, {@code sequences} or {@code
 *     done}
 * @param rows rows committed so far, all tables together
 * @param tables each table part (a table, or a key range of a large one) with its last committed
 *     key
 */
public record CopyProgress(String phase, long rows, List<Part> tables) {
  public CopyProgress {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }

  /** One table or key range of a table: the last key committed and the rows committed. */
  public record Part(String table, String range, String lastKey, long rows, boolean done) {}
}
