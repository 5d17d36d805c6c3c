package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code hold} condition on a flag file on the step's worker: {@code path} (relative to the
 * plan's folder) must exist, or with {@code present: false} must not.
 */
public record FileCondition(@JsonProperty(required = true) String path, Boolean present) {
  public boolean presentOrDefault() {
    return present == null || present;
  }
}
