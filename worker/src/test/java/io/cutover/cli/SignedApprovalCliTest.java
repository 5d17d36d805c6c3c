package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverCli;
import io.cutover.testing.CutoverCli.Result;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.RealTemporal;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed approvals as an approver gives them, on the real dev server: {@code cutover keygen} makes
 * the key pair, the plan carries the public key, {@code cutover approve} without the key is refused
 * (exit 2) and with {@code --key} counts; the report's audit trail says the signature was verified
 * and on which evidence.
 */
class SignedApprovalCliTest {
  @TempDir Path tmp;

  static Result cutover(String... args) {
    return CutoverCli.run(null, args);
  }

  @Test
  void keygenThenApproveWithTheKeyIsTheOnlyWayThisApproverCounts() throws Exception {
    Path key = tmp.resolve("keys/alice.key");
    Result gen = cutover("keygen", "--out", key.toString());
    assertEquals(0, gen.code(), gen.err());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(key)),
        "the private key is the owner's only");
    String pub = Files.readString(tmp.resolve("keys/alice.key.pub")).trim();
    assertTrue(gen.out().contains("publicKey: " + pub), gen.out());
    Result again = cutover("keygen", "--out", key.toString());
    assertEquals(2, again.code(), "an existing key is not overwritten without --force");

    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: signed go",
            "anchor: signed-1",
            "target: signed-go",
            "steps:",
            "  - {id: before, type: command, argv: [touch, before], undo: [rm, -f, before]}",
            "  - id: go",
            "    type: gate",
            "    prompt: 'Ship it?'",
            "    approvers: [{name: alice, role: Release Manager, publicKey: " + pub + "}]",
            ""));
    try (RealTemporal temporal = RealTemporal.start(tmp.resolve("server"), false)) {
      temporal.worker(null);
      WorkflowClient client = temporal.client();
      CutoverWorkflow wf =
          client.newWorkflowStub(
              CutoverWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId("cutover-signed-go")
                  .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                  .build());
      WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of(), false));
      CutoverReport open =
          CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(60));

      Result unsigned =
          cutover(
              "approve",
              "cutover-signed-go",
              "--gate",
              "go",
              "--by",
              "alice",
              "--address",
              temporal.address());
      assertEquals(2, unsigned.code(), unsigned.out() + unsigned.err());
      assertTrue(
          unsigned.err().contains("signs decisions") && unsigned.err().contains("--key"),
          unsigned.err());
      assertTrue(
          unsigned.out().contains("evidence digest: " + open.openGate().digest()),
          "the evidence shown before deciding: " + unsigned.out());

      Result status = cutover("status", "cutover-signed-go", "--address", temporal.address());
      assertTrue(
          status.out().contains("evidence digest: " + open.openGate().digest()), status.out());

      Result signed =
          cutover(
              "approve",
              "cutover-signed-go",
              "--gate",
              "go",
              "--by",
              "alice",
              "--key",
              key.toString(),
              "--comment",
              "checked the evidence",
              "--address",
              temporal.address());
      assertEquals(0, signed.code(), signed.out() + signed.err());
      assertTrue(
          signed.out().contains("on evidence " + open.openGate().digest() + ", signed"),
          signed.out());

      CutoverReport r =
          WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, CutoverReport.class);
      assertEquals(RunStatus.SUCCEEDED, r.status());
      assertTrue(
          r.audit().stream()
              .anyMatch(
                  a -> a.kind().equals("approve") && a.detail().contains("signature verified")),
          r.audit().toString());
      assertTrue(
          r.startedBy() != null && !r.startedBy().isBlank(),
          "the identity that started the run: " + r.startedBy());
      assertEquals(64, r.planSha256().length(), r.planSha256());
    }
  }

  @Test
  void aKeyFileThatIsNotAKeyIsNamed() throws Exception {
    Path bad = tmp.resolve("bad.key");
    Files.writeString(bad, "not a key\n");
    IllegalArgumentException e =
        Assertions.assertThrows(IllegalArgumentException.class, () -> Keys.readPrivate(bad));
    assertTrue(
        e.getMessage().contains(bad.toString()) && e.getMessage().contains("cutover keygen"),
        e.getMessage());
  }
}
