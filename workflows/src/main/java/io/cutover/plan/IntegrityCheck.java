package io.cutover.plan;

/**
 * The database engine's own consistency check comes back clean, and, unless {@code foreignKeys}
 * is false, no row breaks a declared foreign key.
 */
public record IntegrityCheck(String name, Boolean foreignKeys) implements Check {
  public IntegrityCheck {
    foreignKeys = foreignKeys == null ? Boolean.TRUE : foreignKeys;
  }
}
