package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionSignature;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.Evidence;
import io.cutover.api.OpenGate;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * What approve and reject share. The command reads the open gate first, shows its evidence and
 * digest, and sends the decision bound to that digest (so a decision made on evidence that changed
 * meanwhile is refused by the workflow), signed with {@code --key} when given. The decision goes
 * through the validated update: the sender learns at once whether it counted.
 */
abstract class GateDecisionCommand extends RunControlCommand {
  @Option(
      names = "--gate",
      required = true,
      paramLabel = "GATE",
      description = "the gate's step id")
  String gate;

  @Option(names = "--comment", paramLabel = "TEXT", description = "why")
  String comment;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "sign the decision with this Ed25519 private key (PKCS#8 PEM from cutover keygen);"
              + " required of approvers with a publicKey in the plan")
  Path key;

  @Option(
      names = "--evidence",
      paramLabel = "DIGEST",
      description =
          "the evidence digest you decided on (default: the one this command shows you now)")
  String evidence;

  abstract boolean approve();

  @Override
  int act(CutoverWorkflow run, CutoverReport r, PrintWriter out, PrintWriter err) {
    WorkflowClient client = connection.client();
    OpenGate g = r.openGate();
    String digest = evidence;
    if (g != null && g.gate().equals(gate)) {
      out.printf("Gate '%s': %s%n", g.gate(), g.prompt());
      for (Evidence e : g.evidence()) {
        out.println("  " + e);
      }
      if (g.digest() != null) {
        out.println("  evidence digest: " + g.digest());
      }
      if (digest == null) {
        digest = g.digest();
      }
    }
    String signedAt = null;
    String signature = null;
    if (key != null) {
      if (digest == null) {
        err.println(
            "refused: gate '"
                + gate
                + "' of "
                + id
                + " is not open, so there is no evidence to sign");
        return ExitCodes.INVALID;
      }
      PrivateKey pk = Keys.readPrivate(key);
      signedAt = Instant.now().toString();
      try {
        signature =
            DecisionSignature.sign(
                pk,
                DecisionSignature.payload(
                    r.workflowId(), r.runId(), gate, approve(), digest, signedAt, by));
      } catch (GeneralSecurityException e) {
        err.println("cannot sign with " + key + ": " + e.getMessage());
        return ExitCodes.INVALID;
      }
    }
    String refused =
        Runs.decide(
            client,
            id,
            new DecisionUpdate(gate, by, comment, approve(), digest, signedAt, signature));
    if (refused != null) {
      err.println("refused: " + refused);
      return ExitCodes.INVALID;
    }
    out.println(
        (approve() ? "approved" : "rejected")
            + " gate '"
            + gate
            + "' of "
            + id
            + " as "
            + by
            + (digest == null ? "" : " on evidence " + digest)
            + (signature == null ? "" : ", signed"));
    return ExitCodes.OK;
  }
}
