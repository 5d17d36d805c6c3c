package io.cutover.activities.pg;

import io.cutover.activities.CopyProgress;
import io.cutover.activities.CopyRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Meters;
import io.cutover.activities.support.Pulse;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CopyStep;
import io.cutover.plan.SqliteDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One attempt of a copy: plan the tables and their parts (or read them back from the target's
 * checkpoints), stream the parts on {@code parallel} connections, then build primary keys and
 * indexes in parallel, then foreign keys, then align sequences. Every phase is idempotent, so a
 * retried attempt redoes only what is missing.
 */
final class CopyEngine {
  private final CopyRequest request;
  private final CopyStep step;
  private final StepContext ctx;
  private final long failAfterRows;
  private final Map<String, CopyState.Part> progress = new ConcurrentHashMap<>();
  private final AtomicLong committedThisAttempt = new AtomicLong();
  private final Map<String, String> formats = new ConcurrentHashMap<>();
  private static final String INDEXES = "#indexes";
  private static final String FOREIGN_KEYS = "#foreign-keys";
  private volatile String phase = "planning";
  private volatile boolean stopping;

  /** For the live copy rate: rows committed and time at the last heartbeat that published it. */
  private long lastBeatNanos;

  private long lastBeatRows;

  /**
   * @param failAfterRows a test seam: fail the attempt once this many rows were committed (-1:
   *     never)
   */
  CopyEngine(CopyRequest request, long failAfterRows) {
    this.request = request;
    this.step = request.step();
    this.ctx = request.context();
    this.failAfterRows = failAfterRows;
  }

