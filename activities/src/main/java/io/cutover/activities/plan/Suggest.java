package io.cutover.activities.plan;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelt keys and type names. */
final class Suggest {
  private Suggest() {}

  /** The closest known word within a small edit distance, or null. */
  static String closest(String word, Collection<String> known) {
    if (word == null) {
      return null;
    }
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(w, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    int limit = Math.max(2, w.length() / 3);
    return bestDistance <= limit ? best : null;
  }

  static String didYouMean(String word, Collection<String> known) {
    String c = closest(word, known);
    return c == null ? "" : " — did you mean '" + c + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
