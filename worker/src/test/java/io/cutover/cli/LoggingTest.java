package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * gRPC logs through java.util.logging; with the bridge a worker's JUL records come out as the same
 * one-object-per-line JSON as everything else ({@code --log-format json}), not as JUL's two-line
 * text. Restores this JVM's logging afterwards (other tests share it).
 */
class LoggingTest {
  @Test
  void javaUtilLoggingRecordsBecomeJsonLinesWithTheirLoggerAndLevel() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    ConsoleAppender<ILoggingEvent> console =
        (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    Encoder<ILoggingEvent> before = console.getEncoder();
    Logger grpc = ctx.getLogger("io.grpc");
    Level grpcLevel = grpc.getLevel();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Logging.bridgeJavaUtilLogging();
      Logging.format(LogFormat.json);
      grpc.setLevel(Level.WARN);
      java.util.logging.Logger.getLogger("io.grpc.internal.ManagedChannelImpl")
          .warning("channel to 127.0.0.1:7233 lost: UNAVAILABLE");
      java.util.logging.Logger.getLogger("io.grpc.internal.ManagedChannelImpl")
          .fine("below the level: not logged");
    } finally {
      System.setErr(err);
      grpc.setLevel(grpcLevel);
      console.stop();
      console.setEncoder(before);
      console.start();
    }
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    assertEquals(1, out.lines().count(), () -> "one line, the warning only: " + out);
    JsonNode line = Json.MAPPER.readTree(out);
    assertEquals("WARN", line.path("level").asText());
    assertEquals("io.grpc.internal.ManagedChannelImpl", line.path("loggerName").asText());
    assertTrue(line.path("formattedMessage").asText().contains("UNAVAILABLE"), out);
  }
}
