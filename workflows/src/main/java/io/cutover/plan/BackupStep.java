package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A consistent online backup of a database, checksummed, copied to each destination folder, and
 * each copy reopened and checked ({@code integrity_check} plus the plan's verify checks). A later
 * destructive step on the same database is rolled back by restoring this backup.
 *
 * @param destinations folders that each receive a verified copy; the first is the restore source
 * @param verify checks run against every copy, e.g. row counts proving it is readable
 */
public record BackupStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String database,
    @JsonProperty(required = true) List<String> destinations,
    List<Check> verify,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public BackupStep {
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
    verify = verify == null ? List.of() : List.copyOf(verify);
  }
}
