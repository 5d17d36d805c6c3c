package io.cutover.activities.pg;

import io.cutover.activities.support.Pulse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's programs as child processes: an argv list (never a shell string), libpq's
 * environment (the password only through a pgpass file it names), stdout kept when asked, the last
 * lines of stderr in the failure. While it runs the activity's heartbeat carries what runs and, for
 * a dump, how many bytes are written; a cancelled activity or a stopping worker ends it.
 */
final class PgProcess {
  /** The program failed: its exit code and the last lines it wrote on stderr. */
  static final class Failed extends IOException {
    Failed(String message) {
      super(message);
    }
  }

  private PgProcess() {}

  /**
   * Runs one program; returns its stdout. {@code growing} (may be null) is reported as it grows.
   */
  static String run(List<String> argv, Map<String, String> env, String what, Path growing)
      throws IOException {
    return pipeline(List.of(argv), env, what, growing);
  }

  /**
   * Runs programs with each one's stdout piped into the next one's stdin; returns the last one's
   * stdout. Fails when any of them exits non-zero.
   */
  static String pipeline(
      List<List<String>> argvs, Map<String, String> env, String what, Path growing)
      throws IOException {
    List<ProcessBuilder> builders = new ArrayList<>();
    for (List<String> argv : argvs) {
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
      pb.environment().putAll(env);
      builders.add(pb);
    }
    List<Process> procs = ProcessBuilder.startPipeline(builders);
    procs.get(0).getOutputStream().close();
    List<Drain> errs = new ArrayList<>();
    for (Process p : procs) {
      errs.add(Drain.start(p.getErrorStream()));
    }
    Drain out = Drain.start(procs.get(procs.size() - 1).getInputStream());
    long started = System.currentTimeMillis();
    try {
      for (Process p : procs) {
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
          long bytes = growing != null && Files.exists(growing) ? Files.size(growing) : 0;
          Pulse.progress(
              new io.cutover.api.Progress(
                  "bytes",
                  bytes,
                  null,
                  started,
                  what + (bytes > 0 ? " (" + bytes + " bytes)" : "")));
          if (Pulse.cancelRequested()) {
            throw new IOException(what + ": stopped, the activity was cancelled");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    } finally {
      for (Process p : procs) {
        if (p.isAlive()) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      }
    }
    for (int i = 0; i < procs.size(); i++) {
      int code = procs.get(i).exitValue();
      if (code != 0) {
        throw new Failed(
            what
                + ": "
                + Path.of(argvs.get(i).get(0)).getFileName()
                + " exited with "
                + code
                + ": "
                + errs.get(i).tail());
      }
    }
    return out.text();
  }

  /** Reads a stream to its end on a thread of its own, keeping the text. */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final Thread thread;

    private Drain(InputStream in) {
      this.in = in;
      this.thread = new Thread(this, "pg-process-output");
      thread.setDaemon(true);
    }

    static Drain start(InputStream in) {
      Drain d = new Drain(in);
      d.thread.start();
      return d;
    }

    @Override
    public void run() {
      try (in) {
        in.transferTo(buf);
      } catch (IOException e) {
        // the process ended
      }
    }

    String text() {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (buf) {
        return buf.toString(StandardCharsets.UTF_8);
      }
    }

    String tail() {
      String t = text().strip();
      String[] lines = t.split("\n");
      int from = Math.max(0, lines.length - 8);
      String joined =
          String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length));
      return joined.isEmpty() ? "(no output on stderr)" : joined;
    }
  }
}
