// Benchmark behind bench/backup. The baseline is `cp` then `sync FILE` (that file only, so other
// processes' dirty pages do not count against either side).
// Run through that script: it builds the jar and puts it on the
// classpath of this single-file program.

import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.DbRef;
import io.cutover.activities.RestoreRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.db.BackupActivitiesImpl;
import io.cutover.plan.BackupStep;
import io.cutover.plan.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

public class BackupBench {
  public static void main(String[] args) throws Exception {
    int sizeMb = 600;
    int runs = 3;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "cutover-bench-backup");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--size-mb" -> sizeMb = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --size-mb N, --runs R, --dir DIR)");
      }
    }
    Files.createDirectories(dir);
    Path db = dir.resolve("source.db");
    generate(db, sizeMb);
    long bytes = Files.size(db);
    System.out.printf(Locale.ROOT, "source: %s, %.0f MiB%n", db, bytes / 1048576.0);

    BackupActivitiesImpl activities = new BackupActivitiesImpl();
    DbRef ref = new DbRef("bench", new SqliteDatabase(db.toString(), List.of(), null));
    Path restoreTarget = dir.resolve("restore-target.db");
    List<Double> cp = new ArrayList<>();
    List<Double> backup = new ArrayList<>();
    List<Double> restore = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      Path out = dir.resolve("cp-copy.db");
      Files.deleteIfExists(out);
      long t0 = System.nanoTime();
      run("cp", db.toString(), out.toString());
      run("sync", out.toString());
      cp.add(seconds(t0));

      clean(dir.resolve("backups"));
      StepContext ctx = new StepContext("bench/run-" + r, "backup", dir.toString(), false);
      BackupStep step = io.cutover.plan.PlanJson.of(BackupStep.class, java.util.Map.of("id", "backup", "database", "bench", "destinations", List.of("backups")));
      t0 = System.nanoTime();
      BackupResult result = activities.backup(new BackupRequest(ctx, ref, step));
      backup.add(seconds(t0));

      Files.copy(db, restoreTarget, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      run("sync", restoreTarget.toString());
      DbRef target = new DbRef("bench", new SqliteDatabase(restoreTarget.toString(), List.of(), null));
      t0 = System.nanoTime();
      activities.restore(new RestoreRequest(ctx, target, result.path(), result.sha256()));
      restore.add(seconds(t0));
      System.out.printf(Locale.ROOT, "run %d: cp+sync %.2fs  backup %.2fs  restore %.2fs%n", r + 1, cp.get(r), backup.get(r), restore.get(r));
    }
    double cpM = median(cp);
    double backupM = median(backup);
    double restoreM = median(restore);
    System.out.printf(Locale.ROOT, "medians of %d: cp+sync %.2fs, backup %.2fs, restore %.2fs%n", runs, cpM, backupM, restoreM);
    System.out.printf(Locale.ROOT, "backup_vs_cp=%.2f restore_vs_cp=%.2f%n", backupM / cpM, restoreM / cpM);
  }

  static void generate(Path db, int sizeMb) throws Exception {
    if (Files.exists(db) && Files.size(db) >= sizeMb * 1048576L) {
      return;
    }
    Files.deleteIfExists(db);
    Random rnd = new Random(42);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=OFF");
        st.execute("PRAGMA synchronous=OFF");
        st.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount REAL, payload BLOB, day TEXT)");
        st.execute("CREATE INDEX events_name ON events(name)");
      }
      c.setAutoCommit(false);
      long id = 0;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?)")) {
        while (Files.size(db) < sizeMb * 1048576L) {
          for (int i = 0; i < 50_000; i++, id++) {
            byte[] blob = new byte[20 + rnd.nextInt(100)];
            rnd.nextBytes(blob);
            ps.setLong(1, id);
            ps.setString(2, "event-" + id + "-" + Long.toHexString(rnd.nextLong()));
            ps.setDouble(3, rnd.nextDouble() * 1000);
            ps.setBytes(4, blob);
            ps.setString(5, "2025-08-" + (1 + id % 28));
            ps.addBatch();
          }
          ps.executeBatch();
          c.commit();
        }
      }
      try (Statement st = c.createStatement()) {
        c.setAutoCommit(true);
        st.execute("PRAGMA journal_mode=DELETE");
      }
    }
  }

  static void clean(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed");
    }
  }

  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
