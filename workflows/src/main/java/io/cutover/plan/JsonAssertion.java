package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An assertion on a value in a JSON document, addressed by a simple path such as {@code $.status},
 * {@code $.data.items[0].id} or {@code $.items.length()}.
 */
public record JsonAssertion(
    @JsonProperty(required = true) String path, String equals, Double min, Double max) {}
