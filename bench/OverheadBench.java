// Benchmark behind bench/overhead. Run through that script: it builds the jar and puts it on the
// classpath of this single-file program.
//
// Both sides call the same activity (ValidateActivities.validate: one `SELECT 1` check against a
// SQLite file) the same number of times on the same server, so the difference is what Cutover
// adds per step: plan interpretation, state, status, details, record keeping. The server is the
// real dev server of the pinned Temporal CLI (--server real), the SDK's in-memory test server
// bound to a port (--server test), or each in turn (--server both, the default); the worker runs
// in this process and reaches either over gRPC on loopback.

import io.cutover.activities.DbRef;
import io.cutover.activities.StepContext;
import io.cutover.activities.ValidateActivities;
import io.cutover.activities.ValidateRequest;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.ValueCheck;
import io.cutover.worker.DevServer;
import io.cutover.worker.EmbeddedTemporal;
import io.cutover.worker.DevServerOptions;
import io.cutover.worker.TemporalCli;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.cutover.workflow.CutoverWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

public class OverheadBench {
  @WorkflowInterface
  public interface DirectWorkflow {
    @WorkflowMethod
    int run(DirectInput input);
  }

  public record DirectInput(String dir, int steps) {}

  public static class DirectWorkflowImpl implements DirectWorkflow {
    private final ValidateActivities validate = Workflow.newActivityStub(ValidateActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(5)).build());

    @Override
    public int run(DirectInput input) {
      DbRef db = new DbRef("app", new SqliteDatabase("app.db", List.of(), null));
      for (int i = 0; i < input.steps(); i++) {
        validate.validate(new ValidateRequest(new StepContext("direct", "s" + i, input.dir(), false), db,
            List.of(new ValueCheck("one", "SELECT 1", "1")), null));
      }
      return input.steps();
    }
  }

  public static void main(String[] args) throws Exception {
    int steps = 200;
    int runs = 3;
    String server = "both";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--server" -> server = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --steps N, --runs R, --server real|test|both)");
      }
    }
    if (!List.of("real", "test", "both").contains(server)) {
      throw new IllegalArgumentException("--server must be real, test or both, not " + server);
    }
    Path dir = Files.createTempDirectory("cutover-bench-overhead");
    DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db")).close();
    Path plan = dir.resolve("plan.yaml");
    StringBuilder yaml = new StringBuilder("name: overhead\nanchor: bench\ntarget: bench\n"
        + "resources:\n  databases:\n    app: {type: sqlite, path: app.db}\nsteps:\n");
    for (int i = 0; i < steps; i++) {
      yaml.append("  - {id: s").append(i).append(", type: validate, database: app, checks: [{type: value, sql: 'SELECT 1', expect: '1'}]}\n");
    }
    Files.writeString(plan, yaml.toString());

    List<String> results = new ArrayList<>();
    for (String mode : server.equals("both") ? List.of("test", "real") : List.of(server)) {
      double perStep = measure(mode, dir, plan, steps, runs);
      results.add(String.format(Locale.ROOT, "%s=%.2f", mode, perStep));
    }
    System.out.println("overhead_ms_per_step " + String.join(" ", results));
  }

  /** Medians of {@code runs} timed runs (after one warm-up) on one server; returns ms per step. */
  static double measure(String mode, Path dir, Path plan, int steps, int runs) throws Exception {
    Closeable serverHandle;
    WorkflowClient client;
    WorkerFactory factory;
    Worker worker;
    Runnable start;
    if (mode.equals("real")) {
      int port = freePort();
      DevServer dev = DevServer.start(DevServerOptions.newBuilder().setCli(TemporalCli.require()).setPort(port).setUiPort(0)
          .setDbFile(dir.resolve("temporal-" + port + ".db")).setLogFile(dir.resolve("dev-server.log")).build(), Duration.ofSeconds(90));
      System.out.println("server: the real Temporal dev server (temporal " + TemporalCli.VERSION + ", SQLite file) on 127.0.0.1:" + port);
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      client = WorkflowClient.newInstance(stubs, WorkerSetup.clientOptions());
      factory = WorkerFactory.newInstance(client, WorkerSetup.factoryOptions());
      worker = factory.newWorker(CutoverWorkflow.TASK_QUEUE, WorkerSetup.workerOptions());
      start = factory::start;
      serverHandle = () -> {
        stubs.shutdownNow();
        dev.stop();
      };
    } else {
      // In process, as the test suite uses it (its port-bound form does not wake a client's long
      // poll for a result, which would add seconds per run that are not Cutover's).
      // The embedded server `cutover run` uses, search attributes registered.
      TestWorkflowEnvironment env = EmbeddedTemporal.newEnvironment();
      System.out.println("server: the SDK's in-memory test server, in process");
      client = env.getWorkflowClient();
      factory = env.getWorkerFactory();
      worker = env.newWorker(CutoverWorkflow.TASK_QUEUE, WorkerSetup.workerOptions());
      start = env::start;
      serverHandle = env::close;
    }
    WorkerSetup.registerAll(worker);
    worker.registerWorkflowImplementationTypes(DirectWorkflowImpl.class);
    start.run();
    List<Double> direct = new ArrayList<>();
    List<Double> cutover = new ArrayList<>();
    try {
      for (int r = 0; r <= runs; r++) {
        long t0 = System.nanoTime();
        client.newWorkflowStub(DirectWorkflow.class, options(mode + "-direct-" + r)).run(new DirectInput(dir.toString(), steps));
        double d = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        CutoverReport report = client.newWorkflowStub(CutoverWorkflow.class, options(mode + "-cutover-" + r))
            .run(CutoverInput.ofPlanFile(plan.toString(), null, false));
        double c = (System.nanoTime() - t0) / 1e6;
        if (!report.status().name().equals("SUCCEEDED")) {
          throw new IllegalStateException("the plan did not succeed: " + report.failure());
        }
        if (r == 0) {
          System.out.printf(Locale.ROOT, "  warm-up: direct %.0f ms, cutover %.0f ms%n", d, c);
          continue;
        }
        direct.add(d);
        cutover.add(c);
        System.out.printf(Locale.ROOT, "  run %d: %d direct activity calls %.0f ms (%.2f ms each), %d-step plan %.0f ms (%.2f ms each)%n",
            r, steps, d, d / steps, steps, c, c / steps);
      }
    } finally {
      factory.shutdownNow();
      factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      serverHandle.close();
    }
    double dm = median(direct);
    double cm = median(cutover);
    System.out.printf(Locale.ROOT, "  %s server, medians of %d: direct %.0f ms, cutover %.0f ms; ratio %.2f; overhead %.2f ms per step%n",
        mode, runs, dm, cm, cm / dm, (cm - dm) / steps);
    return (cm - dm) / steps;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(CutoverWorkflow.TASK_QUEUE).build();
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
