package io.cutover.activities.process;

import io.cutover.activities.support.Pulse;
import io.cutover.api.Progress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a command's own progress lines into heartbeat progress. A program that prints lines such as
 * {@code progress 520/1000 records} (or {@code progress 520 rows} when it does not know the total)
 * gets a progress bar and an ETA in {@code cutover watch} and readable heartbeat details in the
 * Temporal UI.
 */
final class OutputProgress {
  private static final Pattern LINE =
      Pattern.compile(
          "(?m)^\\s*progress[:\\s]+(\\d+)(?:\\s*/\\s*(\\d+))?(?:\\s+([A-Za-z_-]+))?(.*)$");

  private OutputProgress() {}

  static Progress parse(String output, long startedAtMillis) {
    Matcher m = LINE.matcher(output);
    Progress last = null;
    while (m.find()) {
      last =
          new Progress(
              m.group(3) == null ? "items" : m.group(3),
              Long.parseLong(m.group(1)),
              m.group(2) == null ? null : Long.valueOf(m.group(2)),
              startedAtMillis,
              m.group(4) == null || m.group(4).isBlank() ? null : m.group(4).trim());
    }
    return last;
  }

  static void report(String output, long startedAtMillis) {
    Progress p = parse(output, startedAtMillis);
    if (p != null) {
      Pulse.progress(p);
    }
  }
}
