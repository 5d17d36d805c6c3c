package io.cutover.activities.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cutover.activities.LoadedPlan;
import io.cutover.activities.PlanActivities;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverInput;
import io.cutover.api.FailureType;
import io.cutover.plan.Plan;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class PlanActivitiesImpl implements PlanActivities {
  /** Sorted keys: the same plan always gives the same bytes, so the same digest. */
  private static final ObjectMapper CANONICAL =
      Json.MAPPER
          .copy()
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  @Override
  public LoadedPlan loadPlan(CutoverInput input) {
    LoadedPlan loaded;
    try {
      loaded = PlanLoader.loadInput(Json.MAPPER.valueToTree(input == null ? null : input.raw()));
    } catch (PlanException e) {
      throw Fail.of(FailureType.INVALID_PLAN, e.getMessage());
    }
    return loaded.withAudit(sha256(loaded.plan()), startedBy());
  }

  /**
   * SHA-256 of the loaded plan's canonical JSON: variables substituted, secret references ({@code
   * ${env:…}}, {@code ${file:…}}) still references — the digest names the plan, it never carries a
   * secret.
   */
  static String sha256(Plan plan) {
    try {
      byte[] json =
          CANONICAL.writeValueAsString(plan.withBaseDir(null)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The identity of the client that started the run (the Temporal UI, the {@code temporal} CLI,
   * {@code cutover start}…), from the first event of the run's history. Null outside a worker or
   * when the server does not say.
   */
  static String startedBy() {
    try {
      ActivityExecutionContext ctx = Activity.getExecutionContext();
      var info = ctx.getInfo();
      var client = ctx.getWorkflowClient();
      var resp =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(info.getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(info.getWorkflowId())
                              .setRunId(info.getWorkflowRunId()))
                      .setMaximumPageSize(1)
                      .build());
      if (resp.getHistory().getEventsCount() == 0) {
        return null;
      }
      HistoryEvent first = resp.getHistory().getEvents(0);
      String identity = first.getWorkflowExecutionStartedEventAttributes().getIdentity();
      return identity.isBlank() ? null : identity;
    } catch (RuntimeException e) {
      // Not in an activity (a tool), or history unavailable: the report says "unknown".
      return null;
    }
  }
}
