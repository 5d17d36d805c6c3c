package io.cutover.cli;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover list}: running and recent cutovers. Uses the server's visibility query
 * (ListWorkflowExecutions) on a real Temporal server; the in-memory dev/test server has none, so
 * there it falls back to the older open/closed listings and says what it cannot do.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List running and recent cutovers, newest first.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover list --running --output json",
      "  cutover list --query 'CutoverStatus=\"AWAITING_APPROVAL\"'",
      "  # JSON: an array of {workflowId, runId, status, executionStatus, target,",
      "  # currentStep, gate, startedAt, closedAt, summary}"
    })
public class ListCommand implements Callable<Integer> {
  static final String TYPE = "CutoverWorkflow";

  @Option(
      names = "--limit",
      defaultValue = "20",
      paramLabel = "N",
      description = "at most N runs (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--running", description = "only runs that are still running")
  boolean running;

  @Option(
      names = "--query",
      paramLabel = "VISIBILITY_QUERY",
      description =
          "extra visibility filter, e.g. \"StartTime > '2025-08-01T00:00:00Z'\" (real servers"
              + " only)")
  String query;

  @Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    boolean json = output.json();
    WorkflowClient client = connection.client();
    String ns = client.getOptions().getNamespace();
    WorkflowServiceGrpc.WorkflowServiceBlockingStub api =
        client.getWorkflowServiceStubs().blockingStub();
    List<WorkflowExecutionInfo> runs;
    String note = null;
    try {
      String q =
          "WorkflowType = '"
              + TYPE
              + "'"
              + (running ? " AND ExecutionStatus = 'Running'" : "")
              + (query == null ? "" : " AND (" + query + ")");
      runs =
          api.listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(ns)
                      .setQuery(q)
                      .setPageSize(limit)
                      .build())
              .getExecutionsList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT && query != null) {
        throw new IllegalArgumentException(
            "--query "
                + query
                + ": the server refused it: "
                + e.getStatus().getDescription()
                + "\n"
                + "(visibility query syntax, e.g. CutoverStatus=\"AWAITING_APPROVAL\" AND StartTime"
                + " > '2025-08-01T00:00:00Z')",
            e);
      }
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      if (query != null) {
        throw new IllegalArgumentException(
            "this Temporal server does not support visibility queries (ListWorkflowExecutions), so"
                + " --query cannot be applied; the in-memory dev/test server has none. Use a real"
                + " Temporal server (see deploy/) or drop --query");
      }
      note =
          "note: this server (the in-memory dev/test server) does not support visibility queries"
              + " (ListWorkflowExecutions):\n"
              + "      listed with the older open/closed listings instead; --query, search"
              + " attributes and ordering by close time are unsupported";
      runs = fallback(api, ns);
    }
    List<ListedRun> listed =
        runs.stream()
            .sorted(
                Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
                    .reversed())
            .limit(limit)
            .map(i -> ListedRun.of(i, summary(client, api, ns, i.getExecution())))
            .toList();
    if (json) {
      output.print(listed);
      if (note != null) {
        spec.commandLine().getErr().println(note); // a warning, not part of the document
      }
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%-36s %-11s %-32s %-20s %-20s %s%n",
        "WORKFLOW ID", "STATUS", "CUTOVER", "STARTED", "CLOSED", "SUMMARY");
    for (ListedRun r : listed) {
      out.printf(
          "%-36s %-11s %-32s %-20s %-20s %s%n",
          r.workflowId(),
          r.executionStatus(),
          r.cutoverState(),
          r.startedAt(),
          r.closedAt() == null ? "-" : r.closedAt(),
          r.summary());
    }
    if (listed.isEmpty()) {
      out.println("(no cutovers" + (running ? " running" : "") + ")");
    }
    if (note != null) {
      out.println(note);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private List<WorkflowExecutionInfo> fallback(
      WorkflowServiceGrpc.WorkflowServiceBlockingStub api, String ns) {
    StartTimeFilter all =
        StartTimeFilter.newBuilder()
            .setEarliestTime(Timestamp.newBuilder().setSeconds(0))
            .setLatestTime(
                Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() + 86_400))
            .build();
    WorkflowTypeFilter type = WorkflowTypeFilter.newBuilder().setName(TYPE).build();
    List<WorkflowExecutionInfo> runs =
        new ArrayList<>(
            api.listOpenWorkflowExecutions(
                    ListOpenWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(ns)
                        .setMaximumPageSize(limit)
                        .setStartTimeFilter(all)
                        .setTypeFilter(type)
                        .build())
                .getExecutionsList());
    if (!running) {
      runs.addAll(
          api.listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(ns)
                      .setMaximumPageSize(limit)
                      .setStartTimeFilter(all)
                      .setTypeFilter(type)
                      .build())
              .getExecutionsList());
    }
    return runs;
  }

  /**
   * The static summary `cutover start` sets (plan, anchor, target); empty for runs started without
   * one.
   */
  private static String summary(
      WorkflowClient client,
      WorkflowServiceGrpc.WorkflowServiceBlockingStub api,
      String ns,
      WorkflowExecution e) {
    try {
      var d =
          api.describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(ns)
                  .setExecution(e)
                  .build());
      if (d.getExecutionConfig().hasUserMetadata()
          && d.getExecutionConfig().getUserMetadata().hasSummary()) {
        return client
            .getOptions()
            .getDataConverter()
            .fromPayload(
                d.getExecutionConfig().getUserMetadata().getSummary(), String.class, String.class);
      }
    } catch (RuntimeException ignored) {
      // The summary is a nicety; the list stands without it.
    }
    return "";
  }
}
