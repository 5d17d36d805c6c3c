package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Turns an application's maintenance mode {@code on} or {@code off} in one of three ways: a flag
 * file the application watches ({@code flag}), an HTTP call ({@code http}), or a command ({@code
 * command}). Turning it on registers turning it off as the compensation, and turning it off
 * registers turning it back on, so a rollback keeps writes stopped until the old system is back.
 *
 * @param mode {@code on} or {@code off}
 * @param flag file created (with {@code message}) for on and removed for off
 * @param message text written into the flag file and sent as {@code message} in HTTP bodies
 */
public record MaintenanceStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String mode,
    String flag,
    MaintenanceHttp http,
    MaintenanceCommand command,
    String message,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public boolean on() {
    return "on".equalsIgnoreCase(mode);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
