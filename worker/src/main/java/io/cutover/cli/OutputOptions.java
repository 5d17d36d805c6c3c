package io.cutover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cutover.activities.support.Json;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --output text|json} of the read commands ({@code status}, {@code list}, {@code report},
 * {@code plan check}). In JSON mode the command prints exactly one JSON document on standard
 * output: its result, or a {@link CliError} when it fails. The older {@code --json} flag is a
 * hidden, deprecated alias of {@code --output json}.
 */
public class OutputOptions {
  /** The name the read commands give this mixin, so the error handler can find it. */
  static final String MIXIN = "output";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "text (default) or json: one JSON document on stdout, also when the command fails"
              + " ({\"error\", \"kind\", \"exitCode\"}); --json is a deprecated alias of --output"
              + " json")
  OutputFormat format;

  @Option(names = "--json", hidden = true, description = "deprecated alias of --output json")
  boolean jsonAlias;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /**
   * True in JSON mode; a usage error when {@code --json} and {@code --output text} are both given.
   */
  boolean json() {
    if (jsonAlias && format == OutputFormat.text) {
      throw new ParameterException(
          mixee.commandLine(),
          "--json is the deprecated alias of --output json: drop it or --output text");
    }
    return requestedJson();
  }

  private boolean requestedJson() {
    return jsonAlias || format == OutputFormat.json;
  }

  /** Prints the value as one JSON document on the command's standard output. */
  void print(Object value) {
    print(mixee.commandLine().getOut(), value);
  }

  static void print(PrintWriter out, Object value) {
    try {
      out.println(Json.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
  }

  /** True when the command that failed was asked for JSON (its {@code output} mixin says so). */
  static boolean requested(CommandLine cmd) {
    return cmd.getMixins().get(MIXIN) instanceof OutputOptions o && o.requestedJson();
  }
}
