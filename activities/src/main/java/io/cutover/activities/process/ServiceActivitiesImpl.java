package io.cutover.activities.process;

import io.cutover.activities.RestartRequest;
import io.cutover.activities.ServiceActivities;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Service;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public class ServiceActivitiesImpl implements ServiceActivities {
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final boolean HAVE_SETSID = new File("/usr/bin/setsid").canExecute();

  @Override
  public StepOutcome restartService(RestartRequest request) {
    Service s = request.service();
    String base = request.context().baseDir();
    try {
      if (!s.restart().isEmpty()) {
        ProcessRunner.Result r = ProcessRunner.run(s.restart(), s.cwd(), s.env(), base, Duration.ofMinutes(5));
        if (r.timedOut() || r.exitCode() != 0) {
          throw Fail.of(FailureType.COMMAND_FAILED, "restart of " + request.name() + " (" + String.join(" ", s.restart())
              + ") failed: " + (r.timedOut() ? "timed out" : "exit " + r.exitCode()) + "; output: " + r.outputTail());
        }
        return new StepOutcome("restarted " + request.name(),
            List.of(Evidence.info(request.name() + " restart", String.join(" ", s.restart()) + " → exit 0")), List.of());
      }
      return restartManaged(request.name(), s, base);
    } catch (IOException e) {
      throw Fail.transientFault("restart of " + request.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fail.transientFault("restart of " + request.name() + " interrupted", e);
    }
  }

  private StepOutcome restartManaged(String name, Service s, String base) throws IOException, InterruptedException {
    Path pidFile = PlanPaths.resolve(base, s.pidFile());
    List<Evidence> evidence = new ArrayList<>();
    Optional<ProcessHandle> old = running(pidFile);
    if (old.isPresent()) {
      ProcessRunner.stop(old.get(), GRACE);
      if (ProcessRunner.isRunning(old.get())) {
        throw Fail.transientFault(name + ": old process " + old.get().pid() + " did not stop", null);
      }
      evidence.add(Evidence.info(name + " stopped", "pid " + old.get().pid()));
    }
    List<String> argv = new ArrayList<>();
    if (HAVE_SETSID) {
      // Own session: a Ctrl-C on the terminal that ran the worker must not reach the service.
      argv.add("/usr/bin/setsid");
    }
    argv.addAll(s.start());
    ProcessBuilder pb = ProcessRunner.builder(argv, s.cwd(), s.env(), base);
    Path log = PlanPaths.resolve(base, s.log() != null ? s.log() : s.pidFile() + ".log");
    Files.createDirectories(log.toAbsolutePath().getParent());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    SafeFiles.writeAtomically(pidFile, p.pid() + "\n");
    Thread.sleep(300);
    if (!p.isAlive()) {
      throw Fail.of(FailureType.COMMAND_FAILED, name + " exited at once with code " + p.exitValue() + "; log " + log + ": " + ProcessRunner.tail(log));
    }
    evidence.add(Evidence.info(name + " started", "pid " + p.pid()));
    return new StepOutcome("restarted " + name + " (pid " + p.pid() + ")", evidence, List.of(log.toString()));
  }

  static Optional<ProcessHandle> running(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String text = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
    try {
      return ProcessHandle.of(Long.parseLong(text)).filter(ProcessRunner::isRunning);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
