package io.cutover.plan;

import java.util.List;

/**
 * The database's protected tables (or the ones listed) have the same content checksum as when the
 * run began.
 */
public record ProtectedCheck(String name, List<String> tables) implements Check {
  public ProtectedCheck {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
