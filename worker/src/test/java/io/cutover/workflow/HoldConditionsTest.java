package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.MonitorPlans;
import io.cutover.testing.Sqlite;
import io.cutover.worker.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of {@code hold} condition evaluated for real — a query on a SQLite file, a probe and a
 * metric on a loopback HTTP server, flag files present and absent, the time of day on the test
 * server's clock — and a hold that keeps its clock across a worker restart.
 */
class HoldConditionsTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path tmp;
  final MetricsStandIn service = MetricsStandIn.start();

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void everyKindOfConditionIsReadFromTheRealThingAndTheHoldEndsOnceAllHeld(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    Path db = tmp.resolve("app.db");
    Sqlite.execute(db, "CREATE TABLE outbox (id INTEGER PRIMARY KEY, body TEXT)");
    Sqlite.execute(db, "INSERT INTO outbox (body) VALUES ('a'), ('b')");
    Files.writeString(tmp.resolve("writer.lock"), "pid 4242\n");
    service.script("queue", 4, 0).script("ready", 0, 1);
    // The window opens 10 to 11 minutes from now on the test server's clock, in Berlin.
    ZonedDateTime opens =
        Instant.ofEpochMilli(env.currentTimeMillis())
            .atZone(BERLIN)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(11);
    String after = opens.toLocalTime().toString();
    String before = opens.plusHours(2).toLocalTime().toString();
    Path plan =
        MonitorPlans.switchThenWatch(
            tmp,
            "kinds",
            """
            resources:
              databases:
                app: {type: sqlite, path: app.db}
            """,
            """
            - id: quiet
              type: hold
              metrics:
                queue_depth: {type: http, url: "%s", path: $.queue, unit: count}
              conditions:
                - {name: outbox empty, sql: {database: app, query: "SELECT COUNT(*) FROM outbox", expect: 0}}
                - {name: consumer ready, probe: {url: "%s", json: [{path: $.ready, min: 1}]}}
                - {until: queue_depth == 0}
                - {name: drain flag, file: {path: drained.flag}}
                - {name: no writer, file: {path: writer.lock, present: false}}
                - {name: quiet hours, timeOfDay: {after: "%s", before: "%s", timezone: Europe/Berlin}}
              stableFor: 2m
              interval: 1m
              deadline: 1h
            """
                .formatted(
                    service.url("/metrics.json?m=queue"),
                    service.url("/metrics.json?m=probe"),
                    after,
                    before));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport first =
        CutoverTesting.awaitStatus(
            wf,
            r -> r.steps().stream().anyMatch(s -> s.id().equals("quiet") && s.summary() != null),
            Duration.ofSeconds(60));
    List<Evidence> seen = step(first, "quiet").evidence();
    assertEquals(new Evidence("outbox empty", "= 0", "2", false), seen.get(0));
    assertEquals("consumer ready", seen.get(1).name());
    assertTrue(
        seen.get(1).actual().contains("$.ready") && !seen.get(1).ok(), seen.get(1).toString());
    assertEquals(new Evidence("queue_depth == 0", "== 0", "4", false), seen.get(2));
    assertEquals(new Evidence("drain flag", "present", "absent", false), seen.get(3));
    assertEquals(new Evidence("no writer", "absent", "present", false), seen.get(4));
    assertEquals("quiet hours", seen.get(5).name());
    assertEquals(after + "-" + before + " Europe/Berlin", seen.get(5).expected());
    assertTrue(
        !seen.get(5).ok() && seen.get(5).actual().endsWith(" Europe/Berlin"),
        seen.get(5).toString());

    // The world catches up, all but the clock: the outbox drains, the flag appears, the lock goes.
    Sqlite.execute(db, "DELETE FROM outbox");
    Files.writeString(tmp.resolve("drained.flag"), "");
    Files.delete(tmp.resolve("writer.lock"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    StepReport hold = step(r, "quiet");
    List<Evidence> last = hold.evidence();
    assertEquals(
        List.of("0", "passing", "0", "present", "absent"),
        last.subList(0, 5).stream().map(Evidence::actual).toList());
    assertTrue(
        last.subList(0, 6).stream().allMatch(e -> Boolean.TRUE.equals(e.ok())), last.toString());
    Instant ended = Instant.parse(hold.endedAt());
    // The first check inside the window comes within a minute of its opening; then 2 minutes
    // stable.
    assertTrue(
        !ended.isBefore(opens.toInstant().plusSeconds(120))
            && ended.isBefore(opens.toInstant().plusSeconds(185)),
        "ended at " + ended + ", the window opened at " + opens.toInstant());
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(r.workflowId()), CutoverWorkflowImpl.class);
  }

  @Test
  void aWorkerRestartMidHoldNeitherRestartsNorRepeatsItsChecks(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    service.script("queue", 3, 3, 0);
    Path plan =
        MonitorPlans.switchThenWatch(
            tmp,
            "restart",
            """
            - id: drained
              type: hold
              metrics:
                queue_depth: {type: http, url: "%s", path: $.queue, unit: count}
              conditions:
                - until: queue_depth == 0
              stableFor: 1m
              interval: 10s
              deadline: 10m
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    env.sleep(Duration.ofSeconds(35));
    assertEquals(4, service.scrapes(), "checks at 0, 10, 20 and 30 s");

    WorkerFactory old = env.getWorkerFactory();
    old.shutdownNow();
    old.awaitTermination(10, TimeUnit.SECONDS);
    WorkerFactory fresh = WorkerFactory.newInstance(client, WorkerSetup.factoryOptions());
    Worker worker =
        fresh.newWorker(options.getTaskQueue(), CutoverTesting.testServerWorkerOptions());
    WorkerSetup.registerAll(worker);
    fresh.start();
    try {
      CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

      assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
      StepReport hold = step(r, "drained");
      // 0 from the check at 20 s on: stable for 1 minute at 80 s, the 9th check, restart or not.
      assertEquals("all 1 condition(s) held for 1m after 1m20s (9 checks)", hold.summary());
      assertEquals(9, service.scrapes(), "no check taken twice");
    } finally {
      fresh.shutdownNow();
    }
  }
}
