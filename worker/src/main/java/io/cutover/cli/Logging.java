package io.cutover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels per command: a worker logs what it does; client commands stay quiet. */
final class Logging {
  private Logging() {}

  static void verbose() {
    ((Logger) LoggerFactory.getLogger("io.cutover")).setLevel(Level.INFO);
  }
}
