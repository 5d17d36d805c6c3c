package io.cutover.activities.preview;

import static io.cutover.plan.StepKinds.BACKUP;
import static io.cutover.plan.StepKinds.BASELINE;
import static io.cutover.plan.StepKinds.COLUMN_MAPPING;
import static io.cutover.plan.StepKinds.COMMAND;
import static io.cutover.plan.StepKinds.CONFIG;
import static io.cutover.plan.StepKinds.COPY;
import static io.cutover.plan.StepKinds.GATE;
import static io.cutover.plan.StepKinds.HEALTH;
import static io.cutover.plan.StepKinds.HOLD;
import static io.cutover.plan.StepKinds.HTTP;
import static io.cutover.plan.StepKinds.IMPORT_CSV;
import static io.cutover.plan.StepKinds.MAINTENANCE;
import static io.cutover.plan.StepKinds.MIGRATE;
import static io.cutover.plan.StepKinds.MONITOR;
import static io.cutover.plan.StepKinds.NOTIFY;
import static io.cutover.plan.StepKinds.RESTART;
import static io.cutover.plan.StepKinds.SQL;
import static io.cutover.plan.StepKinds.TRUNCATE;
import static io.cutover.plan.StepKinds.VALIDATE;
import static io.cutover.plan.StepKinds.WAIT;

import io.cutover.activities.PreviewRequest;
import io.cutover.api.Evidence;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.StepKinds;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preview of every {@link StepKind}: what a step would do and whether its preconditions hold,
 * read-only. Class initialisation fails when a kind has none.
 */
public final class StepPreviewers {
  /** One kind's preview. */
  @FunctionalInterface
  interface Previewer<S extends Step> {
    String describe(PreviewRequest r, S step, String base, List<Evidence> evidence);
  }

  private static final Map<StepKind<?>, Previewer<?>> PREVIEWERS = new IdentityHashMap<>();

  static {
    // The data steps say which database they would touch and whether it answers; a dry run runs
    // them on scratch copies where it can, so this is only their fallback.
    for (StepKind<?> k :
        Set.of(BACKUP, TRUNCATE, IMPORT_CSV, SQL, VALIDATE, HTTP, COLUMN_MAPPING)) {
      PREVIEWERS.put(k, (Previewer<Step>) StepPreviews::generic);
    }
    put(COMMAND, StepPreviews::command);
    put(RESTART, StepPreviews::restart);
    put(HEALTH, StepPreviews::health);
    put(GATE, StepPreviews::gate);
    put(WAIT, StepPreviews::waitFor);
    put(HOLD, StepPreviews::hold);
    put(MIGRATE, ChangePreviews::migrate);
    put(COPY, ChangePreviews::copy);
    put(CONFIG, ChangePreviews::config);
    put(MAINTENANCE, ChangePreviews::maintenance);
    put(MONITOR, ChangePreviews::monitor);
    put(BASELINE, ChangePreviews::baseline);
    put(NOTIFY, ChangePreviews::notification);
    StepKinds.requireEvery(PREVIEWERS, "previewer", "StepPreviewers");
  }

  private StepPreviewers() {}

  private static <S extends Step> void put(StepKind<S> kind, Previewer<S> previewer) {
    PREVIEWERS.put(kind, previewer);
  }

  /** True when this kind has a preview (every kind has; the registry test asks). */
  public static boolean covers(StepKind<?> kind) {
    return PREVIEWERS.containsKey(kind);
  }

  /** What the request's step would do; evidence of its preconditions goes to {@code evidence}. */
  @SuppressWarnings("unchecked")
  static String describe(PreviewRequest r, List<Evidence> evidence) {
    Step s = r.step();
    Previewer<Step> p = (Previewer<Step>) PREVIEWERS.get(s.kind());
    return p.describe(r, s, r.context().baseDir(), evidence);
  }
}
