package io.cutover.activities.watch;

import io.cutover.activities.ConditionResult;
import io.cutover.activities.DbRef;
import io.cutover.activities.HoldCheckRequest;
import io.cutover.activities.HoldCheckResult;
import io.cutover.activities.Reading;
import io.cutover.activities.db.Connections;
import io.cutover.activities.http.HttpActivitiesImpl;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.api.Evidence;
import io.cutover.plan.Condition;
import io.cutover.plan.FileCondition;
import io.cutover.plan.HoldCondition;
import io.cutover.plan.MetricSource;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SqlCondition;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.TimeOfDay;
import io.cutover.workflow.watch.Derive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check of a {@code hold} step: every condition evaluated once, read-only. Metrics are read
 * once each however many conditions name them, and derived as a monitor derives them (a counter's
 * rate since the previous check); queries run on read-only connections with a time limit.
 */
final class HoldChecks {
  private static final int QUERY_SECONDS = 20;

  private final WatchActivitiesImpl metrics;
  private final HttpActivitiesImpl http;

  HoldChecks(WatchActivitiesImpl metrics, HttpActivitiesImpl http) {
    this.metrics = metrics;
    this.http = http;
  }

  HoldCheckResult check(HoldCheckRequest r) {
    String base = r.context().baseDir();
    Map<String, Reading> readings = new LinkedHashMap<>();
    List<ConditionResult> out = new ArrayList<>();
    for (HoldCondition c : r.conditions()) {
      ConditionResult result;
      try {
        result = evaluate(c, r, readings, base);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw Fail.transientFault("hold check interrupted", ie);
      } catch (IOException | SQLException | RuntimeException e) {
        result =
            new ConditionResult(
                c.label(),
                false,
                expected(c),
                "error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      out.add(result);
    }
    return new HoldCheckResult(out, readings);
  }

  private ConditionResult evaluate(
      HoldCondition c, HoldCheckRequest r, Map<String, Reading> readings, String base)
      throws IOException, SQLException, InterruptedException {
    if (c.until() != null) {
      return metric(c, r, readings, base);
    }
    if (c.sql() != null) {
      return sql(c, c.sql(), r.databases().get(c.sql().database()), base);
    }
    if (c.probe() != null) {
      List<Evidence> ev = http.probeOnce(c.probe(), base);
      Evidence failed = ev.stream().filter(Evidence::failed).findFirst().orElse(null);
      return new ConditionResult(
          c.label(), failed == null, "passing", failed == null ? "passing" : failed.toString());
    }
    if (c.file() != null) {
      FileCondition f = c.file();
      boolean there = Files.exists(PlanPaths.resolve(base, f.path()));
      return new ConditionResult(
          c.label(), there == f.presentOrDefault(), expected(c), there ? "present" : "absent");
    }
    if (c.timeOfDay() != null) {
      TimeOfDay t = c.timeOfDay();
      return new ConditionResult(
          c.label(), t.contains(r.atMillis()), expected(c), t.localTime(r.atMillis()));
    }
    return new ConditionResult(
        c.label(), false, "one of until, sql, probe, file, timeOfDay", "nothing to check");
  }

  private ConditionResult metric(
      HoldCondition c, HoldCheckRequest r, Map<String, Reading> readings, String base)
      throws IOException, InterruptedException {
    Condition cond = Condition.parse(c.until());
    MetricSource source = r.metrics().get(cond.metric());
    if (source == null) {
      return new ConditionResult(
          c.label(), false, expected(c), "no metric '" + cond.metric() + "' in the hold's metrics");
    }
    String want = cond.op() + " " + cond.show(cond.threshold(), source.display());
    Reading previous = r.previous().get(cond.metric());
    Reading now = readings.get(cond.metric());
    if (now == null) {
      try {
        now =
            metrics.read(
                cond.metric(),
                source,
                previous == null ? null : previous.cursor(),
                r.startMillis(),
                base);
      } catch (IOException | RuntimeException e) {
        now = Reading.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
      readings.put(cond.metric(), now);
    }
    if (!now.ok()) {
      return new ConditionResult(
          c.label(), false, want, "cannot read " + cond.metric() + ": " + now.error());
    }
    double seconds = r.previousMillis() > 0 ? (r.atMillis() - r.previousMillis()) / 1000.0 : 0;
    Double value = Derive.value(source, previous, now, seconds);
    if (value == null) {
      return new ConditionResult(c.label(), false, want, "no value yet (a rate needs two checks)");
    }
    Double limit = cond.limit(null);
    return new ConditionResult(
        c.label(),
        limit != null && cond.breached(value, limit),
        want,
        cond.show(value, source.display()));
  }

  private static ConditionResult sql(HoldCondition c, SqlCondition q, DbRef db, String base)
      throws SQLException {
    if (db == null) {
      return new ConditionResult(
          c.label(),
          false,
          expected(c),
          "no database '" + q.database() + "' in the plan's resources");
    }
    String actual;
    try (Connection conn = open(db, base);
        Statement st = conn.createStatement()) {
      st.setQueryTimeout(QUERY_SECONDS);
      st.setMaxRows(1);
      try (ResultSet rs = st.executeQuery(q.query())) {
        actual = rs.next() ? rs.getString(1) : null;
      }
    }
    return new ConditionResult(
        c.label(), q.holds(actual), expected(c), actual == null ? "NULL (or no row)" : actual);
  }

  /** A read-only connection; a SQLite file that does not exist is an error here, never created. */
  private static Connection open(DbRef db, String base) throws SQLException {
    if (db.database() instanceof SqliteDatabase s) {
      Path file = Connections.sqlitePath(s, base);
      if (!Files.exists(file)) {
        throw new SQLException("SQLite database " + file + " does not exist");
      }
      return Connections.openSqliteFile(file, true);
    }
    if (db.database() instanceof PostgresDatabase p) {
      Connection conn = Connections.openPostgres(p, base);
      conn.setReadOnly(true);
      return conn;
    }
    throw new SQLException("database '" + db.name() + "' has an unsupported type");
  }

  private static String expected(HoldCondition c) {
    if (c.until() != null) {
      try {
        Condition cond = Condition.parse(c.until());
        return cond.op() + " " + cond.show(cond.threshold(), null);
      } catch (IllegalArgumentException e) {
        return c.until();
      }
    }
    if (c.sql() != null) {
      return c.sql().expectation();
    }
    if (c.probe() != null) {
      return "passing";
    }
    if (c.file() != null) {
      return c.file().presentOrDefault() ? "present" : "absent";
    }
    if (c.timeOfDay() != null) {
      return c.timeOfDay().describe();
    }
    return "?";
  }
}
