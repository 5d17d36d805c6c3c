package io.cutover.workflow;

import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.List;
import java.util.Locale;

/** Turns Temporal failure chains into what an operator needs to read. */
final class Failures {
  private Failures() {}

  /** The innermost useful message: the activity's own error, with a timeout said as such. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    Throwable t = e;
    while (t != null) {
      if (t instanceof ApplicationFailure af) {
        return prefix(sb) + af.getOriginalMessage();
      }
      if (t instanceof TimeoutFailure tf) {
        if (tf.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
          return prefix(sb) + "no worker picked it up in time (schedule-to-start timeout)";
        }
        sb.append("timed out (")
            .append(
                tf.getTimeoutType()
                    .name()
                    .replace("TIMEOUT_TYPE_", "")
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '-'))
            .append(")");
        if (tf.getCause() != null) {
          sb.append("; last error: ");
        } else {
          return sb.toString();
        }
      } else if (t instanceof CanceledFailure) {
        return prefix(sb) + "cancelled";
      } else if (!(t instanceof ActivityFailure)) {
        return prefix(sb) + t.getMessage();
      }
      t = t.getCause();
    }
    return sb.length() > 0 ? sb.toString() : String.valueOf(e.getMessage());
  }

  private static String prefix(StringBuilder sb) {
    return sb.toString();
  }

  /** The failure type carried by the innermost {@link ApplicationFailure}, if any. */
  static FailureType typeOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        try {
          return FailureType.valueOf(af.getType());
        } catch (IllegalArgumentException notOurs) {
          return FailureType.TRANSIENT;
        }
      }
      if (t instanceof CanceledFailure) {
        return FailureType.ABORTED;
      }
    }
    return FailureType.TRANSIENT;
  }

  /** Evidence attached to the failure as a {@link StepOutcome} detail, if any. */
  static List<Evidence> evidenceOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af
          && af.getDetails() != null
          && af.getDetails().getSize() > 0) {
        try {
          StepOutcome out = af.getDetails().get(StepOutcome.class);
          return out == null ? List.of() : out.evidence();
        } catch (RuntimeException notAnOutcome) {
          return List.of();
        }
      }
    }
    return List.of();
  }

  static boolean isCancellation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
