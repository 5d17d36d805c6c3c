package io.cutover.worker;

import java.util.Map;

/**
 * What the command line says about the Temporal connection; every field may be null (not given).
 * Anything not given comes from the {@code TEMPORAL_*} environment variables, then from the {@code
 * temporal.toml} profile.
 *
 * @param profile the temporal.toml profile (default: $TEMPORAL_PROFILE, else "default")
 * @param configFile the temporal.toml file (default: $TEMPORAL_CONFIG_FILE, else the user's config
 *     folder)
 * @param tls true to use TLS (implied by client certificates or an API key), false to refuse it
 * @param env the environment to read {@code TEMPORAL_*} from; null for the process's own
 */
public record ConnectionSettings(
    String address,
    String namespace,
    String profile,
    String configFile,
    String apiKey,
    Boolean tls,
    String tlsCertPath,
    String tlsKeyPath,
    String tlsCaPath,
    String tlsServerName,
    Map<String, String> env) {
  public static ConnectionSettings of(String address, String namespace) {
    return new ConnectionSettings(
        address, namespace, null, null, null, null, null, null, null, null, null);
  }
}
