package io.cutover.workflow;

import io.cutover.api.MonitorEvent;
import io.cutover.api.MonitorView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's monitoring memory: baselines captured for monitor steps, the window workflows running,
 * their latest views (what the status query shows), checkpoint findings, and the decision requests
 * their {@code decide} triggers sent.
 */
final class WatchBoard {
  private final Map<String, Map<String, Double>> baselines = new HashMap<>();
  private final Map<String, String> windows = new HashMap<>();
  private final Map<String, List<String>> notes = new HashMap<>();
  private final Map<String, MonitorView> views = new HashMap<>();
  private final Deque<MonitorEvent> decisions = new ArrayDeque<>();

  void baseline(String monitor, Map<String, Double> values) {
    baselines.put(monitor, Map.copyOf(values));
  }

  Map<String, Double> baseline(String monitor) {
    return baselines.get(monitor);
  }

  void begin(String step, String workflowId, MonitorView first, RunState state) {
    windows.put(step, workflowId);
    update(step, first, state);
  }

  /** Takes a window's progress or decision request; ignores windows this run is not running. */
  void receive(MonitorEvent event, RunState state) {
    if (event == null
        || event.step() == null
        || !String.valueOf(event.monitorWorkflowId()).equals(windows.get(event.step()))) {
      return;
    }
    if (event.view() != null) {
      update(event.step(), event.view(), state);
    }
    if (MonitorEvent.DECIDE.equals(event.kind())) {
      decisions.add(event);
    }
  }

  void update(String step, MonitorView view, RunState state) {
    views.put(step, view);
    state.monitors.put(step, view.withCheckpoints(notes.getOrDefault(step, List.of())));
    if (step.equals(state.currentStep)) {
      state.details(view.headline());
    }
  }

  /** Adds a checkpoint or decision finding to a window's view. */
  void note(String step, String line, RunState state) {
    notes.computeIfAbsent(step, k -> new ArrayList<>()).add(line);
    MonitorView v = views.get(step);
    if (v != null) {
      update(step, v, state);
    }
  }

  List<String> notes(String step) {
    return notes.getOrDefault(step, List.of());
  }

  boolean hasDecision(String step) {
    return decisions.stream().anyMatch(e -> e.step().equals(step));
  }

  MonitorEvent nextDecision(String step) {
    for (MonitorEvent e : decisions) {
      if (e.step().equals(step)) {
        decisions.remove(e);
        return e;
      }
    }
    return null;
  }

  MonitorView view(String step) {
    return views.get(step);
  }
}
