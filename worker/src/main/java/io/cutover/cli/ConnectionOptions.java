package io.cutover.cli;

import io.cutover.worker.Temporal;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import picocli.CommandLine.Option;

/** Where Temporal is: flags first, then TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE, then temporal.toml. */
public class ConnectionOptions {
  @Option(names = "--address", paramLabel = "HOST:PORT", description = "Temporal frontend (default: $TEMPORAL_ADDRESS, the temporal.toml profile, or 127.0.0.1:7233)")
  String address;

  @Option(names = "--namespace", paramLabel = "NS", description = "Temporal namespace (default: $TEMPORAL_NAMESPACE or default)")
  String namespace;

  ClientConfigProfile profile() {
    return Temporal.profile(address, namespace);
  }

  String effectiveAddress() {
    return profile().getAddress();
  }

  WorkflowClient client() {
    return Temporal.connect(profile());
  }
}
