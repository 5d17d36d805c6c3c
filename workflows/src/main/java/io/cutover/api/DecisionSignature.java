package io.cutover.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Ed25519 signatures on gate decisions. The signed text binds the decision to one run, one gate,
 * one verdict, the evidence it was made on, a time and the approver — so a signature cannot be
 * replayed at another gate, in another run, as the opposite verdict or on changed evidence.
 * Verification is pure computation (Ed25519 is deterministic), safe in workflow code.
 *
 * <p>Public keys travel in plans as base64 X.509 SubjectPublicKeyInfo ({@code cutover keygen}
 * prints one); private keys stay with their owners as PKCS#8 PEM files.
 */
public final class DecisionSignature {
  /**
   * A signature older than this (by workflow time) is refused as expired; also how far in the
   * future it may be.
   */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);

  private DecisionSignature() {}

  /** The exact text signed: one field per line, versioned. */
  public static String payload(
      String workflowId,
      String runId,
      String gate,
      boolean approve,
      String evidence,
      String signedAt,
      String by) {
    return String.join(
        "\n",
        "cutover-decision-v1",
        workflowId,
        runId,
        gate,
        approve ? "APPROVE" : "REJECT",
        evidence == null ? "" : evidence,
        signedAt,
        by == null ? "" : by.trim());
  }

  public static String sign(PrivateKey key, String payload) throws GeneralSecurityException {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(payload.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(s.sign());
  }

  /** True when {@code signature} is a valid signature of {@code payload} by {@code publicKey}. */
  public static boolean verify(String publicKey, String payload, String signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey(publicKey));
      s.update(payload.getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signature.trim()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Parses a plan's base64 public key.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static PublicKey publicKey(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(base64.trim());
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a base64 Ed25519 public key (as `cutover keygen` prints): " + e.getMessage());
    }
  }
}
