package io.cutover.activities;

import java.util.List;

/**
 * What a worker found before the first step.
 *
 * @param worker which worker checked (identity and host), for the report
 * @param checked how many references, programs, databases and ports it checked
 * @param problems each problem in words, with what to do; empty when the run may go on
 */
public record PreflightResult(String worker, int checked, List<String> problems) {
  public PreflightResult {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
