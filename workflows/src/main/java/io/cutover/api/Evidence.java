package io.cutover.api;

/**
 * One observed fact supporting a step's outcome, e.g. {@code projects_canonical rows: expected 18,
 * actual 18, ok}.
 *
 * @param ok true passed, false failed, null recorded only
 */
public record Evidence(String name, String expected, String actual, Boolean ok) {
  public static Evidence info(String name, Object actual) {
    return new Evidence(name, null, String.valueOf(actual), null);
  }

  public static Evidence check(String name, Object expected, Object actual, boolean ok) {
    return new Evidence(name, String.valueOf(expected), String.valueOf(actual), ok);
  }

  public boolean failed() {
    return Boolean.FALSE.equals(ok);
  }

  @Override
  public String toString() {
    String verdict = ok == null ? "" : ok ? " ok" : " FAILED";
    return expected == null
        ? name + ": " + actual
        : name + ": expected " + expected + ", actual " + actual + verdict;
  }
}
