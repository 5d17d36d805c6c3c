package io.cutover.activities.plan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed and hostile plans (src/test/resources/bad-plans), each with the error its author must
 * see: every file is refused, the message holds each {@code # expect:} text, and it points at a
 * line of the file unless the file says {@code # noline}.
 */
class BadPlanCorpusTest {
  private static final Path DIR = Path.of("src/test/resources/bad-plans");

  @TestFactory
  Stream<DynamicTest> everyBadPlanIsRefusedWithTheErrorItsAuthorNeeds() throws IOException {
    List<Path> plans;
    try (Stream<Path> s = Files.list(DIR)) {
      plans =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
              .sorted()
              .toList();
    }
    return plans.stream()
        .map(plan -> DynamicTest.dynamicTest(plan.getFileName().toString(), () -> check(plan)));
  }

  @Test
  void theCorpusHasAtLeastFiftyCases() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      long n =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).count();
      assertTrue(n >= 50, "only " + n + " bad plans");
    }
  }

  private static void check(Path plan) throws IOException {
    // JSON has no comments, and a file that is not UTF-8 cannot hold readable ones: their
    // expectations live beside them in <file>.expect.
    Path sidecar = Path.of(plan + ".expect");
    String header = Files.exists(sidecar) ? Files.readString(sidecar) : Files.readString(plan);
    List<String> expected = new ArrayList<>();
    Map<String, String> vars = new LinkedHashMap<>();
    boolean noline = false;
    for (String line : header.split("\n")) {
      if (line.startsWith("# expect: ")) {
        expected.add(line.substring("# expect: ".length()));
      } else if (line.startsWith("# vars: ")) {
        String[] kv = line.substring("# vars: ".length()).split("=", 2);
        vars.put(kv[0], kv[1]);
      } else if (line.equals("# noline")) {
        noline = true;
      }
    }
    assertTrue(!expected.isEmpty(), plan + " has no '# expect:' line");
    PlanException e =
        assertThrows(
            PlanException.class,
            () -> PlanLoader.loadFile(plan, vars, false),
            plan + " was accepted");
    String message = e.getMessage();
    for (String want : expected) {
      assertTrue(
          message.contains(want),
          () -> plan.getFileName() + ": expected «" + want + "» in:\n" + message);
    }
    if (!noline) {
      Pattern located =
          Pattern.compile(Pattern.quote(plan.getFileName().toString()) + ":\\d+:\\d+: ");
      assertTrue(
          located.matcher(message).find(),
          () -> plan.getFileName() + ": no file:line:column in:\n" + message);
    }
  }
}
