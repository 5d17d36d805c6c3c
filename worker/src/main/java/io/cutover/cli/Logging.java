package io.cutover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/** Log levels per command (a worker logs what it does; client commands stay quiet) and format. */
final class Logging {
  private Logging() {}

  static void verbose() {
    ((Logger) LoggerFactory.getLogger("io.cutover")).setLevel(Level.INFO);
  }

  /**
   * Switches the log lines on standard error to one JSON object per line (logback's {@code
   * JsonEncoder}: timestamp, level, logger, formattedMessage, MDC — Temporal puts the workflow id, run id,
   * activity id and task queue there — and the exception).
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
