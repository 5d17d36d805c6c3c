package io.cutover.workflow.fakes;

import io.cutover.activities.FingerprintRequest;
import io.cutover.activities.Fingerprints;
import io.cutover.activities.ValidateActivities;
import io.cutover.activities.ValidateRequest;
import io.cutover.api.StepOutcome;
import java.util.Map;

/** Records {@code validate <step> @<database path>}; every check passes. */
public final class FakeValidateActivities implements ValidateActivities {
  private final CallLog log;

  public FakeValidateActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public StepOutcome validate(ValidateRequest request) {
    log.record("validate " + request.context().stepId());
    return StepOutcome.of("all checks passed");
  }

  @Override
  public Fingerprints fingerprint(FingerprintRequest request) {
    log.record("fingerprint " + request.db().name());
    return new Fingerprints(Map.of());
  }
}
