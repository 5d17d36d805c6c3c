package io.cutover.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cutover.activities.MaintenanceRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.maintenance.MaintenanceActivitiesImpl;
import io.cutover.plan.MaintenanceCommand;
import io.cutover.plan.MaintenanceHttp;
import io.cutover.plan.MaintenanceStep;
import io.cutover.plan.PlanJson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance mode by flag file, by HTTP call to a real server on loopback, and by command. */
class MaintenanceActivityTest {
  @TempDir Path tmp;
  MaintenanceActivitiesImpl maintenance = new MaintenanceActivitiesImpl();

  StepContext ctx() {
    return new StepContext("m/run", "freeze", tmp.toString(), false);
  }

  @Test
  void flagFileOnTwiceThenOff() throws Exception {
    MaintenanceStep step =
        new MaintenanceStep(
            "freeze",
            null,
            null,
            null,
            null,
            "on",
            "work/maintenance.flag",
            null,
            null,
            "cutover",
            null,
            null,
            null);
    maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, true));
    String first = Files.readString(tmp.resolve("work/maintenance.flag"));
    maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, true));
    assertEquals(
        first,
        Files.readString(tmp.resolve("work/maintenance.flag")),
        "on twice leaves the first flag");
    assertTrue(first.contains("\"message\":\"cutover\""), first);
    maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, false));
    assertFalse(Files.exists(tmp.resolve("work/maintenance.flag")));
  }

  @Test
  void httpCallSendsTheOnAndOffBodies() throws Exception {
    List<String> seen = new ArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/admin/maintenance",
        ex -> {
          seen.add(
              ex.getRequestMethod()
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                  + " "
                  + ex.getRequestHeaders().getFirst("X-Token"));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    server.start();
    try {
      MaintenanceHttp http =
          new MaintenanceHttp(
              "http://127.0.0.1:" + server.getAddress().getPort() + "/admin/maintenance",
              null,
              null,
              null,
              Map.of("X-Token", "t0k"));
      MaintenanceStep step =
          new MaintenanceStep(
              "freeze",
              null,
              null,
              null,
              null,
              "on",
              null,
              http,
              null,
              "going down",
              null,
              null,
              null);
      maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, true));
      maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, false));
    } finally {
      server.stop(0);
    }
    assertEquals(
        List.of(
            "PUT {\"enabled\":true,\"message\":\"going down\"} t0k", "PUT {\"enabled\":false} t0k"),
        seen);
  }

  @Test
  void commandRunsTheOnAndOffPrograms() throws Exception {
    MaintenanceCommand cmd =
        new MaintenanceCommand(
            List.of("touch", "on.marker"), List.of("rm", "on.marker"), null, null);
    MaintenanceStep step =
        PlanJson.of(MaintenanceStep.class, Map.of("id", "freeze", "mode", "on", "command", cmd));
    maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, true));
    assertTrue(Files.exists(tmp.resolve("on.marker")));
    maintenance.switchMaintenance(new MaintenanceRequest(ctx(), step, false));
    assertFalse(Files.exists(tmp.resolve("on.marker")));
  }
}
