package io.cutover.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records workflow histories for the replay tests. Off by default; run a test with {@code
 * -Dcutover.recordHistories=true} to (re)write {@code src/test/resources/histories/NAME.json}
 * after a deliberate change of workflow logic (guarded by {@code Workflow.getVersion}).
 */
public final class Histories {
  private Histories() {}

  public static void recordIfAsked(WorkflowClient client, Object typedStub, String name) {
    if (!Boolean.getBoolean("cutover.recordHistories")) {
      return;
    }
    String id = WorkflowStub.fromTyped(typedStub).getExecution().getWorkflowId();
    Path out = Examples.root().resolve("worker/src/test/resources/histories").resolve(name + ".json");
    try {
      Files.createDirectories(out.getParent());
      Files.writeString(out, client.fetchHistory(id).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
