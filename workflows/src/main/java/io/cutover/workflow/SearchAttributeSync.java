package io.cutover.workflow;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a run's {@link CutoverSearchAttributes} equal to its state, upserting only what changed
 * (each upsert is an event in the history).
 *
 * <p>Runs started before search attributes existed must replay without the upsert commands, so the
 * upserts are behind {@link Workflow#getVersion} change id {@value #CHANGE_ID}, asked once per run,
 * before the first command.
 */
final class SearchAttributeSync {
  static final String CHANGE_ID = "search-attributes";

  private final Map<SearchAttributeKey<String>, String> current = new HashMap<>();
  private boolean enabled;

  /** Resolves the version for this run; call once, at the start of the workflow method. */
  void begin() {
    enabled = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** Sets each key to its value (null unsets it), upserting those that differ from what is set. */
  void sync(Map<SearchAttributeKey<String>, String> values) {
    if (!enabled) {
      return;
    }
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    for (SearchAttributeKey<String> key : CutoverSearchAttributes.ALL) {
      String value = values.get(key);
      if (Objects.equals(current.get(key), value)) {
        continue;
      }
      updates.add(
          value == null
              ? SearchAttributeUpdate.valueUnset(key)
              : SearchAttributeUpdate.valueSet(key, value));
      current.put(key, value);
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }
}
