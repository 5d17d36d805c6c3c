package io.cutover.workflow.watch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monitor window's whole memory. It is all a new run needs after continue-as-new, so a window
 * neither restarts nor counts twice, whichever worker picks it up. Public fields: it travels as
 * workflow input.
 */
public final class MonitorState {
  /** When the window began (epoch ms, workflow clock); sample k is due at start + k * interval. */
  public long startMillis;

  /** Index of the next sample. */
  public int next;

  public int samples;
  public int missed;

  /** Scheduled time of the latest sample; 0 before the first. */
  public long lastSampleMillis;

  /** Runs of the window's workflow so far (1 + continue-as-new count). */
  public int runs = 1;

  /** Most history events any run had when it continued as new. */
  public long maxRunEvents;

  public long lastProgressMillis;
  public Map<String, MetricState> metrics = new LinkedHashMap<>();
  public Map<String, TriggerState> triggers = new LinkedHashMap<>();

  public static MonitorState begin(long startMillis) {
    MonitorState s = new MonitorState();
    s.startMillis = startMillis;
    return s;
  }
}
