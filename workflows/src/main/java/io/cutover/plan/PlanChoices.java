package io.cutover.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reading the plan's one-word choices ({@code rollback}, {@code decide}, {@code keep}, …). */
final class PlanChoices {
  private PlanChoices() {}

  /**
   * The constant of {@code type} the text names, in any case; null for null.
   *
   * @param what how the message names the choice, e.g. "an onFailure choice"
   * @throws IllegalArgumentException "'x' is not WHAT: write a or b"
   */
  static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String choices =
          Arrays.stream(type.getEnumConstants())
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(" or "));
      throw new IllegalArgumentException("'" + text + "' is not " + what + ": write " + choices);
    }
  }
}
