package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A human go/no-go. The run waits for a decision by signal; {@code timeout} elapsing means no-go.
 * With approvers listed, only they may decide.
 *
 * <p>Without {@code quorum} the first decision decides. With one, every approver decides once: the
 * gate opens when {@code quorum} of them (or {@code all}) approved, including at least one of each
 * role in {@code roles}; a reject by a required approver (any of them under {@code all}, a holder
 * of a listed role otherwise) is a no-go at once, and so is any reject that leaves the quorum out
 * of reach.
 *
 * @param evidence ids of earlier steps whose evidence is shown with the prompt (default: all)
 * @param quorum {@code all}, or how many approvals are needed (default: the first decision)
 * @param roles roles that must each be among the approvals, e.g. Engineering Lead
 * @param bindEvidence when true, a decision must name the evidence digest it was made on (the
 *     gate's current one); decisions without it are refused
 */
public record GateStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String prompt,
    List<Approver> approvers,
    List<String> evidence,
    Quorum quorum,
    List<String> roles,
    Boolean bindEvidence,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  /**
   * A gate the workflow opens itself (a monitor's or a hold's decision): {@code deciders} decide
   * within {@code within} (then the gate times out), on evidence the workflow shows; not bound to a
   * digest, no quorum, no roles.
   */
  public static GateStep decision(
      String id, String description, Span within, String prompt, List<Approver> deciders) {
    return new GateStep(
        id,
        description,
        null,
        within,
        null,
        prompt,
        deciders,
        List.of(),
        null,
        List.of(),
        null,
        null,
        null,
        null);
  }

  public GateStep {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
