package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A read-only query (a join, NULL/boolean/date spot checks) gives the same rows, in the same order,
 * here and in {@code against}. Values are compared type-normalized.
 *
 * @param sql the query; it should end with an ORDER BY so the order is defined
 * @param againstSql the query for {@code against} when its SQL dialect needs a different text
 */
public record ParityQueryCheck(
    String name,
    @JsonProperty(required = true) String against,
    @JsonProperty(required = true) String sql,
    String againstSql)
    implements ParityCheck {}
