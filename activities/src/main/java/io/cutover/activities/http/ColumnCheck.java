package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.cutover.activities.ColumnCheckRequest;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.TextFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ColumnMappingStep;
import io.cutover.plan.HttpCall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code column-mapping} check: each mapped field's column must exist on the board with the
 * type the job writes. Every field is checked before the verdict, so one run lists every fix.
 */
final class ColumnCheck {
  private static final TomlMapper TOML = new TomlMapper();

  private final ApiClient client;

  ColumnCheck(ApiClient client) {
    this.client = client;
  }

  StepOutcome run(ColumnCheckRequest request) {
    ColumnMappingStep step = request.step();
    Path config = PlanPaths.resolve(request.context().baseDir(), step.config());
    JsonNode mapping = mapping(config, step.mapping());
    HttpCall get =
        new HttpCall(
            "board columns",
            "GET",
            step.url(),
            step.headers(),
            null,
            List.of(200),
            null,
            null,
            null);
    ApiClient.Answer a = client.send(get, Map.of(), request.context().baseDir(), null, 60_000);
    if (a.status() != 200 || a.json() == null) {
      throw Fail.of(
          FailureType.CHECK_FAILED,
          "GET " + step.url() + " answered " + a.status() + ": " + ApiClient.abbreviate(a.body()));
    }
    JsonNode columns = JsonPaths.read(a.json(), step.columnsPath());
    if (!columns.isArray()) {
      throw Fail.of(
          FailureType.CHECK_FAILED,
          "no column list at " + step.columnsPath() + " in the answer of " + step.url());
    }
    Map<String, JsonNode> byId = new HashMap<>();
    columns.forEach(c -> byId.put(c.path("id").asText(), c));
    List<Evidence> evidence = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    mapping
        .fields()
        .forEachRemaining(
            e -> {
              String field = e.getKey();
              String id = e.getValue().path("id").asText(null);
              String type = e.getValue().path("type").asText(null);
              String name = "'" + field + "' → " + id;
              JsonNode column = id == null ? null : byId.get(id);
              if (id == null || type == null) {
                evidence.add(new Evidence(name, "{id, type}", e.getValue().toString(), false));
                mismatches.add(
                    "'"
                        + field
                        + "' in "
                        + step.mapping()
                        + " needs both id and type, e.g. {id = \"text_abc\", type = \"text\"}");
              } else if (column == null) {
                evidence.add(
                    new Evidence(
                        name, type + " column " + id, "no such column on the board", false));
                mismatches.add(
                    "'"
                        + field
                        + "': column "
                        + id
                        + " does not exist on the board"
                        + similar(columns, field));
              } else if (!type.equals(column.path("type").asText())) {
                evidence.add(
                    new Evidence(
                        name,
                        type,
                        column.path("type").asText()
                            + " (\""
                            + column.path("title").asText()
                            + "\")",
                        false));
                mismatches.add(
                    "'"
                        + field
                        + "': the job writes a "
                        + type
                        + " but column "
                        + id
                        + " (\""
                        + column.path("title").asText()
                        + "\") is "
                        + column.path("type").asText());
              } else {
                evidence.add(
                    new Evidence(
                        name,
                        type,
                        column.path("type").asText()
                            + " (\""
                            + column.path("title").asText()
                            + "\")",
                        true));
              }
            });
    if (!mismatches.isEmpty()) {
      StepOutcome out =
          new StepOutcome(
              mismatches.size() + " of " + evidence.size() + " mapped columns do not match",
              evidence,
              List.of());
      throw Fail.of(
          FailureType.CHECK_FAILED,
          mismatches.size()
              + " of "
              + evidence.size()
              + " mapped columns in "
              + step.config()
              + " ["
              + step.mapping()
              + "] do not match the board: "
              + String.join("; ", mismatches),
          out);
    }
    return new StepOutcome(
        "all " + evidence.size() + " mapped columns exist with the expected type",
        evidence,
        List.of());
  }

  private static JsonNode mapping(Path config, String dotted) {
    JsonNode node;
    try {
      node = TOML.readTree(TextFiles.readUtf8(config));
    } catch (IOException e) {
      throw Fail.of(FailureType.NOT_FOUND, "cannot read " + config + ": " + e.getMessage());
    }
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    if (!node.isObject() || node.isEmpty()) {
      throw Fail.of(FailureType.CHECK_FAILED, "no mapping table [" + dotted + "] in " + config);
    }
    return node;
  }

  /** A column whose title matches the field, as a hint (a renamed column keeps its meaning). */
  private static String similar(JsonNode columns, String field) {
    String want = field.toLowerCase(Locale.ROOT);
    for (JsonNode c : columns) {
      String title = c.path("title").asText().toLowerCase(Locale.ROOT);
      if (!title.isEmpty() && (title.contains(want) || want.contains(title))) {
        return " (the board has \""
            + c.path("title").asText()
            + "\" = "
            + c.path("id").asText()
            + ", "
            + c.path("type").asText()
            + ")";
      }
    }
    return "";
  }
}
