package io.cutover.activities;

/**
 * The worker that picked up a host step.
 *
 * @param host the name the worker serves ({@code cutover worker --host NAME})
 * @param machine the machine's own host name
 * @param identity the worker's Temporal identity ({@code pid@machine})
 */
public record HostInfo(String host, String machine, long pid, String identity) {
  @Override
  public String toString() {
    return identity + " (serving host " + host + ", machine " + machine + ", pid " + pid + ")";
  }
}
