package io.cutover.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Connection to a Temporal server. Settings come, lowest first, from {@code temporal.toml}
 * profiles, the {@code TEMPORAL_*} environment variables, then the command's flags.
 */
public final class Temporal {
  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";

  private Temporal() {}

  public static ClientConfigProfile profile(String address, String namespace) {
    ClientConfigProfile p;
    try {
      p = ClientConfigProfile.load();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read the Temporal client configuration: " + e.getMessage(), e);
    }
    ClientConfigProfile.Builder b = p.toBuilder();
    if (address != null) {
      b.setAddress(address);
    } else if (p.getAddress() == null || p.getAddress().isBlank()) {
      b.setAddress(DEFAULT_ADDRESS);
    }
    if (namespace != null) {
      b.setNamespace(namespace);
    }
    return b.build();
  }

  public static WorkflowClient connect(ClientConfigProfile profile) {
    WorkflowServiceStubsOptions options = profile.toWorkflowServiceStubsOptions();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options);
    return WorkflowClient.newInstance(stubs, WorkerSetup.clientOptions(profile.toWorkflowClientOptions()));
  }

  /** True when something accepts TCP connections at host:port within a second. */
  public static boolean reachable(String address) {
    int colon = address.lastIndexOf(':');
    String host = colon < 0 ? address : address.substring(0, colon);
    int port = colon < 0 ? 7233 : Integer.parseInt(address.substring(colon + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
