package io.cutover.workflow;

import io.cutover.api.Evidence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The digest of what a gate shows as evidence: SHA-256 (hex) of its canonical JSON — a JSON array
 * of objects with the keys {@code actual, expected, name, ok} in that (sorted) order, no
 * whitespace, strings escaped as JSON requires. Written out here rather than through a JSON library
 * so that the bytes never depend on a library's settings or version: the digest an approver saw
 * must be the digest the workflow computes, today and on replay.
 */
final class EvidenceDigest {
  private EvidenceDigest() {}

  static String of(List<Evidence> evidence) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical(evidence).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(List<Evidence> evidence) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      sb.append(i == 0 ? "" : ",")
          .append("{\"actual\":")
          .append(str(e.actual()))
          .append(",\"expected\":")
          .append(str(e.expected()))
          .append(",\"name\":")
          .append(str(e.name()))
          .append(",\"ok\":")
          .append(e.ok() == null ? "null" : e.ok().toString())
          .append('}');
    }
    return sb.append(']').toString();
  }

  /**
   * What differs between two evidence lists, by name: one line per change, for a refusal or a void.
   */
  static List<String> differences(List<Evidence> before, List<Evidence> after) {
    Map<String, Evidence> was = new LinkedHashMap<>();
    before.forEach(e -> was.put(e.name(), e));
    Map<String, Evidence> now = new LinkedHashMap<>();
    after.forEach(e -> now.put(e.name(), e));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Evidence> e : now.entrySet()) {
      Evidence old = was.get(e.getKey());
      if (old == null) {
        out.add(e.getKey() + ": new (" + e.getValue() + ")");
      } else if (!old.equals(e.getValue())) {
        out.add(e.getKey() + ": " + show(old) + " → " + show(e.getValue()));
      }
    }
    for (String name : was.keySet()) {
      if (!now.containsKey(name)) {
        out.add(name + ": no longer listed");
      }
    }
    return out;
  }

  private static String show(Evidence e) {
    return e.actual() + (e.ok() == null ? "" : e.ok() ? " (ok)" : " (FAILED)");
  }

  private static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
