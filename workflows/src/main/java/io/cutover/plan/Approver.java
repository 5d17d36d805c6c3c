package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Someone allowed to decide a gate: written as a name, or as {@code {name, role}}. */
public record Approver(@JsonProperty(required = true) String name, String role) {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Approver named(String name) {
    return new Approver(name, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public Approver {}
}
