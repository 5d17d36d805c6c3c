package io.cutover.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.testing.Ports;
import io.cutover.testing.RealTemporal;
import io.cutover.workflow.CutoverSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/scripts/setup-namespace.sh, the script compose's temporal-namespace service runs, run with
 * POSIX sh and the pinned {@code temporal} CLI first on the PATH against a real Temporal dev
 * server: it creates the namespace with its retention and Cutover's search attributes, usable in
 * queries, and running it again changes nothing but the retention it is given.
 */
class DeploySetupTest {
  static final Path SCRIPT = DeployFilesTest.DEPLOY.resolve("scripts/setup-namespace.sh");

  @TempDir static Path dir;
  static RealTemporal temporal;
  static OperatorServiceStubs operator;
  static Path bin;

  /** What one run of the script did. */
  record Run(int exit, String output) {}

  @BeforeAll
  static void start() throws Exception {
    temporal = RealTemporal.start(dir.resolve("temporal"), false);
    operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs().getOptions())
                .validateAndBuildWithDefaults());
    bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("temporal"), temporal.cli().toAbsolutePath());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.shutdownNow();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  static WorkflowServiceStubs stubs() {
    return temporal.client().getWorkflowServiceStubs();
  }

  static Run run(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", SCRIPT.toString()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    pb.environment().remove("TEMPORAL_NAMESPACE");
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script ends");
      return new Run(p.exitValue(), out);
    } finally {
      p.destroyForcibly();
    }
  }

  static Run setup(String namespace, String retention) throws Exception {
    return run(
        Map.of(
            "TEMPORAL_ADDRESS",
            temporal.address(),
            "NAMESPACE",
            namespace,
            "NAMESPACE_RETENTION",
            retention,
            "TEMPORAL_WAIT_SECONDS",
            "30"));
  }

  static Duration retention(String namespace) {
    var ttl =
        stubs()
            .blockingStub()
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
            .getConfig()
            .getWorkflowExecutionRetentionTtl();
    return Duration.ofSeconds(ttl.getSeconds(), ttl.getNanos());
  }

  static Map<String, IndexedValueType> customAttributes(String namespace) {
    return operator
        .blockingStub()
        .listSearchAttributes(
            ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
        .getCustomAttributesMap();
  }

  @Test
  void createsTheNamespaceWithItsRetentionAndCutoversSearchAttributesAndCanRunAgain()
      throws Exception {
    String ns = "cutover-setup";
    StatusRuntimeException absent = assertThrows(StatusRuntimeException.class, () -> retention(ns));
    assertEquals(
        Status.Code.NOT_FOUND, absent.getStatus().getCode(), "no such namespace before the script");

    Run first = setup(ns, "7d");
    assertEquals(0, first.exit(), first.output());
    assertTrue(
        first.output().contains("namespace " + ns + " created; retention 7d"), first.output());
    assertTrue(
        first.output().contains("namespace " + ns + " is ready for Cutover"), first.output());
    assertEquals(Duration.ofDays(7), retention(ns));
    Map<String, IndexedValueType> attributes = customAttributes(ns);
    for (SearchAttributeKey<String> key : CutoverSearchAttributes.ALL) {
      assertEquals(
          IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          attributes.get(key.getName()),
          key.getName() + " in " + attributes);
      assertTrue(
          first.output().contains("search attribute " + key.getName() + ": Keyword"),
          first.output());
    }

    // What the UI's and `cutover list`'s filters do: a run carrying the attributes is found by
    // them.
    WorkflowStub run =
        temporal
            .client(WorkflowClientOptions.newBuilder().setNamespace(ns).build())
            .newUntypedWorkflowStub(
                "CutoverWorkflow",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("setup-check")
                    .setTaskQueue("setup-check")
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(CutoverSearchAttributes.TARGET, "orders-db")
                            .set(CutoverSearchAttributes.STATUS, "RUNNING")
                            .build())
                    .build());
    run.start();
    try {
      assertEquals(
          1, countUntilFound(ns, "CutoverTarget = 'orders-db' AND CutoverStatus = 'RUNNING'"));
      assertEquals(0, count(ns, "CutoverTarget = 'billing-db'"));
    } finally {
      run.terminate("setup check over");
    }

    Run again = setup(ns, "14d");
    assertEquals(0, again.exit(), again.output());
    assertTrue(
        again.output().contains("namespace " + ns + " exists; retention 14d"), again.output());
    assertEquals(Duration.ofDays(14), retention(ns), "the retention given is the namespace's");
    assertEquals(attributes, customAttributes(ns), "the attributes as they were");
  }

  @Test
  void refusesAnAttributeThatExistsWithAnotherType() throws Exception {
    String ns = "cutover-setup-conflict";
    stubs()
        .blockingStub()
        .registerNamespace(
            RegisterNamespaceRequest.newBuilder()
                .setNamespace(ns)
                .setWorkflowExecutionRetentionPeriod(
                    com.google.protobuf.Duration.newBuilder().setSeconds(86400))
                .build());
    addUntilKnown(ns, "CutoverGate", IndexedValueType.INDEXED_VALUE_TYPE_TEXT);

    Run r = setup(ns, "1d");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(
        r.output().contains("CutoverGate") && r.output().contains("different type"), r.output());
    assertTrue(r.output().contains("setup-namespace: error:"), r.output());
    assertEquals(
        IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
        customAttributes(ns).get("CutoverGate"),
        "left as it was");
  }

  @Test
  void waitsForTheServerThenGivesUpSayingWhere() throws Exception {
    String nobody = "127.0.0.1:" + Ports.free();
    long t0 = System.nanoTime();
    Run r =
        run(Map.of("TEMPORAL_ADDRESS", nobody, "NAMESPACE", "never", "TEMPORAL_WAIT_SECONDS", "3"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("waiting for the Temporal server at " + nobody), r.output());
    assertTrue(r.output().contains("is not healthy after 3s"), r.output());
    // The script counts whole seconds (date +%s): 3 s are at least 2 s and a bit.
    assertTrue(millis >= 2000 && millis < 60_000, "waited " + millis + " ms");
  }

  /**
   * A namespace registered a moment ago is known to every part of the server a second or two later.
   */
  static void addUntilKnown(String ns, String name, IndexedValueType type)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(ns)
                    .putSearchAttributes(name, type)
                    .build());
        return;
      } catch (StatusRuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  static long count(String ns, String query) {
    return stubs()
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder().setNamespace(ns).setQuery(query).build())
        .getExecutionsCount();
  }

  static long countUntilFound(String ns, String query) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long n = count(ns, query);
    while (n == 0 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      n = count(ns, query);
    }
    return n;
  }
}
