package io.cutover.activities.process;

import io.cutover.activities.RestartRequest;
import io.cutover.activities.ServiceActivities;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
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
  private static final Duration PORT_RELEASE = Duration.ofSeconds(3);
  private static final boolean HAVE_SETSID = new File("/usr/bin/setsid").canExecute();

  @Override
  public StepOutcome restartService(RestartRequest request) {
    Service s = request.service();
    String base = request.context().baseDir();
    try {
      if (!s.restart().isEmpty()) {
        ProcessRunner.Result r =
            ProcessRunner.run(s.restart(), s.cwd(), s.env(), base, Duration.ofMinutes(5));
        if (r.timedOut() || r.exitCode() != 0) {
          throw Fail.of(
              FailureType.COMMAND_FAILED,
              "restart of "
                  + request.name()
                  + " ("
                  + String.join(" ", s.restart())
                  + ") failed: "
                  + (r.timedOut() ? "timed out" : "exit " + r.exitCode())
                  + "; output: "
                  + r.outputTail());
        }
        return new StepOutcome(
            "restarted " + request.name(),
            List.of(
                Evidence.info(
                    request.name() + " restart", String.join(" ", s.restart()) + " → exit 0")),
            List.of());
      }
      return restartManaged(request.name(), s, base);
    } catch (IOException e) {
      throw Fail.transientFault("restart of " + request.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fail.transientFault("restart of " + request.name() + " interrupted", e);
    }
  }

  private StepOutcome restartManaged(String name, Service s, String base)
      throws IOException, InterruptedException {
    Path pidFile = PlanPaths.resolve(base, s.pidFile());
    List<Evidence> evidence = new ArrayList<>();
    Optional<ProcessHandle> old = running(pidFile);
    if (old.isPresent()) {
      ProcessRunner.stop(old.get(), GRACE);
      if (ProcessRunner.isRunning(old.get())) {
        throw Fail.transientFault(
            name + ": old process " + old.get().pid() + " did not stop", null);
      }
      evidence.add(Evidence.info(name + " stopped", "pid " + old.get().pid()));
    }
    refuseTakenPorts(name, s, base);
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
    StartedServices.add(p);
    SafeFiles.writeAtomically(pidFile, p.pid() + "\n");
    Thread.sleep(300);
    if (!p.isAlive()) {
      throw Fail.of(
          FailureType.COMMAND_FAILED,
          name
              + " exited at once with code "
              + p.exitValue()
              + "; log "
              + log
              + ": "
              + ProcessRunner.tail(log));
    }
    evidence.add(Evidence.info(name + " started", "pid " + p.pid()));
    return new StepOutcome(
        "restarted " + name + " (pid " + p.pid() + ")", evidence, List.of(log.toString()));
  }

  /**
   * A port the service's health probes reach must be free when it starts: a process already
   * listening there would answer the probes for a service that died at start, and the step would
   * pass on someone else's health.
   */
  private static void refuseTakenPorts(String name, Service s, String base)
      throws InterruptedException {
    for (int port : probePorts(s, base)) {
      // The old process just stopped: give the kernel a moment to close its sockets.
      long deadline = System.nanoTime() + PORT_RELEASE.toNanos();
      while (PortOwners.listening(port) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (PortOwners.listening(port)) {
        List<PortOwners.Holder> holders = PortOwners.holders(port);
        throw Fail.of(
            FailureType.PORT_IN_USE,
            name
                + " cannot start: port "
                + port
                + " (its health probes) is already held by "
                + (holders.isEmpty()
                    ? "a process this worker cannot see"
                    : holders.get(0).toString())
                + ", not by the process in "
                + s.pidFile()
                + ". Stop that process, or give "
                + name
                + " another port.");
      }
    }
  }

  static List<Integer> probePorts(Service s, String base) {
    return PortOwners.loopbackPorts(
        s.health().stream().map(p -> Refs.resolve(p.url(), base)).toList());
  }

  @Override
  public StepOutcome confirmRunning(RestartRequest request) {
    Service s = request.service();
    String name = request.name();
    String base = request.context().baseDir();
    if (s.pidFile() == null || !s.restart().isEmpty()) {
      return new StepOutcome(
          name + ": restarted by its own command; which process answers is not checked",
          List.of(Evidence.info(name + " process", "not managed by Cutover (restart command)")),
          List.of());
    }
    Path pidFile = PlanPaths.resolve(base, s.pidFile());
    Path log = PlanPaths.resolve(base, s.log() != null ? s.log() : s.pidFile() + ".log");
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      throw Fail.of(
          FailureType.SERVICE_EXITED,
          name + ": no pid in " + pidFile + " after its restart (" + e.getMessage() + ")");
    }
    Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessRunner::isRunning);
    if (h.isEmpty()) {
      String code =
          StartedServices.exitCode(pid)
              .map(c -> "exited with code " + c)
              .orElse("is no longer running");
      String tail;
      try {
        tail = ProcessRunner.tail(log);
      } catch (IOException e) {
        tail = "(log unreadable: " + e.getMessage() + ")";
      }
      throw Fail.of(
          FailureType.SERVICE_EXITED,
          name
              + " (pid "
              + pid
              + ", started by this step) "
              + code
              + " although its health probes passed: they were answered by something else. Last"
              + " lines of "
              + log
              + ":\n"
              + tail);
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(Evidence.check(name + " process", "running", "pid " + pid + " running", true));
    if (PortOwners.canAttribute()) {
      for (int port : probePorts(s, base)) {
        if (!PortOwners.heldBy(h.get(), port)) {
          List<PortOwners.Holder> holders = PortOwners.holders(port);
          throw Fail.of(
              FailureType.PORT_IN_USE,
              name
                  + ": port "
                  + port
                  + " answered its health probes but is held by "
                  + (holders.isEmpty()
                      ? "no process this worker can see"
                      : holders.get(0).toString())
                  + ", not by the service Cutover started (pid "
                  + pid
                  + ")");
        }
        evidence.add(Evidence.check(name + " owns port " + port, "pid " + pid, "pid " + pid, true));
      }
    }
    return new StepOutcome(
        name + ": pid " + pid + " running and answering on its own ports", evidence, List.of());
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
