package io.cutover.worker;

import io.cutover.workflow.CutoverSearchAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start the real Temporal dev server ({@code temporal server start-dev}): ports, the SQLite
 * file that keeps its runs across restarts, the namespace, the UI's codec endpoint. Immutable;
 * build with {@link #newBuilder()}.
 */
public final class DevServerOptions {
  private final Path cli;
  private final String ip;
  private final int port;
  private final int uiPort;
  private final Path dbFile;
  private final String namespace;
  private final String codecEndpoint;
  private final Path logFile;
  private final List<String> extraArgs;

  private DevServerOptions(Builder b) {
    this.cli = Objects.requireNonNull(b.cli, "cli");
    this.ip = b.ip;
    this.port = b.port;
    this.uiPort = b.uiPort;
    this.dbFile = b.dbFile;
    this.namespace = b.namespace;
    this.codecEndpoint = b.codecEndpoint;
    this.logFile = b.logFile;
    this.extraArgs = List.copyOf(b.extraArgs);
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.cli = cli;
    b.ip = ip;
    b.port = port;
    b.uiPort = uiPort;
    b.dbFile = dbFile;
    b.namespace = namespace;
    b.codecEndpoint = codecEndpoint;
    b.logFile = logFile;
    b.extraArgs = new ArrayList<>(extraArgs);
    return b;
  }

  public Path cli() {
    return cli;
  }

  public String ip() {
    return ip;
  }

  public int port() {
    return port;
  }

  /** The Web UI's port; 0 means no UI (headless). */
  public int uiPort() {
    return uiPort;
  }

  /** The SQLite file runs are kept in; null keeps them in memory (lost when the server stops). */
  public Path dbFile() {
    return dbFile;
  }

  public String namespace() {
    return namespace;
  }

  public String codecEndpoint() {
    return codecEndpoint;
  }

  /** Where the server's output goes; null: this process's own output. */
  public Path logFile() {
    return logFile;
  }

  public String address() {
    return ip + ":" + port;
  }

  /** The command line that starts the server. */
  public List<String> argv() {
    List<String> argv =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--ip",
                ip,
                "--port",
                Integer.toString(port),
                "--namespace",
                namespace));
    if (uiPort == 0) {
      argv.add("--headless");
    } else {
      argv.addAll(List.of("--ui-port", Integer.toString(uiPort), "--ui-disable-news-fetch"));
    }
    if (dbFile != null) {
      argv.addAll(List.of("--db-filename", dbFile.toString()));
    }
    if (codecEndpoint != null) {
      argv.addAll(List.of("--ui-codec-endpoint", codecEndpoint));
    }
    for (var key : CutoverSearchAttributes.ALL) {
      argv.addAll(List.of("--search-attribute", key.getName() + "=Keyword"));
    }
    argv.addAll(extraArgs);
    return argv;
  }

  /**
   * Builder; defaults: 127.0.0.1:7233, UI on the port + 1000, namespace default, runs in memory.
   */
  public static final class Builder {
    private Path cli;
    private String ip = "127.0.0.1";
    private int port = 7233;
    private int uiPort = -1;
    private Path dbFile;
    private String namespace = "default";
    private String codecEndpoint;
    private Path logFile;
    private List<String> extraArgs = new ArrayList<>();

    private Builder() {}

    /**
     * More {@code start-dev} flags, passed as they are (e.g. {@code --dynamic-config-value K=V},
     * {@code --log-level warn}).
     */
    public Builder setExtraArgs(List<String> extraArgs) {
      this.extraArgs = new ArrayList<>(extraArgs);
      return this;
    }

    public Builder setCli(Path cli) {
      this.cli = cli;
      return this;
    }

    public Builder setIp(String ip) {
      this.ip = ip;
      return this;
    }

    public Builder setPort(int port) {
      this.port = port;
      return this;
    }

    /** 0 turns the UI off. */
    public Builder setUiPort(int uiPort) {
      this.uiPort = uiPort;
      return this;
    }

    public Builder setDbFile(Path dbFile) {
      this.dbFile = dbFile;
      return this;
    }

    public Builder setNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder setCodecEndpoint(String codecEndpoint) {
      this.codecEndpoint = codecEndpoint;
      return this;
    }

    public Builder setLogFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    public DevServerOptions build() {
      if (uiPort < 0) {
        uiPort = port + 1000;
      }
      if (port <= 0 || port > 65535 || uiPort > 65535) {
        throw new IllegalArgumentException(
            "ports must be 1-65535: port " + port + ", UI port " + uiPort);
      }
      return new DevServerOptions(this);
    }
  }
}
