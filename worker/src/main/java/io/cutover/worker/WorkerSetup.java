package io.cutover.worker;

import io.cutover.activities.config.ConfigActivitiesImpl;
import io.cutover.activities.db.BackupActivitiesImpl;
import io.cutover.activities.db.DataActivitiesImpl;
import io.cutover.activities.db.ValidateActivitiesImpl;
import io.cutover.activities.http.ApiActivitiesImpl;
import io.cutover.activities.http.HttpActivitiesImpl;
import io.cutover.activities.lock.LockActivitiesImpl;
import io.cutover.activities.maintenance.MaintenanceActivitiesImpl;
import io.cutover.activities.pg.CopyActivitiesImpl;
import io.cutover.activities.pg.MigrateActivitiesImpl;
import io.cutover.activities.plan.PlanActivitiesImpl;
import io.cutover.activities.preflight.PreflightActivitiesImpl;
import io.cutover.activities.preview.PreviewActivitiesImpl;
import io.cutover.activities.process.CommandActivitiesImpl;
import io.cutover.activities.process.HostActivitiesImpl;
import io.cutover.activities.process.ServiceActivitiesImpl;
import io.cutover.activities.record.RecordActivitiesImpl;
import io.cutover.activities.support.HeartbeatInterceptor;
import io.cutover.activities.watch.NotifyActivitiesImpl;
import io.cutover.activities.watch.WatchActivitiesImpl;
import io.cutover.worker.codec.CodecKeys;
import io.cutover.workflow.CutoverWorkflow;
import io.cutover.workflow.CutoverWorkflowImpl;
import io.cutover.workflow.MonitorWorkflowImpl;
import io.cutover.workflow.ResourceLockWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How every Cutover worker is put together: the CLI's, the embedded one and the tests'. */
public final class WorkerSetup {
  private WorkerSetup() {}

  /** Client options with the data converter every Cutover client and worker must use. */
  public static WorkflowClientOptions clientOptions(WorkflowClientOptions base) {
    return clientOptions(base, CodecKeys.fromEnvironment(System.getenv()).orElse(null));
  }

  /** With a codec, every payload is encrypted before it reaches Temporal (see AesGcmCodec). */
  public static WorkflowClientOptions clientOptions(
      WorkflowClientOptions base, PayloadCodec codec) {
    DataConverter converter = TolerantInputConverter.dataConverter();
    if (codec != null) {
      converter = new CodecDataConverter(converter, List.of(codec), true);
    }
    return WorkflowClientOptions.newBuilder(base).setDataConverter(converter).build();
  }

  public static WorkflowClientOptions clientOptions() {
    return clientOptions(WorkflowClientOptions.getDefaultInstance());
  }

  /**
   * Factory options: the heartbeat interceptor every Cutover activity relies on, and the run
   * metrics.
   */
  public static WorkerFactoryOptions factoryOptions() {
    return WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(new HeartbeatInterceptor(), new MetricsInterceptor())
        .build();
  }

  /**
   * How long a run's next workflow task waits on the sticky queue of the worker that has the run
   * cached before the server hands it to any worker. The SDK's default is 5 s. Measured on the real
   * dev server with {@code bench/faults}: after a SIGKILL at a step boundary that wait was half of
   * the 7.7–10.5 s until a replacement worker ran the next step. A live worker answers its sticky
   * queue within milliseconds, so 2 s still keeps every normal task sticky; a task that does time
   * out costs one replay of the history on another worker, never correctness.
   */
  public static final Duration STICKY_SCHEDULE_TO_START = Duration.ofSeconds(2);

