package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Waits on a durable timer, e.g. to let caches drain. */
public record WaitStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) Span duration,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {}
