package io.cutover.testing;

import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionSignature;
import io.cutover.cli.Keys;
import io.cutover.workflow.CutoverWorkflow;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * Signed decisions with an example's drill keys ({@code drill-keys/NAME.key}), as {@code cutover
 * approve --key} makes them.
 */
public final class DrillKeys {
  private DrillKeys() {}

  /**
   * An approval by {@code who} of the open gate, on its current evidence, signed at {@code
   * nowMillis} (workflow time).
   */
  public static Decision approval(
      CutoverWorkflow wf,
      Path exampleDir,
      String gate,
      String who,
      String comment,
      long nowMillis) {
    CutoverReport r = wf.status();
    String digest = r.openGate().digest();
    String at = Instant.ofEpochMilli(nowMillis).toString();
    try {
      String sig =
          DecisionSignature.sign(
              Keys.readPrivate(exampleDir.resolve("drill-keys/" + who + ".key")),
              DecisionSignature.payload(r.workflowId(), r.runId(), gate, true, digest, at, who));
      return new Decision(gate, who, comment, digest, at, sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
