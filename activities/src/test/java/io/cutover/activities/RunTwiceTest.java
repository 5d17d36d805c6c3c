package io.cutover.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.db.DataActivitiesImpl;
import io.cutover.activities.db.ValidateActivitiesImpl;
import io.cutover.activities.plan.PlanActivitiesImpl;
import io.cutover.activities.preview.PreviewActivitiesImpl;
import io.cutover.activities.process.CommandActivitiesImpl;
import io.cutover.activities.process.ProcessRunner;
import io.cutover.activities.process.ServiceActivitiesImpl;
import io.cutover.activities.record.RecordActivitiesImpl;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CommandGuard;
import io.cutover.plan.PlanJson;
import io.cutover.plan.RecordSpec;
import io.cutover.plan.Service;
import io.cutover.plan.SqlStep;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.UniqueCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each activity run twice with the same input, as a retry after a crash would: the second run
 * changes nothing, or ends in the same state. (Backup, restore, truncate and import are covered in
 * their own tests.)
 */
class RunTwiceTest {
  @TempDir Path tmp;
  Path pidFile;

  @AfterEach
  void stopService() throws Exception {
    if (pidFile != null && Files.exists(pidFile)) {
      ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  StepContext ctx(String step) {
    return new StepContext("wf/run", step, tmp.toString(), false);
  }

  @Test
  void sqlRunsOncePerStepOfARun() throws Exception {
    Path db = tmp.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE counter (n INTEGER)");
      st.execute("INSERT INTO counter VALUES (0)");
    }
    DbRef ref = new DbRef("app", new SqliteDatabase("app.db", List.of(), null));
    SqlStep step =
        new SqlStep(
            "bump",
            null,
            null,
            null,
            null,
            "app",
            null,
            List.of("UPDATE counter SET n = n + 1"),
            null,
            null,
            null);
    DataActivitiesImpl data = new DataActivitiesImpl();
    data.runSql(new SqlRequest(ctx("bump"), ref, step));
    StepOutcome again = data.runSql(new SqlRequest(ctx("bump"), ref, step));
    assertTrue(again.summary().contains("already applied"), again.summary());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT n FROM counter")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
  }

  @Test
  void aGuardedCommandRunsOncePerRun() throws Exception {
    var commands = new CommandActivitiesImpl();
    List<String> count = List.of("sh", "-c", "echo ran >> counter.txt");
    CommandRequest once =
        new CommandRequest(
            ctx("notify"),
            "notify",
            count,
            null,
            null,
            List.of(0),
            10,
            new CommandGuard(null, true));
    commands.runCommand(once);
    StepOutcome again = commands.runCommand(once);
    assertTrue(again.summary().contains("already ran in this run"), again.summary());
    assertEquals(1, Files.readAllLines(tmp.resolve("counter.txt")).size());

    CommandRequest checked =
        new CommandRequest(
            ctx("flag"),
            "flag",
            List.of("sh", "-c", "echo ran >> flags.txt; touch flag"),
            null,
            null,
            List.of(0),
            10,
            new CommandGuard(List.of("test", "-f", "flag"), false));
    commands.runCommand(checked);
    commands.runCommand(checked);
    assertEquals(
        1,
        Files.readAllLines(tmp.resolve("flags.txt")).size(),
        "the check saw the effect and skipped the command");

    CommandRequest unguarded =
        new CommandRequest(
            ctx("plain"),
            "plain",
            List.of("sh", "-c", "echo ran >> plain.txt"),
            null,
            null,
            List.of(0),
            10);
    commands.runCommand(unguarded);
    commands.runCommand(unguarded);
    assertEquals(
        2,
        Files.readAllLines(tmp.resolve("plain.txt")).size(),
        "without a guard a command is at-least-once");
  }

  @Test
  void restartingTwiceLeavesExactlyOneProcess() throws Exception {
    pidFile = tmp.resolve("svc.pid");
    Service svc =
        PlanJson.of(
            Service.class,
            Map.of("start", List.of("sleep", "300"), "pidFile", "svc.pid", "log", "svc.log"));
    ServiceActivitiesImpl services = new ServiceActivitiesImpl();
    services.restartService(new RestartRequest(ctx("restart"), "svc", svc));
    long first = Long.parseLong(Files.readString(pidFile).trim());
    services.restartService(new RestartRequest(ctx("restart"), "svc", svc));
    long second = Long.parseLong(Files.readString(pidFile).trim());
    assertFalse(
        ProcessHandle.of(first).map(ProcessRunner::isRunning).orElse(false),
        "the first instance was stopped");
    assertTrue(
        ProcessHandle.of(second).map(ProcessRunner::isRunning).orElse(false), "one instance runs");
  }

  @Test
  void validationAndPlanLoadingAreReadOnly() throws Exception {
    Path db = tmp.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    }
    String before = SafeFiles.sha256(db);
    ValidateRequest req =
        new ValidateRequest(
            ctx("v"),
            new DbRef("app", new SqliteDatabase("app.db", List.of(), null)),
            List.of(new UniqueCheck(null, "t", List.of("id"))),
            null);
    StepOutcome a = new ValidateActivitiesImpl().validate(req);
    StepOutcome b = new ValidateActivitiesImpl().validate(req);
    assertEquals(a, b);
    assertEquals(before, SafeFiles.sha256(db), "checks never write");

    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan, "name: n\nanchor: a\ntarget: t\nsteps:\n  - {id: w, type: wait, duration: 1s}\n");
    CutoverInput in = CutoverInput.ofPlanFile(plan.toString(), null, false);
    assertEquals(new PlanActivitiesImpl().loadPlan(in), new PlanActivitiesImpl().loadPlan(in));
  }

  @Test
  void aDryRunsScratchCopyIsMadeAndDroppedTwiceWithoutTouchingTheSource() throws Exception {
    Path db = tmp.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
      st.execute("INSERT INTO t (v) VALUES ('a'), ('b')");
    }
    String before = SafeFiles.sha256(db);
    PreviewActivitiesImpl previews = new PreviewActivitiesImpl();
    ScratchRequest req =
        new ScratchRequest(
            ctx("scratch"), new DbRef("app", new SqliteDatabase("app.db", List.of(), null)));
    DbRef first = previews.prepareScratch(req);
    DbRef second = previews.prepareScratch(req);
    assertEquals(first, second, "the same scratch file");
    Path scratch = Path.of(((SqliteDatabase) second.database()).path());
    assertEquals(
        before,
        SafeFiles.sha256(scratch),
        "a fresh copy of the source, not a copy of a half-written one");
    assertEquals(before, SafeFiles.sha256(db), "the source is only read");
    previews.dropScratch(ctx("scratch"));
    previews.dropScratch(ctx("scratch"));
    assertFalse(Files.exists(scratch.getParent()), "the scratch folder is gone");
  }

  @Test
  void writingTheRecordTwiceWritesTheSameFiles() throws Exception {
    CutoverReport report =
        new CutoverReport(
            "plan",
            "anchor-1",
            "target",
            "wf",
            "run-123456789",
            RunStatus.SUCCEEDED,
            null,
            "2025-08-02T10:00:00Z",
            "2025-08-02T10:07:00Z",
            null,
            List.of(),
            List.of(),
            null,
            null,
            null,
            List.of(),
            false,
            List.of(),
            List.of(),
            false,
            List.of(),
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null);
    RecordActivitiesImpl records = new RecordActivitiesImpl();
    RecordRequest req =
        new RecordRequest(
            tmp.toString(), new RecordSpec("records", "Event", "source", null), report);
    List<String> first = records.writeRecord(req);
    String content = Files.readString(Path.of(first.get(0)));
    List<String> second = records.writeRecord(req);
    assertEquals(first, second);
    assertEquals(content, Files.readString(Path.of(second.get(0))));
    try (var files = Files.list(Path.of(first.get(0)).getParent())) {
      assertEquals(3, files.count(), "no temporary files left behind");
    }
  }
}
