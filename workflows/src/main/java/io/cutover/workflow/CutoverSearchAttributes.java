package io.cutover.workflow;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes a cutover run keeps up to date, so the Temporal UI's list filter and {@code
 * cutover list --query} find runs by target, status, running step and open gate, e.g. {@code
 * CutoverStatus="AWAITING_APPROVAL"}. All are Keyword attributes; a namespace needs them registered
 * before a worker runs cutovers ({@code cutover dev-server} and the worker do it, or {@code
 * temporal operator search-attribute create --name CutoverTarget --type Keyword}, …).
 */
public final class CutoverSearchAttributes {
  /** The plan's target (the workflow id is {@code cutover-<target>} by convention). */
  public static final SearchAttributeKey<String> TARGET =
      SearchAttributeKey.forKeyword("CutoverTarget");

  /**
   * The run's status: RUNNING, AWAITING_APPROVAL, ROLLING_BACK, SUCCEEDED, ROLLED_BACK,
   * ROLLBACK_FAILED.
   */
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("CutoverStatus");

  /** The step running now; unset when none is. */
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("CutoverStep");

  /** The gate waiting for a decision; unset when none is. */
  public static final SearchAttributeKey<String> GATE =
      SearchAttributeKey.forKeyword("CutoverGate");

  /** Every key, in the order they are documented. */
  public static final List<SearchAttributeKey<String>> ALL = List.of(TARGET, STATUS, STEP, GATE);

  private CutoverSearchAttributes() {}
}
