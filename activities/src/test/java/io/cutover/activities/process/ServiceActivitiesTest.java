package io.cutover.activities.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cutover.activities.RestartRequest;
import io.cutover.activities.StepContext;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.Service;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted service is the process Cutover started: a port another process already holds is
 * refused before the start, naming the holder; a process that died after its start, or a port
 * answered by someone else, fails the check that follows the health probes.
 */
class ServiceActivitiesTest {
  @TempDir Path dir;
  final ServiceActivitiesImpl services = new ServiceActivitiesImpl();
  HttpServer squatter;

  @AfterEach
  void stop() throws Exception {
    if (squatter != null) {
      squatter.stop(0);
    }
    Path pid = dir.resolve("svc.pid");
    if (Files.exists(pid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  HttpServer squat(int port) throws Exception {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    s.createContext(
        "/health",
        ex -> {
          byte[] ok = "{\"status\":\"ok\"}".getBytes();
          ex.sendResponseHeaders(200, ok.length);
          ex.getResponseBody().write(ok);
          ex.close();
        });
    s.start();
    return s;
  }

  RestartRequest request(List<String> start, int port) {
    Service svc =
        new Service(
            null,
            start,
            "svc.pid",
            "svc.log",
            null,
            Map.of(),
            List.of(
                new HttpProbe(
                    "health",
                    "http://127.0.0.1:" + port + "/health",
                    null,
                    null,
                    null,
                    null,
                    null)),
            null);
    return new RestartRequest(
        new StepContext("wf/run", "restart", dir.toString(), false), "svc", svc);
  }

  @Test
  void aPortAnotherProcessHoldsIsRefusedBeforeTheStartNamingTheHolder() throws Exception {
    int port = freePort();
    squatter = squat(port);
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> services.restartService(request(List.of("sleep", "30"), port)));
    assertEquals("PORT_IN_USE", f.getType());
    assertTrue(
        f.getOriginalMessage()
            .contains(
                "port "
                    + port
                    + " (its health probes) is already held by pid "
                    + ProcessHandle.current().pid()),
        f.getOriginalMessage());
    assertTrue(!Files.exists(dir.resolve("svc.pid")), "nothing was started");
  }

  @Test
  void aServiceThatExitedAfterItsStartFailsTheCheckWithItsExitCodeAndLastLines() throws Exception {
    int port = freePort();
    services.restartService(
        request(
            List.of("sh", "-c", "sleep 0.6; echo 'Address already in use: bind'; exit 7"), port));
    Thread.sleep(1500);
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class, () -> services.confirmRunning(request(List.of(), port)));
    assertEquals("SERVICE_EXITED", f.getType());
    assertTrue(f.getOriginalMessage().contains("exited with code 7"), f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("Address already in use: bind"), f.getOriginalMessage());
  }

  @Test
  void aPortAnsweredByAnotherProcessThanTheStartedOneFailsTheCheck() throws Exception {
    int port = freePort();
    services.restartService(request(List.of("sleep", "30"), port));
    squatter = squat(port);
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class, () -> services.confirmRunning(request(List.of(), port)));
    assertEquals("PORT_IN_USE", f.getType());
    assertTrue(
        f.getOriginalMessage()
            .contains(
                "answered its health probes but is held by pid " + ProcessHandle.current().pid()),
        f.getOriginalMessage());
  }

  @Test
  void theStartedServiceOwningItsPortPassesTheCheck() throws Exception {
    int port = freePort();
    services.restartService(
        request(
            List.of("python3", "-m", "http.server", "--bind", "127.0.0.1", Integer.toString(port)),
            port));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!PortOwners.listening(port) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    var out = services.confirmRunning(request(List.of(), port));
    assertTrue(out.summary().contains("running and answering on its own ports"), out.summary());
  }
}
