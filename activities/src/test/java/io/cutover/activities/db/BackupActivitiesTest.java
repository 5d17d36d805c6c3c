package io.cutover.activities.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.RestoreRequest;
import io.cutover.activities.support.SafeFiles;
import io.cutover.plan.BackupStep;
import io.cutover.plan.CountCheck;
import io.cutover.plan.PlanJson;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupActivitiesTest {
  @TempDir Path tmp;
  final BackupActivitiesImpl backups = new BackupActivitiesImpl();

  BackupStep step() {
    return new BackupStep(
        "backup",
        null,
        null,
        null,
        null,
        "app",
        List.of("b1", "b2"),
        List.of(
            PlanJson.of(
                CountCheck.class, Map.of("name", "items readable", "table", "items", "min", 0))),
        null,
        null,
        null);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "journal_mode={0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"delete", "wal"})
  void backupsUnderALiveWriterAreConsistentVerifiedAndRestoreByteForByte(String journalMode)
      throws Exception {
    DbFixture db = new DbFixture(tmp);
    db.exec("PRAGMA journal_mode=" + journalMode);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong committed = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              try (Connection c =
                      DriverManager.getConnection(
                          "jdbc:sqlite:" + db.file + "?busy_timeout=10000");
                  PreparedStatement ps =
                      c.prepareStatement("INSERT INTO items (name, price) VALUES (?, ?)")) {
                while (!stop.get()) {
                  ps.setString(1, "row " + committed.get());
                  ps.setDouble(2, committed.get() * 0.5);
                  ps.executeUpdate();
                  committed.incrementAndGet();
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    Thread.sleep(100);
    List<BackupResult> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long before = committed.get();
      results.add(backups.backup(new BackupRequest(db.ctx("backup-" + i), db.ref, step())));
      while (committed.get() == before) {
        Thread.sleep(5);
      }
    }
    stop.set(true);
    writer.join();

    assertTrue(committed.get() > 10, "the writer kept committing between and during the backups");
    for (BackupResult r : results) {
      assertEquals(2, r.copies().size());
      for (String copy : r.copies()) {
        assertEquals(r.sha256(), SafeFiles.sha256(Path.of(copy)));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
            var st = c.createStatement();
            var rs = st.executeQuery("PRAGMA integrity_check")) {
          rs.next();
          assertEquals("ok", rs.getString(1), copy);
        }
      }
      assertTrue(
          r.outcome().evidence().stream().noneMatch(e -> Boolean.FALSE.equals(e.ok())),
          r.outcome().evidence()::toString);
    }

    BackupResult r = results.get(results.size() - 1);
    long rowsInBackup =
        Long.parseLong(
            r.outcome().evidence().stream()
                .filter(e -> e.name().endsWith("items readable"))
                .findFirst()
                .orElseThrow()
                .actual());
    db.exec("DELETE FROM items");
    backups.restore(new RestoreRequest(db.ctx("restore"), db.ref, r.path(), r.sha256()));
    assertEquals(r.sha256(), SafeFiles.sha256(db.file), "byte-identical to the backup");
    assertEquals(rowsInBackup, db.count("items"));
    backups.restore(new RestoreRequest(db.ctx("restore"), db.ref, r.path(), r.sha256()));
    assertEquals(r.sha256(), SafeFiles.sha256(db.file), "restoring twice is harmless");
  }

  @Test
  void aRetriedBackupFindsTheFinishedCopyAndAnUnfinishedOneIsRedone() throws Exception {
    DbFixture db = new DbFixture(tmp);
    BackupResult first = backups.backup(new BackupRequest(db.ctx("backup"), db.ref, step()));
    BackupResult again = backups.backup(new BackupRequest(db.ctx("backup"), db.ref, step()));
    assertEquals(first.sha256(), again.sha256());
    assertTrue(again.outcome().summary().contains("reused"), again.outcome().summary());

    // A crash between writing the second copy and sealing it: the sidecar is missing.
    assertTrue(Files.exists(Path.of(first.copies().get(1) + ".sha256")));
    Files.delete(Path.of(first.copies().get(1) + ".sha256"));
    Files.writeString(Path.of(first.copies().get(1)), "torn");
    BackupResult third = backups.backup(new BackupRequest(db.ctx("backup"), db.ref, step()));
    assertEquals(first.sha256(), SafeFiles.sha256(Path.of(third.copies().get(1))));
  }

  @Test
  void aTruncatedDatabaseIsRefusedBeforeAnythingDependsOnItsBackup() throws Exception {
    DbFixture db = new DbFixture(tmp);
    for (int i = 0; i < 2000; i++) {
      db.exec(
          "INSERT INTO items (name, price) VALUES ('item "
              + i
              + " with some text to fill pages', "
              + i
              + ")");
    }
    byte[] whole = Files.readAllBytes(db.file);
    Files.write(db.file, Arrays.copyOf(whole, whole.length / 2));
    ApplicationFailure e =
        Assertions.assertThrows(
            ApplicationFailure.class,
            () -> backups.backup(new BackupRequest(db.ctx("backup"), db.ref, step())));
    assertTrue(
        List.of("BACKUP_FAILED", "BAD_DATA").contains(e.getType()),
        "a damaged file is not retried: " + e.getType() + " " + e.getOriginalMessage());
    assertTrue(
        e.getOriginalMessage().contains("app.db"),
        "the message names the file: " + e.getOriginalMessage());
    for (String dest : List.of("b1", "b2")) {
      if (Files.exists(tmp.resolve(dest))) {
        try (var files = Files.walk(tmp.resolve(dest))) {
          assertTrue(
              files.noneMatch(f -> f.toString().endsWith(".sha256")),
              "no copy of it was sealed as a restore point");
        }
      }
    }
  }

  @Test
  void aCorruptedBackupIsNeverRestored() throws Exception {
    DbFixture db = new DbFixture(tmp);
    BackupResult r = backups.backup(new BackupRequest(db.ctx("backup"), db.ref, step()));
    Files.writeString(Path.of(r.path()), "garbage");
    String before = SafeFiles.sha256(db.file);
    // A crash mid-restore leaves at most a stray temporary file, never a mixed database.
    ApplicationFailure e =
        Assertions.assertThrows(
            ApplicationFailure.class,
            () ->
                backups.restore(
                    new RestoreRequest(db.ctx("restore"), db.ref, r.path(), r.sha256())));
    assertEquals("BACKUP_FAILED", e.getType());
    assertEquals(before, SafeFiles.sha256(db.file), "the live database was not touched");
  }

  @Test
  void aDamagedFirstCopyFallsBackToTheSecondAndSaysSo() throws Exception {
    DbFixture db = new DbFixture(tmp);
    db.exec("INSERT INTO items (name, price) VALUES ('kept', 1.5)");
    BackupResult r = backups.backup(new BackupRequest(db.ctx("backup"), db.ref, step()));
    String sealed = SafeFiles.sha256(db.file);
    db.exec("DELETE FROM items");
    java.nio.file.Files.write(
        Path.of(r.copies().get(0)), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

    io.cutover.api.StepOutcome out =
        backups.restore(
            new RestoreRequest(db.ctx("restore"), db.ref, r.path(), r.sha256(), r.copies()));

    String s = out.summary();
    assertTrue(
        s.contains("copy 1 at " + r.copies().get(0) + ": sha256 mismatch (expected " + r.sha256()),
        s);
    assertTrue(s.contains("restored from copy 2 at " + r.copies().get(1)), s);
    assertEquals(sealed, SafeFiles.sha256(db.file), "byte for byte the second copy");
    assertEquals(1, db.count("items"));

    // A request recorded before copies were passed tries only its one path.
    io.temporal.failure.ApplicationFailure old =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.temporal.failure.ApplicationFailure.class,
            () ->
                backups.restore(
                    new RestoreRequest(db.ctx("restore"), db.ref, r.path(), r.sha256())));
    assertEquals("BACKUP_FAILED", old.getType());
    assertTrue(old.getOriginalMessage().contains("sha256 mismatch"), old.getOriginalMessage());
  }
}
