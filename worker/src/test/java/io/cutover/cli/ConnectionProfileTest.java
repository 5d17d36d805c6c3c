package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.worker.Temporal;
import io.temporal.envconfig.ClientConfigProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Connection settings as the CLI reads them: temporal.toml profiles, TEMPORAL_* variables, flags.
 */
class ConnectionProfileTest {
  @TempDir Path tmp;
  Path toml;

  @BeforeEach
  void writeConfig() throws Exception {
    toml = tmp.resolve("temporal.toml");
    Files.writeString(
        toml,
        String.join(
            "\n",
            "[profile.default]",
            "address = \"temporal.internal:7233\"",
            "namespace = \"cutovers\"",
            "",
            "[profile.cloud]",
            "address = \"cutovers.a1b2c.tmprl.cloud:7233\"",
            "namespace = \"cutovers.a1b2c\"",
            "api_key = \"key-from-profile\"",
            "",
            "[profile.mtls]",
            "address = \"temporal.prod.internal:7233\"",
            "namespace = \"prod\"",
            "[profile.mtls.tls]",
            "client_cert_path = \"/etc/cutover/client.pem\"",
            "client_key_path = \"/etc/cutover/client.key\"",
            "server_name = \"temporal.prod\"",
            ""));
  }

  private ClientConfigProfile profile(Map<String, String> env, String... args) {
    StatusCommand cmd = new StatusCommand();
    new CommandLine(cmd).parseArgs(args);
    cmd.connection.env = env;
    return cmd.connection.profile();
  }

  @Test
  void theDefaultProfileOfTheConfigFile() {
    ClientConfigProfile p = profile(Map.of(), "ID", "--config-file", toml.toString());
    assertEquals("temporal.internal:7233", p.getAddress());
    assertEquals("cutovers", p.getNamespace());
    assertFalse(Temporal.usesTls(p));
  }

  @Test
  void aNamedProfileWithAnApiKeyMeansTls() {
    ClientConfigProfile p =
        profile(Map.of(), "ID", "--config-file", toml.toString(), "--profile", "cloud");
    assertEquals("cutovers.a1b2c.tmprl.cloud:7233", p.getAddress());
    assertEquals("key-from-profile", p.getApiKey());
    assertTrue(Temporal.usesTls(p));
    assertEquals(
        "cutovers.a1b2c.tmprl.cloud:7233 (namespace cutovers.a1b2c, TLS, API key)",
        new ConnectionOptions().describe(p));
  }

  @Test
  void theProfileFromTheEnvironmentAndMutualTls() {
    ClientConfigProfile p =
        profile(Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "mtls"), "ID");
    assertEquals("temporal.prod.internal:7233", p.getAddress());
    assertEquals("/etc/cutover/client.pem", p.getTls().getClientCertPath());
    assertEquals("temporal.prod", p.getTls().getServerName());
    assertTrue(Temporal.usesTls(p));
  }

  @Test
  void variablesOverTheProfileAndFlagsOverBoth() {
    Map<String, String> env =
        Map.of("TEMPORAL_ADDRESS", "from-env:7233", "TEMPORAL_NAMESPACE", "env-ns");
    ClientConfigProfile p = profile(env, "ID", "--config-file", toml.toString());
    assertEquals("from-env:7233", p.getAddress());
    assertEquals("env-ns", p.getNamespace());

    p =
        profile(
            env,
            "ID",
            "--config-file",
            toml.toString(),
            "--profile",
            "mtls",
            "--address",
            "flag:7233",
            "--namespace",
            "flag-ns",
            "--api-key",
            "key-from-flag",
            "--tls-ca-path",
            "/etc/ca.pem",
            "--tls-server-name",
            "override");
    assertEquals("flag:7233", p.getAddress());
    assertEquals("flag-ns", p.getNamespace());
    assertEquals("key-from-flag", p.getApiKey());
    assertEquals("/etc/ca.pem", p.getTls().getServerCACertPath());
    assertEquals("override", p.getTls().getServerName());
    assertEquals(
        "/etc/cutover/client.pem",
        p.getTls().getClientCertPath(),
        "the profile's certificate stays");
  }

  @Test
  void noTlsAndNothingConfigured() {
    ClientConfigProfile p =
        profile(Map.of(), "ID", "--config-file", toml.toString(), "--profile", "cloud", "--no-tls");
    assertFalse(Temporal.usesTls(p));
    ClientConfigProfile none =
        profile(Map.of("TEMPORAL_CONFIG_FILE", tmp.resolve("absent.toml").toString()), "ID");
    assertEquals("127.0.0.1:7233", none.getAddress());
    assertNull(none.getApiKey());
  }

  @Test
  void aMissingConfigFileIsSaidPlainly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> profile(Map.of(), "ID", "--config-file", tmp.resolve("nope.toml").toString()));
    assertTrue(e.getMessage().contains("nope.toml: no such file"), e::getMessage);
  }
}
