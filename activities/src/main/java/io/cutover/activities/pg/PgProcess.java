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

  /**
   * Runs {@code pg_restore --file=-} (a dump as SQL) into {@code psql}, dropping the settings a
   * newer pg_restore writes into its preamble that an older server does not know: pg_restore 17
   * always writes {@code SET transaction_timeout = 0;}, which a PostgreSQL 16 server refuses, and
   * psql stops at the first error. Only the preamble (before the first statement that is not a SET
   * or a comment) is filtered, never the dump's data.
   */
  static void restoreScript(
      List<String> pgRestore,
      List<String> psql,
      Map<String, String> env,
      int serverMajor,
      String what)
      throws IOException {
    ProcessBuilder producer = new ProcessBuilder(pgRestore);
    ProcessBuilder consumer = new ProcessBuilder(psql);
    for (ProcessBuilder pb : List.of(producer, consumer)) {
      pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
      pb.environment().putAll(env);
    }
    Process from = producer.start();
    from.getOutputStream().close();
    Process to = consumer.start();
    Drain fromErr = Drain.start(from.getErrorStream());
    Drain toErr = Drain.start(to.getErrorStream());
    Drain toOut = Drain.start(to.getInputStream());
    Thread pump =
        new Thread(
            () -> {
              try (var in =
                      new java.io.BufferedReader(
                          new java.io.InputStreamReader(
                              from.getInputStream(), StandardCharsets.UTF_8));
                  var out =
                      new java.io.BufferedWriter(
                          new java.io.OutputStreamWriter(
                              to.getOutputStream(), StandardCharsets.UTF_8))) {
                boolean preamble = true;
                String line;
                while ((line = in.readLine()) != null) {
                  if (preamble) {
                    String t = line.strip();
                    if (!t.isEmpty()
                        && !t.startsWith("--")
                        && !t.startsWith("SET ")
                        && !t.startsWith("SELECT pg_catalog.set_config")
                        && !t.startsWith("\\restrict")) {
                      preamble = false;
                    } else if (serverMajor < 17 && t.startsWith("SET transaction_timeout")) {
                      continue;
                    }
                  }
                  out.write(line);
                  out.write('\n');
                }
              } catch (IOException e) {
                // psql ended early; its exit code and stderr tell why
              }
            },
            "pg-restore-pump");
    pump.setDaemon(true);
    pump.start();
    List<Process> procs = List.of(from, to);
    long started = System.currentTimeMillis();
    try {
      for (Process p : procs) {
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
          Pulse.progress(new io.cutover.api.Progress("bytes", 0, null, started, what));
          if (Pulse.cancelRequested()) {
            throw new IOException(what + ": stopped, the activity was cancelled");
          }
        }
      }
      pump.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    } finally {
      for (Process p : procs) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
    toOut.text();
    if (to.exitValue() != 0) {
      throw new Failed(what + ": psql exited with " + to.exitValue() + ": " + toErr.tail());
    }
    if (from.exitValue() != 0) {
      throw new Failed(
          what + ": pg_restore exited with " + from.exitValue() + ": " + fromErr.tail());
    }
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