  /**
   * Worker options: the SDK's defaults, sticky execution on, with the sticky wait above. A run's
   * workflow tasks go to the worker that has its state cached; when that worker dies, the server
   * hands them to the normal queue after {@link #STICKY_SCHEDULE_TO_START}, which the crash tests
   * and {@code bench/faults} measure.
   */
  public static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(STICKY_SCHEDULE_TO_START)
        .build();
  }

  /** The activity implementations a worker hosts. */
  public static Object[] activities() {
    return activities(null);
  }

  /** The activity implementations a worker serving {@code host} (null: none) hosts. */
  public static Object[] activities(String host) {
    return new Object[] {
      new HostActivitiesImpl(host),
      new ApiActivitiesImpl(),
      new PlanActivitiesImpl(),
      new BackupActivitiesImpl(),
      new DataActivitiesImpl(),
      new ValidateActivitiesImpl(),
      new CommandActivitiesImpl(),
      new ServiceActivitiesImpl(),
      new HttpActivitiesImpl(),
      new RecordActivitiesImpl(),
      new MigrateActivitiesImpl(),
      new CopyActivitiesImpl(),
      new ConfigActivitiesImpl(),
      new MaintenanceActivitiesImpl(),
      new WatchActivitiesImpl(),
      new NotifyActivitiesImpl(),
      new PreviewActivitiesImpl(),
      new PreflightActivitiesImpl(host),
      new LockActivitiesImpl(),
    };
  }

  /**
   * The workflow implementations an unversioned worker hosts: the cutover, its monitor windows and
   * the resource locks.
   */
  public static Class<?>[] workflowTypes() {
    return workflowTypes(false);
  }

  /**
   * The workflow implementations a worker hosts. A versioned worker hosts the resource lock with
   * its AUTO_UPGRADE behaviour (a lock outlives the builds that take it); an unversioned worker
   * must not declare a versioning behaviour at all, or its workflow tasks fail.
   */
  public static Class<?>[] workflowTypes(boolean versioned) {
    return new Class<?>[] {
      CutoverWorkflowImpl.class,
      MonitorWorkflowImpl.class,
      versioned ? AutoUpgradeResourceLockWorkflowImpl.class : ResourceLockWorkflowImpl.class
    };
  }

  /** Registers the workflow and every activity on a worker of the main task queue. */
  public static void registerAll(Worker worker) {
    registerAll(worker, false);
  }

  private static void registerAll(Worker worker, boolean versioned) {
    worker.registerWorkflowImplementationTypes(workflowTypes(versioned));
    worker.registerActivitiesImplementations(activities());
  }

  /**
   * A factory with a worker on {@code cutover} (workflow and activities) and, when {@code host} is
   * given, one on {@code cutover-<host>} for the steps that name that host. Not yet started.
   */
  public static WorkerFactory factory(WorkflowClient client, String host) {
    return factory(client, host, null, null);
  }

  /**
   * As {@link #factory(WorkflowClient, String)}, with worker deployment versioning ({@code
   * versioning}, null: unversioned) and tracing ({@code tracing}, null: off) on every worker.
   */
  public static WorkerFactory factory(
      WorkflowClient client, String host, WorkerVersioning versioning, Tracing tracing) {
    WorkerFactoryOptions.Builder fo = WorkerFactoryOptions.newBuilder(factoryOptions());
    if (tracing != null) {
      List<WorkerInterceptor> all = new ArrayList<>(List.of(fo.build().getWorkerInterceptors()));
      // The SDK wraps in array order, so the last interceptor is the outermost: the tracing one
      // opens the activity's span, then StepSpans (inside it) names it after the step.
      all.add(new StepSpans(tracing.tracer()));
      all.add(
          new OpenTracingWorkerInterceptor(
              OpenTracingOptions.newBuilder().setTracer(tracing.tracer()).build()));
      fo.setWorkerInterceptors(all.toArray(WorkerInterceptor[]::new));
    }
    WorkerFactory factory = WorkerFactory.newInstance(client, fo.build());
    WorkerOptions wo =
        versioning == null
            ? workerOptions()
            : WorkerOptions.newBuilder(workerOptions())
                .setDeploymentOptions(versioning.options())
                .build();
    Worker main = factory.newWorker(CutoverWorkflow.TASK_QUEUE, wo);
    registerAll(main, versioning != null);
    if (host != null && !host.isBlank()) {
      factory
          .newWorker(CutoverWorkflow.TASK_QUEUE + "-" + host, wo)
          .registerActivitiesImplementations(activities(host));
    }
    return factory;
  }
}
