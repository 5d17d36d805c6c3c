package io.cutover.testing;

import io.cutover.activities.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Stops the stand-in services a test's plans started (found through their pid files). */
public final class Processes {
  private Processes() {}

  public static void killFromPidFiles(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(Processes::kill);
    } catch (IOException e) {
      // Nothing more to clean.
    }
  }

  /**
   * Stops what the pid files under {@code dir} name: SIGTERM to all first (a PostgreSQL service
   * shuts its server down cleanly on TERM), up to 30 s for them to exit, then SIGKILL.
   */
  public static void stopFromPidFiles(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    List<ProcessHandle> running = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .forEach(
              f -> {
                try {
                  ProcessHandle.of(Long.parseLong(Files.readString(f).trim()))
                      .ifPresent(running::add);
                } catch (IOException | NumberFormatException notAPid) {
                  // postmaster.pid and the like: their owner's own pid file is what we stop
                }
              });
    } catch (IOException e) {
      // nothing more to find
    }
    running.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : running) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        h.destroyForcibly();
      }
    }
    killFromPidFiles(dir);
  }

  public static void kill(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                h.destroyForcibly();
                try {
                  h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                  // best effort
                }
              });
    } catch (IOException | NumberFormatException e) {
      // not a live pid file
    }
  }

  /** True when the pid file names a live process. */
  public static boolean alive(Path pidFile) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .map(ProcessRunner::isRunning)
          .orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
