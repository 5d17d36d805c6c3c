package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.ApprovalRecord;
import io.cutover.plan.Approver;
import io.cutover.plan.GateStep;
import io.cutover.plan.PlanJson;
import io.cutover.plan.Quorum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quorum arithmetic: missing, duplicate (kept out by the gate keeper) and conflicting decisions.
 */
class TallyTest {
  static final List<Approver> THREE =
      List.of(
          new Approver("ann", "Engineering Lead"),
          new Approver("olu", "Operations Lead"),
          new Approver("dee", "Data Quality"));

  static GateStep gate(Quorum q, List<String> roles) {
    return new GateStep(
        "signoff",
        null,
        null,
        null,
        null,
        "sign off",
        THREE,
        List.of(),
        q,
        roles,
        null,
        null,
        null,
        null);
  }

  static ApprovalRecord vote(String by, String role, boolean approve) {
    return new ApprovalRecord(
        "signoff",
        approve ? "APPROVE" : "REJECT",
        by,
        role,
        approve ? null : "not yet",
        "t",
        true,
        null);
  }

  @Test
  void allNeedsEveryoneAndAnyRejectIsNoGo() {
    GateStep g = gate(Quorum.ALL, List.of());
    List<ApprovalRecord> v =
        new ArrayList<>(
            List.of(vote("ann", "Engineering Lead", true), vote("olu", "Operations Lead", true)));
    assertEquals(Tally.Outcome.PENDING, Tally.of(g, v).outcome(), "one approver missing");
    v.add(vote("dee", "Data Quality", true));
    Tally.Result done = Tally.of(g, v);
    assertEquals(Tally.Outcome.APPROVED, done.outcome());
    assertTrue(
        done.why().contains("ann (Engineering Lead), olu (Operations Lead), dee (Data Quality)"),
        done.why());
    Tally.Result no =
        Tally.of(
            g, List.of(vote("ann", "Engineering Lead", true), vote("dee", "Data Quality", false)));
    assertEquals(Tally.Outcome.REJECTED, no.outcome());
    assertEquals("by dee (Data Quality): not yet", no.why());
  }

  @Test
  void aNumberWithRequiredRoles() {
    GateStep g = gate(Quorum.parse("2"), List.of("Data Quality"));
    assertEquals(
        Tally.Outcome.PENDING,
        Tally.of(
                g,
                List.of(
                    vote("ann", "Engineering Lead", true), vote("olu", "Operations Lead", true)))
            .outcome(),
        "two approvals, but none from the required Data Quality role");
    assertEquals(
        Tally.Outcome.APPROVED,
        Tally.of(
                g,
                List.of(vote("ann", "Engineering Lead", true), vote("dee", "Data Quality", true)))
            .outcome());
    assertEquals(
        Tally.Outcome.REJECTED,
        Tally.of(g, List.of(vote("dee", "Data Quality", false))).outcome(),
        "a reject by a required role is a no-go at once");
    Tally.Result stillPossible = Tally.of(g, List.of(vote("olu", "Operations Lead", false)));
    assertEquals(
        Tally.Outcome.PENDING,
        stillPossible.outcome(),
        "ann and dee can still make 2: " + stillPossible.why());
    Tally.Result outOfReach =
        Tally.of(
            g,
            List.of(vote("olu", "Operations Lead", false), vote("ann", "Engineering Lead", false)));
    assertEquals(Tally.Outcome.REJECTED, outOfReach.outcome());
    assertTrue(outOfReach.why().startsWith("quorum out of reach"), outOfReach.why());
  }

  @Test
  void withoutAQuorumTheFirstDecisionDecides() {
    GateStep g = PlanJson.of(GateStep.class, Map.of("id", "go", "prompt", "go?"));
    assertEquals(
        Tally.Outcome.REJECTED,
        Tally.of(
                g,
                List.of(
                    new ApprovalRecord(
                        "go", "REJECT", "bob", null, "change freeze", "t", true, null)))
            .outcome());
    assertEquals(
        "by bob: change freeze",
        Tally.of(
                g,
                List.of(
                    new ApprovalRecord(
                        "go", "REJECT", "bob", null, "change freeze", "t", true, null)))
            .why());
  }
}
