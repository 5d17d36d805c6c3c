package io.cutover.worker;

import com.uber.m3.tally.Scope;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Connection to a Temporal server. Settings come, lowest first, from {@code temporal.toml}
 * profiles, the {@code TEMPORAL_*} environment variables, then the command's flags.
 */
public final class Temporal {
  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";

  private Temporal() {}

  public static ClientConfigProfile profile(String address, String namespace) {
    return profile(ConnectionSettings.of(address, namespace));
  }

  /**
   * The connection profile: flags over {@code TEMPORAL_*} variables over the temporal.toml profile.
   */
  public static ClientConfigProfile profile(ConnectionSettings s) {
    ClientConfigProfile p;
    try {
      LoadClientConfigProfileOptions.Builder load = LoadClientConfigProfileOptions.newBuilder();
      if (s.configFile() != null) {
        if (!Files.isRegularFile(Path.of(s.configFile()))) {
          throw new IllegalArgumentException("--config-file " + s.configFile() + ": no such file");
        }
        load.setConfigFilePath(s.configFile());
      }
      if (s.profile() != null) {
        load.setConfigFileProfile(s.profile());
      }
      if (s.env() != null) {
        load.setEnvOverrides(s.env());
      }
      p = ClientConfigProfile.load(load.build());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the Temporal client configuration: " + e.getMessage(), e);
    }
    ClientConfigProfile.Builder b = p.toBuilder();
    if (s.address() != null) {
      b.setAddress(s.address());
    } else if (p.getAddress() == null || p.getAddress().isBlank()) {
      b.setAddress(DEFAULT_ADDRESS);
    }
    if (s.namespace() != null) {
      b.setNamespace(s.namespace());
    }
    if (s.apiKey() != null) {
      b.setApiKey(s.apiKey());
    }
    if (s.tls() != null
        || s.tlsCertPath() != null
        || s.tlsKeyPath() != null
        || s.tlsCaPath() != null
        || s.tlsServerName() != null) {
      ClientConfigTLS base = p.getTls();
      ClientConfigTLS.Builder t =
          base == null ? ClientConfigTLS.newBuilder() : ClientConfigTLS.newBuilder(base);
      t.setDisabled(Boolean.FALSE.equals(s.tls()));
      if (s.tlsCertPath() != null) {
        t.setClientCertPath(s.tlsCertPath());
      }
      if (s.tlsKeyPath() != null) {
        t.setClientKeyPath(s.tlsKeyPath());
      }
      if (s.tlsCaPath() != null) {
        t.setServerCACertPath(s.tlsCaPath());
      }
      if (s.tlsServerName() != null) {
        t.setServerName(s.tlsServerName());
      }
      b.setTls(t.build());
    }
    return b.build();
  }

  /**
   * Where a configured address came from: {@code --address}, {@code TEMPORAL_ADDRESS} or a
   * temporal.toml profile.
   */
  public record ConfiguredAddress(String address, String source) {}

  /**
   * The address the user configured, or null when none is (then {@link #DEFAULT_ADDRESS} is only a
   * default, and {@code cutover run} uses an in-process server instead).
   */
  public static ConfiguredAddress configuredAddress(ConnectionSettings s) {
    if (s.address() != null && !s.address().isBlank()) {
      return new ConfiguredAddress(s.address(), "--address");
    }
    Map<String, String> env = s.env() != null ? s.env() : System.getenv();
    String fromEnv = env.get("TEMPORAL_ADDRESS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ConfiguredAddress(fromEnv, "TEMPORAL_ADDRESS");
    }
    String fromProfile = loadedAddress(s);
    return fromProfile == null
        ? null
        : new ConfiguredAddress(fromProfile, "the temporal.toml profile");
  }

  /**
   * The address the temporal.toml profile sets, or null (also when the file cannot be read:
   * profile() says why).
   */
  private static String loadedAddress(ConnectionSettings s) {
    try {
      LoadClientConfigProfileOptions.Builder load = LoadClientConfigProfileOptions.newBuilder();
      if (s.configFile() != null) {
        load.setConfigFilePath(s.configFile());
      }
      if (s.profile() != null) {
        load.setConfigFileProfile(s.profile());
      }
      if (s.env() != null) {
        load.setEnvOverrides(s.env());
      }
      String a = ClientConfigProfile.load(load.build()).getAddress();
      return a == null || a.isBlank() ? null : a;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** True when the profile connects with TLS (explicitly, or implied by an API key). */
  public static boolean usesTls(ClientConfigProfile p) {
    ClientConfigTLS t = p.getTls();
    if (t != null) {
      return !Boolean.TRUE.equals(t.isDisabled());
    }
    return p.getApiKey() != null;
  }

  public static WorkflowClient connect(ClientConfigProfile profile) {
    return connect(profile, null);
  }

  /** Connects; {@code metrics} (may be null) receives the SDK's client and worker metrics. */
  public static WorkflowClient connect(ClientConfigProfile profile, Scope metrics) {
    WorkflowServiceStubsOptions options = profile.toWorkflowServiceStubsOptions();
    if (metrics != null) {
      options = WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(metrics).build();
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options);
    return WorkflowClient.newInstance(
        stubs, WorkerSetup.clientOptions(profile.toWorkflowClientOptions()));
  }

  /** Null when the server behind the client answers within 5 s, else what went wrong. */
  public static String problem(WorkflowClient client) {
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return null;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode()
          + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }
}
