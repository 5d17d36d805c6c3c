package io.cutover.activities.pg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tables sorted so that every table comes after the tables its foreign keys reference. */
final class FkOrder {
  private FkOrder() {}

  /**
   * Parents first; ties keep name order so the order is the same on every run. A table's reference
   * to itself is ignored; a cycle is broken at the table with fewest parents left, and reported
   * through {@code cycles}.
   */
  static List<String> sort(Map<String, SqliteSchema.Table> tables, List<String> cycles) {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    for (SqliteSchema.Table t : tables.values()) {
      Set<String> ps = new LinkedHashSet<>();
      for (SqliteSchema.ForeignKey fk : t.foreignKeys()) {
        String parent = find(tables, fk.parent());
        if (parent != null && !parent.equals(t.name())) {
          ps.add(parent);
        }
      }
      parents.put(t.name(), ps);
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (order.size() < parents.size()) {
      String next = null;
      for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
        if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
          next = e.getKey();
          break;
        }
      }
      if (next == null) {
        int fewest = Integer.MAX_VALUE;
        for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
          if (!placed.contains(e.getKey())) {
            int left = (int) e.getValue().stream().filter(p -> !placed.contains(p)).count();
            if (left < fewest) {
              fewest = left;
              next = e.getKey();
            }
          }
        }
        cycles.add(next);
      }
      order.add(next);
      placed.add(next);
    }
    return order;
  }

  /** The parents of a table among the given ones (its own name excluded). */
  static Set<String> parentsOf(SqliteSchema.Table t, Map<String, SqliteSchema.Table> tables) {
    Set<String> out = new LinkedHashSet<>();
    for (SqliteSchema.ForeignKey fk : t.foreignKeys()) {
      String p = find(tables, fk.parent());
      if (p != null && !p.equals(t.name())) {
        out.add(p);
      }
    }
    return out;
  }

  static String find(Map<String, SqliteSchema.Table> tables, String name) {
    if (tables.containsKey(name)) {
      return name;
    }
    return tables.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
  }
}