  StepOutcome run() throws SQLException, IOException {
    List<Evidence> evidence = new ArrayList<>();
    long started = System.nanoTime();
    CopyProgress previous = Pulse.previous(CopyProgress.class);
    if (previous != null) {
      evidence.add(
          Evidence.info(
              "resumed after an interrupted attempt",
              previous.rows() + " rows committed then (phase " + previous.phase() + ")"));
    }
    Map<String, SqliteSchema.Table> tables;
    List<String> order;
    Map<String, Boolean> created;
    Map<String, List<String>> types = new LinkedHashMap<>();
    Map<String, List<String>> columns = new LinkedHashMap<>();
    List<CopyState.Part> parts = new ArrayList<>();
    try (Connection src = openSource();
        Connection pg = openTarget()) {
      tables = select(SqliteSchema.read(src));
      List<String> cycles = new ArrayList<>();
      order = FkOrder.sort(tables, cycles);
      evidence.add(Evidence.info("foreign-key order", String.join(" → ", order)));
      if (!cycles.isEmpty()) {
        evidence.add(Evidence.info("foreign-key cycles broken at", String.join(", ", cycles)));
      }
      CopyState.ensure(pg);
      created = prepareTables(pg, tables, order);
      for (String t : order) {
        SqliteSchema.Table table = tables.get(t);
        Map<String, String> target = PgBuild.columns(pg, t);
        List<String> cols = new ArrayList<>();
        List<String> ks = new ArrayList<>();
        for (SqliteSchema.Column c : table.columns()) {
          String match =
              target.containsKey(c.name())
                  ? c.name()
                  : target.keySet().stream()
                      .filter(x -> x.equalsIgnoreCase(c.name()))
                      .findFirst()
                      .orElse(null);
          if (match == null) {
            throw Fail.of(
                FailureType.BAD_DATA,
                "target table "
                    + t
                    + " has no column "
                    + c.name()
                    + " (columns: "
                    + target.keySet()
                    + ")");
          }
          cols.add(match);
          ks.add(target.get(match));
        }
        columns.put(t, cols);
        types.put(t, ks);
        parts.addAll(planParts(src, pg, table));
      }
    }
    parts.forEach(p -> progress.put(key(p), p));
    long resumedRows = parts.stream().mapToLong(CopyState.Part::rows).sum();
    if (resumedRows > 0) {
      evidence.add(
          Evidence.info(
              "resumed from committed checkpoints",
              resumedRows
                  + " rows already copied: "
                  + String.join(
                      "; ",
                      parts.stream()
                          .filter(p -> p.rows() > 0)
                          .map(p -> p.table() + " " + p.range() + " up to key " + p.lastKey())
                          .toList())));
    }

    // One schedule for data, keys, indexes and foreign keys: a table's primary key and indexes
    // start as soon as its own data is in, while other tables are still streaming; a foreign key
    // once both of its tables have their keys. The data goes first whenever a stream is free.
    phase = "data";
    long t0 = System.nanoTime();
    boolean ordered = created.values().stream().anyMatch(c -> !c);
    Map<String, Set<String>> waitFor = new LinkedHashMap<>();
    List<PgBuild.Task> tasks = new ArrayList<>();
    List<CopyState.Part> items = new ArrayList<>(parts);
    items.sort(
        Comparator.comparingInt((CopyState.Part p) -> order.indexOf(p.table()))
            .thenComparing(Comparator.comparingLong(CopyEngine::size).reversed()));
    List<CopyState.Part> indexItems = new ArrayList<>();
    List<CopyState.Part> fkItems = new ArrayList<>();
    int indexCount = 0;
    int fkCount = 0;
    for (String t : order) {
      waitFor.put(t, ordered ? FkOrder.parentsOf(tables.get(t), tables) : Set.of());
      waitFor.put(t + INDEXES, Set.of(t));
      if (!created.get(t)) {
        continue;
      }
      long estimate =
          parts.stream().filter(p -> p.table().equals(t)).mapToLong(CopyEngine::size).sum();
      for (PgBuild.Task task : PgBuild.indexes(tables.get(t), estimate)) {
        indexItems.add(CopyState.Part.whole(t + INDEXES, tasks.size(), task.weight()));
        tasks.add(task);
        indexCount++;
      }
      Set<String> fkWait = new LinkedHashSet<>(Set.of(t + INDEXES));
      for (String parent : FkOrder.parentsOf(tables.get(t), tables)) {
        fkWait.add(parent + INDEXES);
      }
      waitFor.put(t + FOREIGN_KEYS, fkWait);
      for (PgBuild.Task task : PgBuild.foreignKeys(tables.get(t), tables, estimate)) {
        fkItems.add(CopyState.Part.whole(t + FOREIGN_KEYS, tasks.size(), task.weight()));
        tasks.add(task);
        fkCount++;
      }
    }
    indexItems.sort(Comparator.comparingLong(CopyState.Part::rows).reversed());
    items.addAll(indexItems);
    items.addAll(fkItems);
    AtomicLong built = new AtomicLong();
    long[] dataDone = {0};
    AtomicLong dataLeft = new AtomicLong(parts.size());
    new PartScheduler(step.parallel(), this::beat)
        .run(
            items,
            waitFor,
            p -> {
              if (p.table().endsWith(INDEXES) || p.table().endsWith(FOREIGN_KEYS)) {
                try (Connection pg = openTarget();
                    Statement st = pg.createStatement()) {
                  st.execute("SET maintenance_work_mem = '256MB'");
                  if (PgBuild.apply(pg, tasks.get(p.part()))) {
                    built.incrementAndGet();
                  }
                }
                return;
              }
              try (Connection src = openSource();
                  Connection pg = openTarget()) {
                PartCopier copier =
                    new PartCopier(
                        ctx,
                        tables.get(p.table()),
                        columns.get(p.table()),
                        types.get(p.table()),
                        step.chunkRows());
                copier.copy(src, pg, p, this::committed, () -> stopping || Pulse.cancelRequested());
                formats.merge(
                    p.table(),
                    copier.format(),
                    (a, b) -> a.equals(b) ? a : a.length() > b.length() ? a : b);
              } catch (Exception e) {
                stopping = true;
                throw e;
              }
              if (dataLeft.decrementAndGet() == 0) {
                dataDone[0] = System.nanoTime();
                phase = "indexes and foreign keys";
              }
            });
    // Stopped early (the worker is shutting down, or the attempt was cancelled): what is committed
    // stays with its checkpoints, and the next attempt resumes from there. Never a success.
    Pulse.failIfShuttingDown("copy '" + step.id() + "'");
    if (Pulse.cancelRequested()) {
      throw Fail.transientFault(
          "copy '"
              + step.id()
              + "' stopped before it finished (cancelled); committed chunks are kept",
          null);
    }
    long rows =
        progress.values().stream()
            .filter(p -> !p.table().contains("#"))
            .mapToLong(CopyState.Part::rows)
            .sum();
    evidence.add(
        Evidence.info(
            "data",
            rows
                + " rows in "
                + (dataDone[0] == 0
                    ? "0.00"
                    : String.format(Locale.ROOT, "%.2f", (dataDone[0] - t0) / 1e9))
                + " s on "
                + step.parallel()
                + " stream(s)"));
    for (String t : order) {
      long n =
          progress.values().stream()
              .filter(p -> p.table().equals(t))
              .mapToLong(CopyState.Part::rows)
              .sum();
      evidence.add(
          Evidence.info(
              "rows copied into " + t + (created.get(t) ? " (created)" : " (existing table)"),
              n + (formats.containsKey(t) ? " (COPY " + formats.get(t) + ")" : "")));
    }
    evidence.add(
        Evidence.info(
            "primary keys, indexes and foreign keys",
            indexCount
                + " keys and indexes, "
                + fkCount
                + " foreign keys (each validated); "
                + built.get()
                + " built now, overlapping the data; all done "
                + String.format(
                    Locale.ROOT, "%.2f", (System.nanoTime() - Math.max(dataDone[0], t0)) / 1e9)
                + " s after the last row"));

    phase = "sequences";
    List<String> seqs = new ArrayList<>();
    try (Connection pg = openTarget()) {
      for (String t : order) {
        seqs.addAll(PgBuild.alignSequences(pg, t));
      }
    }
    evidence.add(
        Evidence.info(
            "sequences aligned to max(id)", seqs.isEmpty() ? "none" : String.join("; ", seqs)));
    phase = "done";
    beat();
    Meters.rowsPerSecond(step.id(), Double.NaN);
    Meters.rowsCopied("copy", committedThisAttempt.get());
    return new StepOutcome(
        "copied "
            + rows
            + " rows in "
            + order.size()
            + " table(s) from '"
            + request.source().name()
            + "' to '"
            + request.target().name()
            + "' in "
            + seconds(started)
            + " s",
        evidence,
        List.of());
  }

