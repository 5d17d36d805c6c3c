package io.cutover.activities.db;

import io.cutover.activities.FingerprintRequest;
import io.cutover.activities.Fingerprints;
import io.cutover.activities.ValidateActivities;
import io.cutover.activities.ValidateRequest;
import io.cutover.activities.pg.ParityChecks;
import io.cutover.activities.support.Fail;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

public class ValidateActivitiesImpl implements ValidateActivities {
  @Override
  public StepOutcome validate(ValidateRequest request) {
    ParityChecks parity = new ParityChecks(request.context(), request.peers());
    try (Connection c = Connections.open(request.db(), request.context().baseDir())) {
      return new CheckRunner(c, request.fingerprints())
          .with(parity)
          .runAll(request.checks())
          .outcome("'" + request.db().name() + "'");
    } catch (SQLException e) {
      throw Fail.transientFault(
          "validation of '" + request.db().name() + "': " + e.getMessage(), e);
    } finally {
      parity.close();
    }
  }

  @Override
  public Fingerprints fingerprint(FingerprintRequest request) {
    try (Connection c = Connections.open(request.db(), request.context().baseDir())) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String t : request.tables()) {
        out.put(t, TableDigest.digest(c, t));
      }
      return new Fingerprints(out);
    } catch (SQLException e) {
      if (Connections.isTransient(e)) {
        throw Fail.transientFault(
            "checksum of protected tables of '" + request.db().name() + "': " + e.getMessage(), e);
      }
      throw Fail.of(
          FailureType.CHECK_ERROR,
          "cannot checksum the protected tables of '"
              + request.db().name()
              + "': "
              + e.getMessage());
    }
  }
}
