package io.cutover.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover keygen --out FILE}: an Ed25519 key pair for signed approvals. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description =
        "Make an Ed25519 key pair for signed approvals: the private key (PKCS#8 PEM, readable by"
            + " you only) stays with the approver; the public key goes into the plan as the"
            + " approver's publicKey.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover keygen --out ~/.cutover/alice.key"})
public class KeygenCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "where to write the private key; the public key goes to FILE.pub")
  Path out;

  @Option(names = "--force", description = "overwrite existing files")
  boolean force;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, GeneralSecurityException {
    Path pub = out.resolveSibling(out.getFileName() + ".pub");
    if (!force && (Files.exists(out) || Files.exists(pub))) {
      spec.commandLine()
          .getErr()
          .println(
              "cutover keygen: "
                  + (Files.exists(out) ? out : pub)
                  + " exists; use --force to replace it");
      return ExitCodes.INVALID;
    }
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.deleteIfExists(out);
    try {
      Files.createFile(
          out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(out);
    }
    Files.writeString(
        out,
        Keys.privatePem(pair),
        StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING);
    String publicKey = Keys.publicBase64(pair);
    Files.writeString(pub, publicKey + "\n", StandardCharsets.US_ASCII);
    var o = spec.commandLine().getOut();
    o.println(
        "private key: " + out + " (keep it; sign with cutover approve|reject --key " + out + ")");
    o.println("public key:  " + pub);
    o.println("in the plan: approvers: [{name: NAME, role: ROLE, publicKey: " + publicKey + "}]");
    return ExitCodes.OK;
  }
}
