package io.cutover.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 in PEM files, for a loopback PostgreSQL (or
 * pooler) that serves TLS. The JDK has no public API to build a certificate, so its own {@code
 * keytool} makes one in a throw-away PKCS#12 store, and the key and certificate are written out as
 * PEM (PKCS#8 key, mode 600), the form PostgreSQL, PgBouncer and libpq read.
 */
final class SelfSignedCertificate {
  private SelfSignedCertificate() {}

  /** Writes {@code crt} and {@code key} unless both exist; valid for a year from now. */
  static void ensure(Path crt, Path key) throws IOException {
    if (Files.exists(crt) && Files.exists(key)) {
      return;
    }
    Path store = crt.resolveSibling("server.p12");
    Files.deleteIfExists(store);
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    String pass = HexFormat.of().formatHex(b);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> argv =
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "server",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-dname",
            "CN=127.0.0.1",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-validity",
            "365",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            pass,
            "-keypass",
            pass);
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool could not make a certificate: " + out.strip());
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, pass.toCharArray());
      }
      Key k = ks.getKey("server", pass.toCharArray());
      Certificate c = ks.getCertificate("server");
      LocalPostgres.writePrivate(key, pem("PRIVATE KEY", k.getEncoded()));
      Files.writeString(crt, pem("CERTIFICATE", c.getEncoded()), StandardCharsets.US_ASCII);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read keytool's certificate: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(store);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
