package io.cutover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Log levels per command (a worker logs what it does; client commands stay quiet) and format. */
final class Logging {
  private Logging() {}

  /**
   * A worker logs what it does, and what the Temporal SDK and gRPC warn about: a workflow task that
   * keeps failing, non-determinism on replay, a poller that lost the server. Client commands
   * (status, approve…) keep those at ERROR: their own message says what went wrong.
   */
  static void verbose() {
    ((Logger) LoggerFactory.getLogger("io.cutover")).setLevel(Level.INFO);
    ((Logger) LoggerFactory.getLogger("io.temporal")).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("io.grpc")).setLevel(Level.WARN);
  }

  /**
   * Routes java.util.logging — gRPC and its shaded Netty log through it — into SLF4J, so those
   * lines take the same format (one JSON object per line with {@code --log-format json}) instead of
   * JUL's two-line records on standard error. logback.xml's LevelChangePropagator keeps JUL's
   * levels in step with logback's, so a disabled level costs nothing.
   */
  static void bridgeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /**
   * Switches the log lines on standard error to one JSON object per line (logback's {@code
   * JsonEncoder}: timestamp, level, logger, formattedMessage, MDC — Temporal puts the workflow id,
   * run id, activity id and task queue there — and the exception).
   */
  static void format(LogFormat format) {
    if (format != LogFormat.json) {
      return;
    }
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> console) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(ctx);
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.start();
      console.stop();
      @SuppressWarnings("unchecked")
      Encoder<ILoggingEvent> enc = (Encoder<ILoggingEvent>) (Encoder<?>) json;
      console.setEncoder(enc);
      console.start();
    }
  }
}
