// Benchmark behind bench/overhead. Run through that script: it builds the jar and puts it on the
// classpath of this single-file program.
//
// Both sides call the same activity (ValidateActivities.validate: one `SELECT 1` check against a
// SQLite file) the same number of times on the same in-process test server, so the difference
// is what Cutover adds per step: plan interpretation, state, status, details, record keeping.

import io.cutover.activities.DbRef;
import io.cutover.activities.StepContext;
import io.cutover.activities.ValidateActivities;
import io.cutover.activities.ValidateRequest;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.ValueCheck;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.cutover.workflow.CutoverWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
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
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --steps N, --runs R)");
      }
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

    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkerFactoryOptions(WorkerSetup.factoryOptions())
        .setWorkflowClientOptions(WorkerSetup.clientOptions())
        .build());
    Worker worker = env.newWorker(CutoverWorkflow.TASK_QUEUE, WorkerSetup.workerOptions());
    WorkerSetup.registerAll(worker);
    worker.registerWorkflowImplementationTypes(DirectWorkflowImpl.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    List<Double> direct = new ArrayList<>();
    List<Double> cutover = new ArrayList<>();
    for (int r = 0; r <= runs; r++) {
      long t0 = System.nanoTime();
      client.newWorkflowStub(DirectWorkflow.class, options("direct-" + r)).run(new DirectInput(dir.toString(), steps));
      double d = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      CutoverReport report = client.newWorkflowStub(CutoverWorkflow.class, options("cutover-" + r))
          .run(CutoverInput.ofPlanFile(plan.toString(), null, false));
      double c = (System.nanoTime() - t0) / 1e6;
      if (!report.status().name().equals("SUCCEEDED")) {
        throw new IllegalStateException("the plan did not succeed: " + report.failure());
      }
      if (r == 0) {
        System.out.printf(Locale.ROOT, "warm-up: direct %.0f ms, cutover %.0f ms%n", d, c);
        continue;
      }
      direct.add(d);
      cutover.add(c);
      System.out.printf(Locale.ROOT, "run %d: %d direct activity calls %.0f ms (%.2f ms each), %d-step plan %.0f ms (%.2f ms each)%n",
          r, steps, d, d / steps, steps, c, c / steps);
    }
    env.close();
    double dm = median(direct);
    double cm = median(cutover);
    System.out.printf(Locale.ROOT, "medians of %d: direct %.0f ms, cutover %.0f ms; ratio %.2f%n", runs, dm, cm, cm / dm);
    System.out.printf(Locale.ROOT, "overhead_ms_per_step=%.2f%n", (cm - dm) / steps);
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
