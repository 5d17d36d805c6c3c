package io.cutover.activities.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * JSON (comments and trailing commas tolerated, as in .NET's appsettings.json): Jackson's streaming
 * parser finds the character span of each value, and only that span is replaced; a missing key is
 * added at the end of its object.
 */
final class JsonFormat implements ConfigFormat {
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();
  private static final ObjectMapper MAPPER = new JsonMapper(FACTORY);

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

  /** An object seen while scanning: where its members' text ends and how they are indented. */
  private static final class Obj {
    final List<String> path;
    int open;
    int lastEnd = -1;
    String indent;

    Obj(List<String> path, int open) {
      this.path = path;
      this.open = open;
    }
  }

  private static String setOne(String text, List<String> key, Object value) throws ConfigException {
    String rendered = render(value);
    Obj deepest = null;
    try (JsonParser p = FACTORY.createParser(text)) {
      Deque<Obj> objects = new ArrayDeque<>();
      Deque<String> names = new ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          names.push(p.currentName());
          if (objects.peek() != null && objects.peek().indent == null) {
            objects.peek().indent = indentOf(text, (int) p.currentTokenLocation().getCharOffset());
          }
          continue;
        }
        List<String> path = pathOf(objects, names, t);
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (path != null && path.equals(key)) {
          if (t.isStructStart()) {
            p.skipChildren();
          } else {
            p.getText();
          }
          int end = (int) p.currentLocation().getCharOffset();
          return text.substring(0, start) + rendered + text.substring(end);
        }
        if (t == JsonToken.START_OBJECT) {
          Obj o = new Obj(path == null ? List.of() : path, start);
          if (o.path.size() < key.size() && key.subList(0, o.path.size()).equals(o.path)) {
            deepest = o;
          }
          objects.push(o);
        } else if (t == JsonToken.START_ARRAY) {
          p.skipChildren();
          endMember(objects, names, p);
        } else if (t == JsonToken.END_OBJECT) {
          objects.pop();
          endMember(objects, names, p);
        } else {
          p.getText();
          endMember(objects, names, p);
        }
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
    if (deepest == null) {
      throw new ConfigException("the file is not a JSON object");
    }
    List<String> rest = key.subList(deepest.path.size(), key.size());
    String indent = deepest.indent != null ? deepest.indent : "  ";
    StringBuilder member = new StringBuilder();
    member.append(quote(rest.get(0))).append(": ");
    String tail = rendered;
    for (int i = rest.size() - 1; i >= 1; i--) {
      tail = "{" + quote(rest.get(i)) + ": " + tail + "}";
    }
    member.append(tail);
    if (deepest.lastEnd < 0) {
      int at = deepest.open + 1;
      return text.substring(0, at) + "\n" + indent + member + "\n" + text.substring(at);
    }
    return text.substring(0, deepest.lastEnd)
        + ",\n"
        + indent
        + member
        + text.substring(deepest.lastEnd);
  }

  private static void endMember(Deque<Obj> objects, Deque<String> names, JsonParser p) {
    Obj o = objects.peek();
    if (o != null && !names.isEmpty() && names.size() >= objects.size()) {
      o.lastEnd = (int) p.currentLocation().getCharOffset();
      names.pop();
    }
  }

  private static List<String> pathOf(Deque<Obj> objects, Deque<String> names, JsonToken t) {
    if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
      return null;
    }
    if (objects.isEmpty()) {
      return List.of();
    }
    if (names.size() < objects.size()) {
      return null;
    }
    List<String> path = new ArrayList<>(objects.peek().path);
    path.add(names.peek());
    return path;
  }

  private static String indentOf(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    int i = lineStart;
    while (i < offset && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i == offset ? text.substring(lineStart, offset) : "  ";
  }

  static String render(Object v) {
    try {
      return MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String quote(String s) {
    return render(s);
  }

  @Override
  public JsonNode read(String text) throws ConfigException {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException("not valid JSON: " + e.getOriginalMessage());
    }
  }
}
