package io.cutover.activities.db;

import io.cutover.activities.support.Fail;
import io.cutover.api.FailureType;
import java.util.regex.Pattern;

/**
 * SQL identifiers that come from plans. Each is checked against a strict pattern (letters, digits,
 * underscore; optionally {@code schema.name}) and then quoted, so a table name can never carry SQL.
 */
public final class SqlNames {
  private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private SqlNames() {}

  public static boolean isValid(String name) {
    if (name == null) {
      return false;
    }
    String[] parts = name.split("\\.", -1);
    if (parts.length > 2) {
      return false;
    }
    for (String p : parts) {
      if (!PART.matcher(p).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The quoted form of a validated identifier, e.g. {@code "public"."projects"}. */
  public static String quote(String name) {
    if (!isValid(name)) {
      throw Fail.of(
          FailureType.INVALID_PLAN,
          "'"
              + name
              + "' is not a valid table or column name: use letters, digits and _, optionally"
              + " schema.name");
    }
    StringBuilder sb = new StringBuilder();
    for (String p : name.split("\\.")) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append('"').append(p).append('"');
    }
    return sb.toString();
  }
}
