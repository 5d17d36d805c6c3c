package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.plan.StepChecks;
import io.cutover.activities.preview.StepPreviewers;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.StepKind.Capability;
import io.cutover.plan.StepKinds;
import io.cutover.testing.Examples;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The step-type registry is complete: every record {@link Step} permits has a kind, and every kind
 * a runner, plan checks and a preview; the README's step tables list the registry's kinds in its
 * order, and its capability table is the one this test derives from the registry.
 */
class StepKindsTest {
  static final String BEGIN =
      "<!-- step-kinds: generated from StepKinds, checked by StepKindsTest -->";
  static final String END = "<!-- /step-kinds -->";

  @Test
  void everyStepRecordHasAKindAndEveryKindAllItsParts() {
    List<Class<?>> permitted = Arrays.asList(Step.class.getPermittedSubclasses());
    List<Class<?>> registered = new ArrayList<>();
    for (StepKind<?> k : StepKinds.kinds()) {
      registered.add(k.type());
      assertTrue(StepRunners.covers(k), k + " has a runner");
      assertTrue(StepChecks.covers(k), k + " has plan checks");
      assertTrue(StepPreviewers.covers(k), k + " has a preview");
      assertEquals(k, StepKinds.named(k.name()));
      assertEquals(k.name(), StepKinds.nameOf(k.type()));
    }
    assertEquals(
        permitted.stream().map(Class::getSimpleName).sorted().toList(),
        registered.stream().map(Class::getSimpleName).sorted().toList(),
        "Step's permits list and StepKinds name the same records");
  }

  @Test
  void theReadmeTablesComeFromTheRegistry() throws Exception {
    String readme = Files.readString(Examples.root().resolve("README.md"));
    List<String> described = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "(?m)^\\| type \\| does \\| undo \\(compensation\\) \\|\\n"
                    + "\\|---\\|---\\|---\\|\\n"
                    + "((?:\\|.*\\n"
                    + ")+)")
            .matcher(readme);
    assertTrue(m.find(), "the README has the step table");
    for (String row : m.group(1).split("\n")) {
      described.add(row.substring(row.indexOf('`') + 1, row.indexOf('`', row.indexOf('`') + 1)));
    }
    assertEquals(StepKinds.all(), described, "the step table lists every kind, in order");
    int a = readme.indexOf(BEGIN);
    int b = readme.indexOf(END);
    assertTrue(a > 0 && b > a, "the README marks the capability table");
    assertEquals(
        capabilityTable(),
        readme.substring(a + BEGIN.length(), b).strip(),
        "README table is stale");
  }

  /** The README's capability table, as the registry has it. */
  static String capabilityTable() {
    StringBuilder t =
        new StringBuilder(
            "| type | may change state | in `rollback` | at a checkpoint | in a dry run |\n"
                + "|---|---|---|---|---|\n");
    for (StepKind<?> k : StepKinds.kinds()) {
      t.append("| `")
          .append(k.name())
          .append("` | ")
          .append(yes(k.can(Capability.CHANGES_STATE)))
          .append(" | ")
          .append(yes(k.can(Capability.ROLLBACK)))
          .append(" | ")
          .append(yes(k.can(Capability.CHECKPOINT)))
          .append(" | ")
          .append(
              switch (k.dryRun()) {
                case RUNS -> "runs, reading only (http: GETs only)";
                case ON_SCRATCH -> "runs on a scratch copy (SQLite), else previewed";
                case PREVIEW -> "previewed";
              })
          .append(" |\n");
    }
    return t.toString().strip();
  }

  private static String yes(boolean b) {
    return b ? "yes" : "—";
  }
}
