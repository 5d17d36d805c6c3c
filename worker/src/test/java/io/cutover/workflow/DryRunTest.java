package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.preview.PreviewActivitiesImpl;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} on seed 000: every byte of the example's folder (database, backups, records,
 * the service's pid file) is the same afterwards, while the import and its validation were really
 * tried on a scratch copy of today's data.
 */
class DryRunTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  Path plan;
  Path folder;
  Map<String, String> vars;

  @BeforeEach
  void copyExample() {
    plan = Examples.copy("oapp-canonical-rebuild", tmp);
    folder = plan.getParent();
    vars = Map.of("port", Integer.toString(Ports.free()));
  }

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  @Test
  void aDryRunOnAFreshFolderTriesTheImportOnScratchAndCreatesNothing(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Map<String, String> before = digest(folder);
    assertFalse(Files.exists(folder.resolve("work")), "nothing has run in this copy yet");

    CutoverReport r = dryRun(client, options);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    assertTrue(r.dryRun());
    assertEquals(
        before,
        digest(folder),
        "a dry run changes no byte: no database, backup, record or pid file appears");
    StepReport validate = step(r, "validate-production");
    assertTrue(validate.summary().startsWith("[dry run, on a scratch copy]"), validate.summary());
    assertTrue(
        validate.evidence().stream()
            .anyMatch(e -> e.name().equals("projects_count") && e.actual().equals("18")),
        () -> "the import really ran on the scratch copy: " + validate.evidence());
    assertTrue(
        step(r, "go-no-go").summary().startsWith("[dry run] would wait up to 30m"),
        step(r, "go-no-go").summary());
    assertTrue(step(r, "restart-services").summary().contains("would restart oapp-api"));
    assertTrue(r.approvals().isEmpty(), "no gate was opened");
    assertTrue(r.records().isEmpty(), "no governance record is written for a dry run");
    assertFalse(
        Files.exists(PreviewActivitiesImpl.scratchDir(options.getWorkflowId() + "/" + r.runId())),
        "the scratch copies are deleted at the end");
  }

  @Test
  void aDryRunThatWouldFailChangesNothingAndRollsNothingBack(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow real = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(real, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    real.approve(new Decision("go-no-go", "alice", null));
    assertEquals(
        RunStatus.SUCCEEDED, WorkflowStub.fromTyped(real).getResult(CutoverReport.class).status());
    Path pidFile = folder.resolve("work/oapp-api.pid");
    String pid = Files.readString(pidFile);
    Files.writeString(
        folder.resolve("notion/phases.csv"),
        "PH-999,OAPP-P99,Orphan phase,1,Done,Lost step\n",
        StandardOpenOption.APPEND);
    Map<String, String> before = digest(folder);

    CutoverReport r =
        dryRun(
            client,
            WorkflowOptions.newBuilder(options)
                .setWorkflowId(options.getWorkflowId() + "-dry-run")
                .build());

    assertEquals(
        RunStatus.ROLLED_BACK,
        r.status(),
        () -> "the dry run reports that the plan would stop: " + r);
    StepReport validate = step(r, "validate-production");
    assertEquals(StepStatus.FAILED, validate.status());
    assertTrue(validate.error().contains("orphaned phases"), validate.error());
    assertEquals(
        before,
        digest(folder),
        "database, backups, records and pid file are byte for byte the same");
    assertEquals(pid, Files.readString(pidFile), "the service was not restarted");
    assertTrue(Processes.alive(pidFile), "and it still runs");
    assertTrue(r.rollback().compensations().isEmpty(), "nothing to undo");
    assertTrue(
        r.rollback().steps().isEmpty(),
        "the plan's rollback steps (restarts) do not run in a dry run");
    assertEquals(StepStatus.SKIPPED, step(r, "restart-services").status());
  }

  private CutoverReport dryRun(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, options);
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), vars, true));
    return WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
  }

  /** Every file under the folder with its SHA-256, except the running service's own log. */
  private static Map<String, String> digest(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(f).toString();
        if (!rel.endsWith(".log")) {
          out.put(rel, SafeFiles.sha256(f));
        }
      }
    }
    return out;
  }
}
