package io.cutover.cli;

import com.uber.m3.tally.Scope;
import io.cutover.worker.ConnectionSettings;
import io.cutover.worker.Temporal;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Temporal is and how to reach it: flags first, then the {@code TEMPORAL_*} environment
 * variables, then the {@code temporal.toml} profile (the same files and variables as the {@code
 * temporal} CLI).
 */
public class ConnectionOptions {
  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend (default: $TEMPORAL_ADDRESS, the temporal.toml profile, or"
              + " 127.0.0.1:7233)")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Temporal namespace (default: $TEMPORAL_NAMESPACE, the profile, or default)")
  String namespace;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "temporal.toml profile (default: $TEMPORAL_PROFILE or default)")
  String profile;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description =
          "temporal.toml to read (default: $TEMPORAL_CONFIG_FILE or"
              + " ~/.config/temporalio/temporal.toml)")
  String configFile;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "API key (Temporal Cloud); prefer $TEMPORAL_API_KEY or the profile, so it stays out of"
              + " process listings")
  String apiKey;

  @Option(
      names = "--tls",
      negatable = true,
      description =
          "connect with TLS (implied by an API key or client certificate); --no-tls refuses it")
  Boolean tls;

  @Option(
      names = "--tls-cert-path",
      paramLabel = "FILE",
      description = "client certificate (PEM) for mTLS")
  String tlsCertPath;

  @Option(
      names = "--tls-key-path",
      paramLabel = "FILE",
      description = "client private key (PEM) for mTLS")
  String tlsKeyPath;

  @Option(
      names = "--tls-ca-path",
      paramLabel = "FILE",
      description = "CA certificate (PEM) to verify the server with")
  String tlsCaPath;

  @Option(
      names = "--tls-server-name",
      paramLabel = "NAME",
      description = "server name to verify, when it differs from the address")
  String tlsServerName;

  /**
   * Where TEMPORAL_* variables are read from; null for this process's environment (tests set it).
   */
  Map<String, String> env;

  ConnectionSettings settings() {
    return new ConnectionSettings(
        address,
        namespace,
        profile,
        configFile,
        apiKey,
        tls,
        tlsCertPath,
        tlsKeyPath,
        tlsCaPath,
        tlsServerName,
        env);
  }

  ClientConfigProfile profile() {
    return Temporal.profile(settings());
  }

  /** The address the user configured (flag, environment, profile), or null when none is. */
  Temporal.ConfiguredAddress configuredAddress() {
    return Temporal.configuredAddress(settings());
  }

  String effectiveAddress() {
    return profile().getAddress();
  }

  /** Address, namespace and security in one line, for start-up messages. */
  String describe(ClientConfigProfile p) {
    String ns = p.getNamespace() == null ? "default" : p.getNamespace();
    return p.getAddress()
        + " (namespace "
        + ns
        + (Temporal.usesTls(p) ? ", TLS" : "")
        + (p.getApiKey() != null ? ", API key" : "")
        + ")";
  }

  WorkflowClient client() {
    return Temporal.connect(profile());
  }

  WorkflowClient client(Scope metrics) {
    return Temporal.connect(profile(), metrics);
  }
}
