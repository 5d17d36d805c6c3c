package io.cutover.activities.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  @TempDir Path dir;

  @Test
  void aStoppedScriptDoesNotGoOnToItsNextCommand() throws Exception {
    // What a timed-out "stop the old service; start the new one" must not do: start the new one.
    List<String> argv =
        List.of("sh", "-c", "sleep 30 & echo $! > sleep.pid; wait $!; echo reached > next.txt");
    long start = System.nanoTime();
    ProcessRunner.Result r =
        ProcessRunner.run(argv, ".", Map.of(), dir.toString(), Duration.ofMillis(700));
    double seconds = (System.nanoTime() - start) / 1e9;

    assertNull(r.exitCode(), "stopped at its timeout, no exit code");
    assertTrue(seconds < 3, "stopped at once, not after the 5 s grace: " + seconds + " s");
    long sleepPid = Long.parseLong(Files.readString(dir.resolve("sleep.pid")).trim());
    assertFalse(
        ProcessHandle.of(sleepPid).map(ProcessRunner::isRunning).orElse(false),
        "its child was stopped too");
    Thread.sleep(1500);
    assertFalse(Files.exists(dir.resolve("next.txt")), "the script never reached its next command");
  }
}
