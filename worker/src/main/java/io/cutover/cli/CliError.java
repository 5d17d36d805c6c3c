package io.cutover.cli;

/**
 * What a read command prints on standard output instead of its result when it fails in {@code
 * --output json} mode: the message a person would see on standard error, a kind a script can branch
 * on, and the exit code the command exits with.
 *
 * @param kind {@code not-found} (no run with that id), {@code unreachable} (no Temporal server at
 *     the address), {@code invalid} (the input was refused) or {@code error}
 */
record CliError(String error, String kind, int exitCode) {}
