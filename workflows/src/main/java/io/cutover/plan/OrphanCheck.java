package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Rows of {@code table} whose {@code column} is not NULL and names no row of {@code references}
 * (written {@code parent_table.column}). Expects none.
 */
public record OrphanCheck(
    String name,
    @JsonProperty(required = true) String table,
    @JsonProperty(required = true) String column,
    @JsonProperty(required = true) String references)
    implements Check {}
