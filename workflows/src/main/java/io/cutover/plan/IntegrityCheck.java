package io.cutover.plan;

/**
 * The database engine's own consistency check comes back clean, and, unless {@code foreignKeys} is
 * false, no row breaks a declared foreign key. {@code quick} runs SQLite's {@code quick_check}
 * (every page and record, without matching index entries to rows: linear time) instead of the full
 * {@code integrity_check}.
 */
public record IntegrityCheck(String name, Boolean foreignKeys, Boolean quick) implements Check {
  public IntegrityCheck {
    foreignKeys = foreignKeys == null ? Boolean.TRUE : foreignKeys;
    quick = quick == null ? Boolean.FALSE : quick;
  }
}
