package io.cutover.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.cli.CutoverCommand;
import io.cutover.worker.WorkerVersioning;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What {@code --build-id} and {@code --deployment-name} accept, and what a bad one is told. */
class WorkerVersioningOptionsTest {
  @Test
  void buildIdsMayCarryDotsDeploymentNamesMayNot() {
    assertEquals(
        "cutover.2026-12-04.1", new WorkerVersioning("cutover", "2026-12-04.1").toString());
    assertEquals("cutover.v1.4.2", new WorkerVersioning("cutover", "v1.4.2").toString());
    IllegalArgumentException dot =
        assertThrows(IllegalArgumentException.class, () -> new WorkerVersioning("cut.over", "b1"));
    assertTrue(dot.getMessage().contains("--deployment-name 'cut.over'"), dot.getMessage());
    IllegalArgumentException space =
        assertThrows(
            IllegalArgumentException.class, () -> new WorkerVersioning("cutover", "build 7"));
    assertTrue(space.getMessage().contains("--build-id 'build 7'"), space.getMessage());
  }

  @Test
  void aWorkerWithABadBuildIdExitsWithTwoBeforeConnecting() {
    StringWriter err = new StringWriter();
    int code =
        CutoverCommand.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "worker",
            "--build-id",
            "a/b",
            "--address",
            "127.0.0.1:1");
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("--build-id 'a/b'"), err.toString());
  }
}
