package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A human go/no-go. The run waits for a decision by signal; {@code timeout} elapsing means
 * no-go. With approvers listed, only they may decide.
 *
 * @param evidence ids of earlier steps whose evidence is shown with the prompt (default: all)
 */
public record GateStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String prompt,
    List<Approver> approvers,
    List<String> evidence)
    implements Step {
  public GateStep {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
