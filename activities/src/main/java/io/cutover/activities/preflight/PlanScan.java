package io.cutover.activities.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a worker's share of a plan consists of, read from the plan as JSON so that every step type,
 * nested checkpoint step and resource is covered without a list per type: the strings (where
 * references hide), the argv lists (where programs are named), and the resources the steps name.
 */
final class PlanScan {
  /**
   * Fields whose value is an argv list: a command, an undo, a guard's check, a service's start or
   * restart, a maintenance on/off.
   */
  private static final Set<String> ARGV_FIELDS =
      Set.of("argv", "undo", "check", "start", "restart", "on", "off");

  /** A string value and where it was found, e.g. {@code step 'limited-run' (env)}. */
  record Found(String where, String value) {}

  /**
   * An argv list, the folder its program runs in (its {@code cwd}, else the plan's), and where it
   * was found.
   */
  record Argv(String where, List<String> argv, String cwd) {}

  final List<Found> strings = new ArrayList<>();
  final List<Argv> argvs = new ArrayList<>();
  final Set<String> databases = new LinkedHashSet<>();
  final Set<String> services = new LinkedHashSet<>();

  /**
   * The steps and rollback steps that run on {@code host} (null: the shared queue), with the
   * resources they name.
   */
  static PlanScan of(Plan plan, String host) {
    PlanScan scan = new PlanScan();
    List<Step> mine = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (Objects.equals(s.host(), host)) {
        mine.add(s);
      }
    }
    for (Step s : plan.rollback()) {
      if (Objects.equals(s.host(), host)) {
        mine.add(s);
      }
    }
    for (Step s : mine) {
      scan.walk("step '" + s.id() + "'", Json.MAPPER.valueToTree(s), null, plan);
    }
    if (host == null) {
      scan.walk("the plan's notify hooks", Json.MAPPER.valueToTree(plan.hooks()), null, plan);
    }
    for (String name : new ArrayList<>(scan.services)) {
      scan.walk(
          "service '" + name + "'",
          Json.MAPPER.valueToTree(plan.resources().services().get(name)),
          null,
          plan);
    }
    for (String name : new ArrayList<>(scan.databases)) {
      scan.walk(
          "database '" + name + "'",
          Json.MAPPER.valueToTree(plan.resources().databases().get(name)),
          null,
          plan);
    }
    return scan;
  }

  private void walk(String where, JsonNode node, String field, Plan plan) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      String v = node.asText();
      strings.add(new Found(where, v));
      if (plan.resources().databases().containsKey(v)) {
        databases.add(v);
      }
      if (plan.resources().services().containsKey(v)) {
        services.add(v);
      }
    } else if (node.isArray()) {
      if (field != null && ARGV_FIELDS.contains(field) && node.size() > 0 && allText(node)) {
        List<String> argv = new ArrayList<>();
        node.forEach(e -> argv.add(e.asText()));
        argvs.add(new Argv(where + " (" + field + ")", argv, null));
      }
      node.forEach(e -> walk(where, e, field, plan));
    } else if (node.isObject()) {
      String cwd = node.path("cwd").isTextual() ? node.path("cwd").asText() : null;
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        int before = argvs.size();
        // on/off are argv lists only in a maintenance step's command; elsewhere (a webhook's
        // `on: [gate-opened, ...]`) they are event names.
        String key = e.getKey();
        boolean argvHere = !(key.equals("on") || key.equals("off")) || "command".equals(field);
        walk(where, e.getValue(), argvHere ? key : "events", plan);
        if (cwd != null) {
          for (int i = before; i < argvs.size(); i++) {
            Argv a = argvs.get(i);
            if (a.cwd() == null) {
              argvs.set(i, new Argv(a.where(), a.argv(), cwd));
            }
          }
        }
      }
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
