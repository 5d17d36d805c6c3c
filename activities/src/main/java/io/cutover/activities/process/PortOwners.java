package io.cutover.activities.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which processes listen on a local TCP port. Read from Linux's {@code /proc/net/tcp{,6}} (the
 * listening sockets and their inodes) and {@code /proc/PID/fd} (which process holds each inode):
 * the JDK has no API for a socket's owner, and {@code ss}/{@code lsof} are not on every machine.
 * Elsewhere, or for sockets of processes this user cannot see, a connection attempt still tells
 * that something listens, without naming it.
 */
public final class PortOwners {
  private static final Path PROC = Path.of("/proc");

  /** A process holding a listening socket: its pid and command line (as far as readable). */
  public record Holder(long pid, String command) {
    @Override
    public String toString() {
      return "pid " + pid + " (" + command + ")";
    }
  }

  private PortOwners() {}

  /** True when something accepts connections on the loopback port. */
  public static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return !listeningInodes(port).isEmpty();
    }
  }

  /**
   * The processes holding a listening socket on the port; empty when none, or when they cannot be
   * seen.
   */
  public static List<Holder> holders(int port) {
    Set<Long> inodes = listeningInodes(port);
    List<Holder> out = new ArrayList<>();
    if (inodes.isEmpty()) {
      return out;
    }
    try (DirectoryStream<Path> procs =
        Files.newDirectoryStream(
            PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        if (socketInodes(pid).stream().anyMatch(inodes::contains)) {
          out.add(new Holder(pid, command(pid)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc unreadable: the caller knows only that the port is taken.
    }
    return out;
  }

  /** True when the process or one of its descendants holds a listening socket on the port. */
  public static boolean heldBy(ProcessHandle process, int port) {
    Set<Long> inodes = listeningInodes(port);
    if (inodes.isEmpty()) {
      return false;
    }
    List<ProcessHandle> family = new ArrayList<>();
    family.add(process);
    process.descendants().forEach(family::add);
    for (ProcessHandle h : family) {
      if (socketInodes(h.pid()).stream().anyMatch(inodes::contains)) {
        return true;
      }
    }
    return false;
  }

  /** True when listening sockets can be attributed here (Linux with /proc). */
  public static boolean canAttribute() {
    return Files.isReadable(PROC.resolve("net/tcp"));
  }

  /** The command line of a process, for messages. */
  public static String command(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
      String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
      if (!cmd.isEmpty()) {
        // Long classpaths hide what runs: keep the program and the end (main class, script, port).
        return cmd.length() > 200
            ? cmd.substring(0, 60) + " … " + cmd.substring(cmd.length() - 130)
            : cmd;
      }
    } catch (IOException | RuntimeException e) {
      // fall back to what the JDK knows
    }
    return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("command unknown");
  }

  /**
   * The loopback ports a service's health probes reach: the ports it must own once it runs. Probes
   * of other hosts (a load balancer, another machine) are not the service's own sockets.
   */
  public static List<Integer> loopbackPorts(List<String> urls) {
    Set<Integer> ports = new LinkedHashSet<>();
    for (String url : urls) {
      try {
        URI u = URI.create(url);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1")) {
          ports.add(
              u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
        }
      } catch (IllegalArgumentException notAUrl) {
        // plan check names bad URLs; nothing to learn here
      }
    }
    return List.copyOf(ports);
  }

  /** Inodes of the sockets in LISTEN state (0A) bound to the port, from /proc/net/tcp and tcp6. */
  private static Set<Long> listeningInodes(int port) {
    Set<Long> out = new HashSet<>();
    String hexPort = String.format("%04X", port);
    for (String table : List.of("net/tcp", "net/tcp6")) {
      try {
        for (String line : Files.readAllLines(PROC.resolve(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length < 10 || !f[3].equals("0A")) {
            continue;
          }
          String local = f[1];
          if (local.endsWith(":" + hexPort)) {
            out.add(Long.parseLong(f[9]));
          }
        }
      } catch (IOException | RuntimeException e) {
        // table missing (no IPv6, not Linux)
      }
    }
    return out;
  }

  private static Set<Long> socketInodes(long pid) {
    Set<Long> out = inodesIn(PROC.resolve(pid + "/fd"));
    if (out.isEmpty()) {
      // A process whose first thread has ended lists its files only under its other threads.
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
        for (Path task : tasks) {
          out.addAll(inodesIn(task.resolve("fd")));
        }
      } catch (IOException | RuntimeException e) {
        // gone, or not ours to read
      }
    }
    return out;
  }

  private static Set<Long> inodesIn(Path fdDir) {
    Set<Long> out = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            out.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException | RuntimeException gone) {
          // closed meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      // process gone, or not ours to read
    }
    return out;
  }

  /** The first holder found, for messages. */
  public static Optional<Holder> holder(int port) {
    List<Holder> all = holders(port);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }
}
