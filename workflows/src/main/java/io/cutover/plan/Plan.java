package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cutover plan: what to cut over, the steps in order, and what to do after a rollback.
 *
 * @param target what is cut over; one running cutover per target (workflow id {@code
 *     cutover-<target>})
 * @param anchor the change's governance id, carried into the record
 * @param vars variables with defaults, used as {@code ${vars.NAME}} anywhere in the plan
 * @param rollback steps run after the compensations, e.g. restart and health-check the old system
 * @param baseDir absolute folder that relative paths resolve against; set by the loader
 * @param change the change ticket this cutover runs under (e.g. CHG-1234; often {@code
 *     ${vars.change}}), carried into the report and record
 * @param hooks the plan's {@code notify} webhooks, told when a gate opens, a trigger fires, a
 *     rollback starts, the run ends
 * @param onFailure what a failed step does unless it says otherwise: {@code rollback} (default) or
 *     {@code decide} (see {@link OnFailure})
 * @param schedule when the run may start changing things (see {@link Schedule}); null: at once
 */
public record Plan(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String anchor,
    @JsonProperty(required = true) String target,
    String description,
    Map<String, String> vars,
    Resources resources,
    @JsonProperty(required = true) List<Step> steps,
    List<Step> rollback,
    Budget budget,
    @JsonProperty("record") RecordSpec recordSpec,
    String baseDir,
    @JsonProperty("notify") List<Webhook> hooks,
    String change,
    OnFailure onFailure,
    Schedule schedule) {
  public Plan {
    vars = vars == null ? Map.of() : Map.copyOf(vars);
    resources = resources == null ? Resources.none() : resources;
    steps = steps == null ? List.of() : List.copyOf(steps);
    rollback = rollback == null ? List.of() : List.copyOf(rollback);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Database database(String name) {
    Database db = resources.databases().get(name);
    if (db == null) {
      throw new IllegalArgumentException("no database '" + name + "' in resources.databases");
    }
    return db;
  }

  public Plan withBaseDir(String dir) {
    return new Plan(
        name,
        anchor,
        target,
        description,
        vars,
        resources,
        steps,
        rollback,
        budget,
        recordSpec,
        dir,
        hooks,
        change,
        onFailure,
        schedule);
  }

  /**
   * What a failure of this step does: its own {@code onFailure}, else the plan's, else rollback. A
   * gate's no-go and a monitor window's verdict are decisions already: always rollback.
   */
  public OnFailure onFailureOf(Step step) {
    if (step instanceof GateStep || step instanceof MonitorStep) {
      return OnFailure.ROLLBACK;
    }
    return step.onFailure() != null
        ? step.onFailure()
        : onFailure != null ? onFailure : OnFailure.ROLLBACK;
  }

  /** The default workflow id for this plan: {@code cutover-<target>}. */
  public String workflowId() {
    return "cutover-" + target;
  }
}
