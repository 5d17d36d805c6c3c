package io.cutover.worker;

import io.cutover.workflow.CutoverSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the namespace has Cutover's search attributes before a worker runs cutovers: a run
 * upserts them as it moves, and an upsert of an attribute the namespace lacks fails every workflow
 * task of the run, leaving it stuck. Missing ones are added (the operator API); when that is
 * refused the caller gets the exact commands to run.
 */
public final class SearchAttributesSetup {
  private SearchAttributesSetup() {}

  /** What {@link #ensure} found and did. */
  public record Outcome(List<String> present, List<String> added) {}

  /**
   * Lists the namespace's attributes and adds those of {@link CutoverSearchAttributes#ALL} that are
   * missing. Throws {@link IllegalStateException} naming the commands when they cannot be added,
   * and lets {@link StatusRuntimeException} with UNAVAILABLE through (server down).
   */
  public static Outcome ensure(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs.getOptions())
                .validateAndBuildWithDefaults());
    try {
      List<String> present = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      ListSearchAttributesResponse existing = null;
      try {
        existing =
            operator
                .blockingStub()
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        // The SDK's in-process test server cannot list them, only add: add all below.
      }
      for (SearchAttributeKey<String> key : CutoverSearchAttributes.ALL) {
        if (existing != null && existing.getCustomAttributesMap().containsKey(key.getName())) {
          present.add(key.getName());
        } else {
          missing.add(key.getName());
        }
      }
      if (missing.isEmpty()) {
        return new Outcome(present, List.of());
      }
      AddSearchAttributesRequest.Builder add =
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      missing.forEach(
          name -> add.putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      try {
        operator
            .blockingStub()
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .addSearchAttributes(add.build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
          throw e;
        }
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw new IllegalStateException(
              "namespace '"
                  + namespace
                  + "' lacks Cutover's search attributes "
                  + missing
                  + " and adding them was refused ("
                  + e.getStatus().getCode()
                  + ": "
                  + e.getStatus().getDescription()
                  + ").\n"
                  + "Runs would fail when they set them. Ask an operator to run:\n"
                  + commands(namespace, missing),
              e);
        }
      }
      return new Outcome(present, missing);
    } finally {
      operator.shutdownNow();
    }
  }

  /** The {@code temporal} commands that register the given attributes. */
  public static String commands(String namespace, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      sb.append("  temporal operator search-attribute create --namespace ")
          .append(namespace)
          .append(" --name ")
          .append(name)
          .append(" --type Keyword\n");
    }
    return sb.toString();
  }
}
