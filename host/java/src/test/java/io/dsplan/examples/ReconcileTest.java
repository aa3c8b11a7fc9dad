package io.dsplan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsplan.PlanReport;
import io.dsplan.Shared;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller example on the repository's example cluster. */
class ReconcileTest {
  private static final Path REPO = Shared.repo();

  @Test
  void printsActionsOnceAndRequeuesOnBadInput(@TempDir Path dir) throws Exception {
    Files.copy(
        REPO.resolve("examples/daemonsets/node-exporter.yaml"), dir.resolve("node-exporter.yaml"));
    Reconcile loop =
        new Reconcile(
            Shared.planner(),
            REPO.resolve("examples/clusters/kubeadm.yaml"),
            dir);

    ByteArrayOutputStream first = new ByteArrayOutputStream();
    PlanReport report = loop.reconcile(new PrintStream(first, true, StandardCharsets.UTF_8));
    assertNotNull(report);
    String printed = first.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("/node-exporter: "), printed);

    ByteArrayOutputStream unchanged = new ByteArrayOutputStream();
    loop.reconcile(new PrintStream(unchanged, true, StandardCharsets.UTF_8));
    assertEquals("", unchanged.toString(StandardCharsets.UTF_8));

    Files.writeString(dir.resolve("broken.yaml"), "kind: DaemonSet\nspec: [\n");
    ByteArrayOutputStream broken = new ByteArrayOutputStream();
    assertEquals(null, loop.reconcile(new PrintStream(broken, true, StandardCharsets.UTF_8)));
    assertTrue(broken.toString(StandardCharsets.UTF_8).startsWith("requeue: invalid-input: "));
  }
}
