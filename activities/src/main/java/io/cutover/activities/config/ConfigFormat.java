package io.cutover.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * One configuration file format: sets keys in a file's text by replacing only the text of their
 * values (or adding the missing keys), so comments, order and layout stay as they are, and reads
 * the text back with a real parser of the format to prove that nothing else changed.
 */
interface ConfigFormat {
  /** The text with each key set to its value (values already resolved). */
  String set(String text, Map<String, Object> values) throws ConfigException;

  /** The file parsed into a tree of maps and values, as the format's parser reads it. */
  JsonNode read(String text) throws ConfigException;

  /** True when nested keys are written {@code a.b.c}; false when a key is one flat name. */
  boolean nested();

  static ConfigFormat of(String format, String fileName) throws ConfigException {
    String f = format != null ? format.toLowerCase(Locale.ROOT) : guess(fileName);
    return switch (f) {
      case "env", "dotenv" -> new EnvFormat();
      case "properties" -> new PropertiesFormat();
      case "json" -> new JsonFormat();
      case "yaml", "yml" -> new YamlFormat();
      case "toml" -> new TomlFormat();
      default ->
          throw new ConfigException(
              "cannot tell the format of "
                  + fileName
                  + ": set format to env, properties, toml, json or yaml");
    };
  }

  private static String guess(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".env") || n.startsWith(".env") || n.contains("/.env")) {
      return "env";
    }
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1);
  }

  /** A file that cannot be parsed or changed safely. */
  final class ConfigException extends Exception {
    ConfigException(String message) {
      super(message);
    }
  }
}
