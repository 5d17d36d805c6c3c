package io.cutover.workflow.watch;

/** Where one trigger stands: since when its condition holds, and what people decided about it. */
public final class TriggerState {
  /** Scheduled time of the first sample of the current run of samples meeting the condition. */
  public Long breachSince;

  /** A {@code decide} trigger that fired and waits for people. */
  public boolean pending;

  public boolean fired;
  public int continued;
  public Double value;
  public Double limit;
  public long heldMillis;
  public Double maxCloseness;

  /** ok, breaching, awaiting-decision, fired or no-data. */
  public String status = "no-data";
}
