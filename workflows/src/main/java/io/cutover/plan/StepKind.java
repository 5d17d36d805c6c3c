package io.cutover.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine knows about one step type, in one place: the name a plan uses, the record it
 * binds to, and what the type may do. The runner, the plan checks and the preview of each kind are
 * registered against it in their own modules ({@code StepRunners} in the workflow, {@code
 * StepChecks} and {@code StepPreviewers} on the worker's side), and a test fails when a kind lacks
 * one. Adding a step type: a record in {@link Step}'s permits list, an entry in {@link StepKinds},
 * a runner, its checks and its preview.
 *
 * @param <S> the step record
 */
public final class StepKind<S extends Step> {
  /** What a step of this kind may do besides running in the plan's forward steps. */
  public enum Capability {
    /** Steps of this kind may change data or state (whether one does: {@link Step#destructive}). */
    CHANGES_STATE,
    /** Allowed in the plan's {@code rollback} list (after the compensations). */
    ROLLBACK,
    /** Allowed at a monitor window's checkpoint. */
    CHECKPOINT
  }

  /** What a dry run does with a step of this kind. */
  public enum DryRun {
    /** Runs as written: it only reads (or, like {@code http}, sends only GETs in a dry run). */
    RUNS,
    /** Runs on scratch copies of its SQLite databases; previewed when any is not SQLite. */
    ON_SCRATCH,
    /** Not run: the worker previews what it would do. */
    PREVIEW
  }

  private final String name;
  private final Class<S> type;
  private final Set<Capability> capabilities;
  private final DryRun dryRun;

  private StepKind(String name, Class<S> type, DryRun dryRun, Set<Capability> capabilities) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
    this.dryRun = Objects.requireNonNull(dryRun);
    this.capabilities = Set.copyOf(capabilities);
  }

  /** A kind named {@code name} bound to {@code type}. */
  public static <S extends Step> StepKind<S> of(
      String name, Class<S> type, DryRun dryRun, Capability... capabilities) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    caps.addAll(List.of(capabilities));
    return new StepKind<>(name, type, dryRun, caps);
  }

  /** The name a plan gives in {@code type}, e.g. {@code import-csv}. */
  public String name() {
    return name;
  }

  public Class<S> type() {
    return type;
  }

  public DryRun dryRun() {
    return dryRun;
  }

  public boolean can(Capability c) {
    return capabilities.contains(c);
  }

  /** This kind's view of a step known to be of it. */
  public S cast(Step step) {
    return type.cast(step);
  }

  @Override
  public String toString() {
    return name;
  }
}
