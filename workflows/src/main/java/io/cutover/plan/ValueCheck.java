package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Runs {@code sql} and compares the first column of the first row, as text, with {@code expect}.
 */
public record ValueCheck(
    String name,
    @JsonProperty(required = true) String sql,
    @JsonProperty(required = true) String expect)
    implements Check {}
