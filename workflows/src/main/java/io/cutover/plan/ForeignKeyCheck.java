package io.cutover.plan;

import java.util.List;

/**
 * No row breaks a declared foreign key: for each constraint of the listed tables (default: all),
 * the child rows whose key names no parent row. Every orphan's key goes to the evidence file.
 */
public record ForeignKeyCheck(String name, List<String> tables) implements Check {
  public ForeignKeyCheck {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