  private Map<String, SqliteSchema.Table> select(Map<String, SqliteSchema.Table> all) {
    if (step.tables().isEmpty()) {
      return all;
    }
    Map<String, SqliteSchema.Table> out = new LinkedHashMap<>();
    for (String t : step.tables()) {
      String name = FkOrder.find(all, t);
      if (name == null) {
        throw Fail.of(
            FailureType.NOT_FOUND,
            "table "
                + t
                + " does not exist in '"
                + request.source().name()
                + "' (tables: "
                + all.keySet()
                + ")");
      }
      out.put(name, all.get(name));
    }
    return out;
  }

  /**
   * Creates the missing tables and records which ones this copy created; refuses non-empty ones it
   * did not fill.
   */
  private Map<String, Boolean> prepareTables(
      Connection pg, Map<String, SqliteSchema.Table> tables, List<String> order)
      throws SQLException {
    pg.setAutoCommit(false);
    Map<String, Boolean> known = CopyState.tables(pg, ctx);
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (String t : order) {
      SqlNames.quote(t);
      if (known.containsKey(t)) {
        out.put(t, known.get(t));
        continue;
      }
      boolean create = !PgBuild.tableExists(pg, t);
      if (create) {
        try (Statement st = pg.createStatement()) {
          st.execute(PgBuild.createTable(tables.get(t)));
        }
      } else {
        try (Statement st = pg.createStatement();
            ResultSet rs =
                st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + SqlNames.quote(t) + ")")) {
          rs.next();
          if (rs.getBoolean(1)) {
            pg.rollback();
            throw Fail.of(
                FailureType.BAD_DATA,
                "target table "
                    + t
                    + " on '"
                    + request.target().name()
                    + "' already holds rows that this copy did not write: empty it first, or copy"
                    + " into a fresh database");
          }
        }
      }
      CopyState.recordTable(pg, ctx, t, create);
      pg.commit();
      out.put(t, create);
    }
    pg.setAutoCommit(true);
    return out;
  }

  /**
   * The parts of a table: recorded ones when resuming, else rowid ranges (or one part) recorded
   * now.
   */
  private List<CopyState.Part> planParts(Connection src, Connection pg, SqliteSchema.Table t)
      throws SQLException {
    List<CopyState.Part> known = CopyState.parts(pg, ctx, t.name());
    if (!known.isEmpty()) {
      return known;
    }
    List<CopyState.Part> parts = new ArrayList<>();
    if (t.withoutRowid()) {
      parts.add(CopyState.Part.whole(t.name(), 0, 0));
    } else {
      long min;
      long max;
      try (Statement st = src.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT min(rowid), max(rowid) FROM " + SqlNames.quote(t.name()))) {
        rs.next();
        min = rs.getLong(1);
        max = rs.getLong(2);
        if (rs.getObject(1) == null) {
          min = 1;
          max = 0;
        }
      }
      long span = max - min + 1;
      int k = span > 4L * step.chunkRows() && step.parallel() > 1 ? step.parallel() : 1;
      long lo = min - 1;
      for (int i = 0; i < k; i++) {
        long hi = i == k - 1 ? max : lo + span / k;
        parts.add(new CopyState.Part(t.name(), i, lo, hi, null, 0, span <= 0));
        lo = hi;
      }
    }
    boolean auto = pg.getAutoCommit();
    pg.setAutoCommit(false);
    for (CopyState.Part p : parts) {
      CopyState.insertPart(pg, ctx, p);
    }
    pg.commit();
    pg.setAutoCommit(auto);
    return parts;
  }

  private void committed(CopyState.Part p) {
    CopyState.Part before = progress.put(key(p), p);
    long added = p.rows() - (before == null ? 0 : before.rows());
    long total = committedThisAttempt.addAndGet(added);
    if (failAfterRows >= 0 && total >= failAfterRows && !p.done()) {
      stopping = true;
      throw Fail.transientFault(
          "injected fault: attempt stopped after committing " + total + " rows (test seam)", null);
    }
  }

  /** Called by the scheduler on the activity's own thread: publishes progress to the heartbeat. */
  private void beat() {
    long now = System.nanoTime();
    long committed = committedThisAttempt.get();
    if (lastBeatNanos != 0 && now - lastBeatNanos >= 500_000_000L) {
      // A rate only while rows move: index builds and sequence alignment are not a stalled copy.
      Meters.rowsPerSecond(
          step.id(),
          "data".equals(phase)
              ? (committed - lastBeatRows) / ((now - lastBeatNanos) / 1e9)
              : Double.NaN);
      lastBeatNanos = now;
      lastBeatRows = committed;
    } else if (lastBeatNanos == 0) {
      lastBeatNanos = now;
      lastBeatRows = committed;
    }
    List<CopyProgress.Part> ps =
        progress.values().stream()
            .sorted(
                Comparator.comparing(CopyState.Part::table).thenComparingInt(CopyState.Part::part))
            .map(p -> new CopyProgress.Part(p.table(), p.range(), p.lastKey(), p.rows(), p.done()))
            .toList();
    Pulse.progress(
        new CopyProgress(phase, ps.stream().mapToLong(CopyProgress.Part::rows).sum(), ps));
  }

  private Connection openSource() throws SQLException {
    if (!(request.source().database() instanceof SqliteDatabase s)) {
      throw Fail.of(
          FailureType.INVALID_PLAN,
          "copy source '" + request.source().name() + "' must be a SQLite database");
    }
    return Connections.openSqlite(s, ctx.baseDir(), true);
  }

  private Connection openTarget() {
    return Connections.open(request.target(), ctx.baseDir());
  }

  private static String key(CopyState.Part p) {
    return p.table() + "#" + p.part();
  }

  private static long size(CopyState.Part p) {
    return p.lo() == null ? Long.MAX_VALUE / 2 : p.hi() - p.lo();
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - startNanos) / 1e9);
  }
}
