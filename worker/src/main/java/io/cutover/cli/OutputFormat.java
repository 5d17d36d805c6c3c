package io.cutover.cli;

/** {@code --output} of the read commands: lines for a person, or one JSON document for a script. */
public enum OutputFormat {
  text,
  json
}
