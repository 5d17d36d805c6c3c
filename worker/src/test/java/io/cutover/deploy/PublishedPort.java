package io.cutover.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a compose service's {@code ports:} in the short syntax, {@code
 * [IP:]HOST:CONTAINER[/PROTOCOL]}.
 */
record PublishedPort(String hostIp, int host, int container) {
  private static final Pattern SHORT =
      Pattern.compile("^(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d+):(\\d+)(?:/(?:tcp|udp))?$");

  static PublishedPort parse(String spec) {
    Matcher m = SHORT.matcher(spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a [IP:]HOST:CONTAINER port: " + spec);
    }
    return new PublishedPort(
        m.group(1) == null ? "0.0.0.0" : m.group(1),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)));
  }

  boolean loopbackOnly() {
    return hostIp.startsWith("127.");
  }
}
