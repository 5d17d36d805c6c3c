package io.cutover.cli;

/** {@code --log-format}: human lines, or one JSON object per line for log collectors. */
public enum LogFormat {
  text,
  json
}
