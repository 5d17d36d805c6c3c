package io.cutover.testing;

import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionSignature;
import io.cutover.workflow.CutoverWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed decisions with an example's drill keys ({@code drill-keys/NAME.key}), as {@code cutover
 * approve --key} makes them.
 */
public final class DrillKeys {
  private DrillKeys() {}

  public static PrivateKey read(Path keyFile) {
    try {
      String pem =
          Files.readString(keyFile)
              .replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "");
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + keyFile, e);
    }
  }

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
              read(exampleDir.resolve("drill-keys/" + who + ".key")),
              DecisionSignature.payload(r.workflowId(), r.runId(), gate, true, digest, at, who));
      return new Decision(gate, who, comment, digest, at, sig);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
