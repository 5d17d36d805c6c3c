package io.cutover.activities.plan;

import io.cutover.activities.pg.PgClient;
import io.cutover.plan.BackupStep;
import io.cutover.plan.IntegrityCheck;
import io.cutover.plan.PostgresDatabase;
import java.util.function.BiConsumer;

/**
 * Plan checks of a backup step on PostgreSQL: what pg_dump cannot be given (a URL naming several
 * hosts, driver properties with no libpq equivalent) and checks that cannot prove a dump.
 */
final class PgBackupChecks {
  private PgBackupChecks() {}

  static void check(
      PostgresDatabase db,
      BackupStep step,
      String ptr,
      String dbPtr,
      BiConsumer<String, String> add) {
    try {
      PgClient.Url url = PgClient.parse(db.url());
      for (String key : url.params().keySet()) {
        if (!PgClient.LIBPQ.containsKey(key) && !key.equals("user") && !key.equals("password")) {
          add.accept(dbPtr + "/url", "the URL's parameter " + PgClient.unsupported(key));
        }
      }
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      add.accept(dbPtr + "/url", "the backup step runs pg_dump on this URL, but " + e.getMessage());
    }
    for (String key : db.properties().keySet()) {
      if (!PgClient.LIBPQ.containsKey(key)) {
        add.accept(dbPtr + "/properties/" + key, PgClient.unsupported(key));
      }
    }
    if (db.binDir() != null && db.binDir().isBlank()) {
      add.accept(
          dbPtr + "/binDir",
          "binDir is empty: name the folder holding pg_dump, pg_restore and psql, or remove it");
    }
    for (int i = 0; i < step.verify().size(); i++) {
      if (step.verify().get(i) instanceof IntegrityCheck) {
        add.accept(
            ptr + "/verify/" + i,
            "an integrity check runs SQLite's integrity_check and proves nothing about a"
                + " PostgreSQL dump (the dump is proven by restoring it into a scratch database):"
                + " use count or value checks of what the restored copy must hold");
      }
    }
  }
}
