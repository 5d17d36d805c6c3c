package io.cutover.activities;

/**
 * One {@code hold} condition at one check.
 *
 * @param name the condition's label
 * @param holds true when it holds; false when it does not, or could not be evaluated
 * @param expected what it waits for, e.g. {@code == 0}, {@code present}, {@code 22:00-06:00 UTC}
 * @param actual what was found, e.g. {@code 12}, {@code absent}, {@code 14:05 UTC}, or why nothing
 *     could be read
 */
public record ConditionResult(String name, boolean holds, String expected, String actual) {}
