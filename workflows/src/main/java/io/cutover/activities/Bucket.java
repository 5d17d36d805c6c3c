package io.cutover.activities;

/**
 * One cumulative histogram bucket: observations at or below {@code le}.
 *
 * @param le the upper bound as exposed, {@code +Inf} for the last
 */
public record Bucket(String le, double count) {
  public double upper() {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }
}
