package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a CSV cell is converted before it is stored. */
public enum ColumnType {
  TEXT,
  INTEGER,
  REAL,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  @JsonCreator
  public static ColumnType of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown column type '"
              + name
              + "': use text, integer, real, boolean, date or timestamp");
    }
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
