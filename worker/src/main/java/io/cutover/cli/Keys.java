package io.cutover.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Ed25519 key files: a PKCS#8 PEM private key, a base64 X.509 public key (as plans carry it). */
public final class Keys {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private Keys() {}

  static String privatePem(KeyPair pair) {
    return BEGIN
        + "\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n"
        + END
        + "\n";
  }

  static String publicBase64(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  /**
   * Reads a private key file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  public static PrivateKey readPrivate(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the key file " + file + ": " + e.getMessage());
    }
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(
          file + " is not a PKCS#8 PEM private key (make one with cutover keygen)");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.substring(b + BEGIN.length(), e));
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          file + " is not an Ed25519 private key: " + ex.getMessage());
    }
  }
}
