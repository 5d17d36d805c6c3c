package io.cutover.testing;

import java.nio.file.Path;

/**
 * What a user compares between two runs of seed 000's plan: the canonical tables' content, the
 * governance history, the ledger's entries for the import (one per file: nothing applied twice).
 */
public record OappOutcome(
    String canonical, String governance, String importLedgerEntries, long projects, long phases) {
  /** Reads it from the example copy whose plan is {@code plan}. */
  public static OappOutcome of(Path plan) {
    Path db = plan.resolveSibling("work/oapp_production.db");
    String canonical =
        Sqlite.scalar(
                db,
                "SELECT group_concat(projectId || projectName || ifnull(startDate,''), '|') FROM"
                    + " (SELECT * FROM projects_canonical ORDER BY projectId)")
            + Sqlite.scalar(
                db,
                "SELECT group_concat(phaseId || projectId || sequence, '|') FROM (SELECT * FROM"
                    + " phases_canonical ORDER BY phaseId)")
            + Sqlite.scalar(
                db,
                "SELECT group_concat(phaseId || stepOrder || stepName, '|') FROM (SELECT * FROM"
                    + " steps_canonical ORDER BY phaseId, stepOrder)");
    return new OappOutcome(
        canonical,
        Sqlite.scalar(db, "SELECT group_concat(id || event || detail) FROM governance_logs"),
        Sqlite.scalar(db, "SELECT COUNT(*) FROM cutover_ledger WHERE step_id = 'import-canonical'"),
        Sqlite.count(db, "projects_canonical"),
        Sqlite.count(db, "phases_canonical"));
  }
}
