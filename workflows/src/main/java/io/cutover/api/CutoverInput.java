package io.cutover.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow input exactly as sent: a plan document, or {@code {"planFile": "...", "vars": {...},
 * "dryRun": false, "rehearse": false}}, or {@code {"plan": {...}, "baseDir": "...", "vars":
 * {...}}}.
 *
 * <p>It is kept as an untyped JSON value on purpose: Temporal decodes workflow arguments before any
 * workflow code runs, and a decoding failure there fails workflow tasks forever instead of failing
 * the run. Any JSON decodes into this record; the plan loader activity then checks it strictly and
 * the run fails with a readable error if it is malformed.
 */
public record CutoverInput(Object raw) {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public CutoverInput {}

  @JsonValue
  @Override
  public Object raw() {
    return raw;
  }

  /** The envelope form naming a plan file on the worker. */
  public static CutoverInput ofPlanFile(String planFile, Map<String, String> vars, boolean dryRun) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("planFile", planFile);
    if (vars != null && !vars.isEmpty()) {
      m.put("vars", vars);
    }
    if (dryRun) {
      m.put("dryRun", true);
    }
    return new CutoverInput(m);
  }

  /**
   * The same input as a rehearsal: the plan runs forward, then rolls back by design once every step
   * passed, so the rollback itself is measured and proven (meant for staging).
   */
  @SuppressWarnings("unchecked")
  public CutoverInput asRehearsal() {
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) raw);
    m.put("rehearse", true);
    return new CutoverInput(m);
  }

  /** The envelope form carrying a plan document and the folder its relative paths resolve in. */
  public static CutoverInput ofPlan(
      Object planTree, String baseDir, Map<String, String> vars, boolean dryRun) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plan", planTree);
    m.put("baseDir", baseDir);
    if (vars != null && !vars.isEmpty()) {
      m.put("vars", vars);
    }
    if (dryRun) {
      m.put("dryRun", true);
    }
    return new CutoverInput(m);
  }
}
