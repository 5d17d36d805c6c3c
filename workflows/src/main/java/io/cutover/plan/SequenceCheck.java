package io.cutover.plan;

import java.util.List;

/**
 * Every identity or serial sequence of the listed tables (default: all) would hand out a value
 * above the column's {@code max}, so the next insert cannot collide. PostgreSQL only.
 */
public record SequenceCheck(String name, List<String> tables) implements Check {
  public SequenceCheck {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
