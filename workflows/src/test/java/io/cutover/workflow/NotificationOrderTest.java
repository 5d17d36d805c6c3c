package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.NotificationRecord;
import io.cutover.api.RunStatus;
import io.cutover.workflow.fakes.Fakes;
import io.cutover.workflow.fakes.Runs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook messages of a run, per hook in the order things happened: a notify step, the gate
 * opening, the rollback starting, the run ending (after the rollback), each only to the hooks that
 * listen for it.
 */
class NotificationOrderTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Fakes.extension();

  static final String PLAN =
      """
      name: notify
      anchor: notify-1
      target: notify
      notify:
        - {name: ops, url: "http://hooks.example/ops"}
        - {name: chat, url: "http://hooks.example/chat", on: [run-ended]}
      steps:
        - {id: prepare, type: command, argv: [prepare], undo: [unprepare]}
        - {id: tell, type: notify, message: cutover starting}
        - {id: go, type: gate, prompt: switch now, approvers: [ann]}
        - {id: switch, type: command, argv: [switch]}
      """;

  @BeforeEach
  void reset() {
    Fakes.reset();
  }

  static List<String> to(String hook) {
    return Fakes.LOG.calls("notify").stream().filter(c -> c.endsWith(" " + hook)).toList();
  }

  static int at(String call) {
    int i = Fakes.LOG.calls().indexOf(call);
    assertTrue(i >= 0, () -> call + " not in " + Fakes.LOG.calls());
    return i;
  }

  @Test
  void aRunThatSucceeds(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, PLAN);
    Runs.await(wf, Runs.gateOpen("go"));
    wf.approve(new Decision("go", "ann", "go"));
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertEquals(
        List.of("notify step ops", "notify gate-opened ops", "notify run-ended ops"), to("ops"));
    assertEquals(List.of("notify step chat", "notify run-ended chat"), to("chat"));
    assertTrue(at("notify step chat") < at("command switch"));
    assertTrue(at("command switch") < at("notify run-ended ops"));
    assertEquals(
        List.of("step ops", "step chat", "gate-opened ops"),
        r.notifications().stream()
            .map((NotificationRecord n) -> n.event() + " " + n.hook())
            .toList()
            .subList(0, 3));
    assertEquals(5, r.notifications().size(), r.notifications()::toString);
    assertTrue(r.notifications().stream().allMatch(NotificationRecord::delivered));
  }

  @Test
  void aRunThatRollsBack(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, PLAN);
    Runs.await(wf, Runs.gateOpen("go"));
    wf.reject(new Decision("go", "ann", "not today"));
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(
        List.of(
            "notify step ops",
            "notify gate-opened ops",
            "notify rollback-started ops",
            "notify run-ended ops"),
        to("ops"));
    assertEquals(List.of("notify step chat", "notify run-ended chat"), to("chat"));
    assertTrue(
        at("command prepare (undo)") < at("notify run-ended ops"),
        "the run ends after its rollback: " + Fakes.LOG.calls());
    assertTrue(at("command prepare (undo)") < at("notify run-ended chat"));
    assertEquals(6, r.notifications().size(), r.notifications()::toString);
  }
}
