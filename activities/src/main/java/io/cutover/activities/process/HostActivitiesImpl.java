package io.cutover.activities.process;

import io.cutover.activities.HostActivities;
import io.cutover.activities.HostInfo;
import io.cutover.activities.StepContext;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The worker check a host step runs first; registered with the name the worker serves. */
public class HostActivitiesImpl implements HostActivities {
  private final String host;

  public HostActivitiesImpl(String host) {
    this.host = host;
  }

  @Override
  public HostInfo hello(StepContext context) {
    String machine;
    try {
      machine = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      machine = "unknown";
    }
    // Temporal's default worker identity is the JVM's name, pid@machine.
    String identity = ManagementFactory.getRuntimeMXBean().getName();
    return new HostInfo(host, machine, ProcessHandle.current().pid(), identity);
  }
}
