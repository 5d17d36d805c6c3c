package io.cutover.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * YAML block mappings: SnakeYAML's node tree gives the exact character span of every value, and
 * only that span is replaced; a missing key is added as a new line under its mapping, indented like
 * its siblings.
 */
final class YamlFormat implements ConfigFormat {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  @Override
  public boolean nested() {
    return true;
  }

  @Override
  public String set(String text, Map<String, Object> values) throws ConfigException {
    String out = text;
    for (Map.Entry<String, Object> v : values.entrySet()) {
      out = setOne(out, Arrays.asList(v.getKey().split("\\.")), v.getValue());
    }
    return out;
  }

  private static String setOne(String text, List<String> key, Object value) throws ConfigException {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (RuntimeException e) {
      throw new ConfigException("not valid YAML: " + e.getMessage());
    }
    String rendered = JsonFormat.render(value);
    if (root == null) {
      return text
          + (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
          + block(key, 0, rendered, "");
    }
    if (!(root instanceof MappingNode map)) {
      throw new ConfigException("the YAML document is not a mapping");
    }
    for (int depth = 0; ; depth++) {
      Node found = null;
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key.get(depth))) {
          found = t.getValueNode();
        }
      }
      if (found == null) {
        if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW || map.getValue().isEmpty()) {
          throw new ConfigException(
              "cannot add '"
                  + String.join(".", key)
                  + "' to a flow-style or empty mapping: add it by hand once");
        }
        Node firstKey = map.getValue().get(0).getKeyNode();
        String indent = " ".repeat(firstKey.getStartMark().getColumn());
        Node last = map.getValue().get(map.getValue().size() - 1).getValueNode();
        int end = last.getEndMark().getIndex();
        int lineEnd = text.indexOf('\n', Math.max(0, end - 1));
        int at = lineEnd < 0 ? text.length() : lineEnd;
        String ins = block(key, depth, rendered, indent);
        return text.substring(0, at)
            + (at == text.length() && !text.endsWith("\n") ? "\n" : at == text.length() ? "" : "\n")
            + ins.substring(0, ins.length() - 1)
            + text.substring(at);
      }
      if (depth == key.size() - 1) {
        if (!(found instanceof ScalarNode s)) {
          throw new ConfigException(
              "'" + String.join(".", key) + "' holds a mapping or a list, not a single value");
        }
        int start = s.getStartMark().getIndex();
        int end = s.getEndMark().getIndex();
        if (s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
            || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED) {
          throw new ConfigException(
              "'" + String.join(".", key) + "' is a multi-line block scalar: change it by hand");
        }
        return text.substring(0, start) + rendered + text.substring(end);
      }
      if (!(found instanceof MappingNode m)) {
        throw new ConfigException(
            "'" + String.join(".", key.subList(0, depth + 1)) + "' is not a mapping");
      }
      map = m;
    }
  }

  /** Lines for the keys from {@code depth} on, the last holding the value; ends with a newline. */
  private static String block(List<String> key, int depth, String rendered, String indent) {
    StringBuilder sb = new StringBuilder();
    String in = indent;
    for (int i = depth; i < key.size(); i++) {
      sb.append(in).append(key.get(i)).append(':');
      if (i == key.size() - 1) {
        sb.append(' ').append(rendered);
      }
      sb.append('\n');
      in = in + "  ";
    }
    return sb.toString();
  }

  @Override
  public JsonNode read(String text) throws ConfigException {
    try {
      JsonNode n = MAPPER.readTree(text);
      return n == null || n.isMissingNode() ? MAPPER.createObjectNode() : n;
    } catch (IOException e) {
      throw new ConfigException("not valid YAML: " + e.getMessage());
    }
  }
}
