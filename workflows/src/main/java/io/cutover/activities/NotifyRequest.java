package io.cutover.activities;

import io.cutover.plan.Webhook;
import java.util.Map;

/**
 * One message to one webhook.
 *
 * @param fields the values the body template may use ({@code event}, {@code message}, ...)
 */
public record NotifyRequest(StepContext context, Webhook hook, Map<String, String> fields) {
  public NotifyRequest {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }
}
