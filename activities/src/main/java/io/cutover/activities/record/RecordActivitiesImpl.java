package io.cutover.activities.record;

import io.cutover.activities.RecordActivities;
import io.cutover.activities.RecordRequest;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

public class RecordActivitiesImpl implements RecordActivities {
  @Override
  public List<String> writeRecord(RecordRequest request) {
    CutoverReport r = request.report();
    String dir = request.spec().dir() == null ? "records" : request.spec().dir();
    String run =
        r.runId() == null ? "run" : r.runId().substring(0, Math.min(8, r.runId().length()));
    Path folder =
        PlanPaths.resolve(request.baseDir(), dir)
            .resolve((r.workflowId() + "-" + run).replaceAll("[^A-Za-z0-9._-]", "_"));
    try {
      Path report = folder.resolve("report.json");
      Path record = folder.resolve("governance-record.json");
      Path log = folder.resolve("execution.log");
      SafeFiles.writeAtomically(report, Json.MAPPER.writeValueAsString(r));
      SafeFiles.writeAtomically(
          record, Json.MAPPER.writeValueAsString(GovernanceRecord.of(r, request.spec(), folder)));
      SafeFiles.writeAtomically(log, ExecutionLog.render(r));
      return List.of(record.toString(), log.toString(), report.toString());
    } catch (IOException e) {
      throw Fail.transientFault(
          "cannot write the governance record into " + folder + ": " + e.getMessage(), e);
    }
  }
}
