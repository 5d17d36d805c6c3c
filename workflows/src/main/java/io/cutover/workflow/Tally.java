package io.cutover.workflow;

import io.cutover.api.ApprovalRecord;
import io.cutover.plan.Approver;
import io.cutover.plan.GateStep;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts a gate's accepted decisions against its quorum. Without a quorum the first decision
 * decides (the gate's original behaviour). With one: a reject by a required approver (everyone
 * under {@code all}, holders of a listed role otherwise) is a no-go at once; so is a reject that
 * leaves the quorum or a listed role out of reach; the gate opens once enough approvals, covering
 * every listed role, are in.
 */
final class Tally {
  enum Outcome {
    PENDING,
    APPROVED,
    REJECTED
  }

  /** The outcome, and in words who decided it ({@code by alice: looks good}) or why. */
  record Result(Outcome outcome, String why) {}

  private Tally() {}

  static Result of(GateStep gate, Collection<ApprovalRecord> votes) {
    if (gate.quorum() == null) {
      if (votes.isEmpty()) {
        return new Result(Outcome.PENDING, "waiting for a decision");
      }
      ApprovalRecord first = votes.iterator().next();
      return new Result(
          approve(first) ? Outcome.APPROVED : Outcome.REJECTED, "by " + who(first, true));
    }
    Set<String> roles = gate.roles().stream().map(Tally::key).collect(Collectors.toSet());
    for (ApprovalRecord v : votes) {
      if (!approve(v)
          && (gate.quorum().all() || (v.role() != null && roles.contains(key(v.role()))))) {
        return new Result(Outcome.REJECTED, "by " + who(v, true));
      }
    }
    List<ApprovalRecord> approvals = votes.stream().filter(Tally::approve).toList();
    Set<String> decided = votes.stream().map(v -> key(v.by())).collect(Collectors.toSet());
    List<Approver> undecided =
        gate.approvers().stream().filter(a -> !decided.contains(key(a.name()))).toList();
    int needed = gate.quorum().needed(gate.approvers().size());
    if (approvals.size() + undecided.size() < needed) {
      return new Result(
          Outcome.REJECTED,
          "quorum out of reach: "
              + needed
              + " approvals needed, "
              + approvals.size()
              + " given and "
              + undecided.size()
              + " approver(s) left after "
              + rejects(votes));
    }
    List<String> uncovered = new ArrayList<>();
    for (String role : gate.roles()) {
      boolean covered =
          approvals.stream().anyMatch(a -> a.role() != null && key(a.role()).equals(key(role)));
      boolean possible =
          undecided.stream().anyMatch(a -> a.role() != null && key(a.role()).equals(key(role)));
      if (!covered && !possible) {
        return new Result(
            Outcome.REJECTED,
            "no " + role + " approval is possible any more after " + rejects(votes));
      }
      if (!covered) {
        uncovered.add(role);
      }
    }
    if (approvals.size() >= needed && uncovered.isEmpty()) {
      return new Result(
          Outcome.APPROVED,
          "by " + String.join(", ", approvals.stream().map(a -> who(a, false)).toList()));
    }
    return new Result(
        Outcome.PENDING,
        approvals.size()
            + " of "
            + needed
            + " approvals"
            + (uncovered.isEmpty() ? "" : ", still needed from: " + String.join(", ", uncovered)));
  }

  /** What it takes, in words: {@code all of 3} or {@code 2 of 3, including Data Quality}. */
  static String describe(GateStep gate) {
    if (gate.quorum() == null) {
      return null;
    }
    String n = gate.quorum().all() ? "all" : Integer.toString(gate.quorum().count());
    return n
        + " of "
        + gate.approvers().size()
        + " approvers"
        + (gate.roles().isEmpty() ? "" : ", including " + String.join(", ", gate.roles()));
  }

  private static String rejects(Collection<ApprovalRecord> votes) {
    return votes.stream()
        .filter(v -> !approve(v))
        .map(v -> "a reject by " + who(v, false))
        .collect(Collectors.joining(", "));
  }

  private static boolean approve(ApprovalRecord r) {
    return "APPROVE".equals(r.decision());
  }

  private static String who(ApprovalRecord r, boolean withComment) {
    return r.by()
        + (r.role() == null ? "" : " (" + r.role() + ")")
        + (withComment && r.comment() != null && !r.comment().isBlank() ? ": " + r.comment() : "");
  }

  static String key(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }
}
