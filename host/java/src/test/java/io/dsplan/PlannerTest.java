package io.dsplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsplan.PlanReport.Action;
import io.dsplan.PlanReport.ControllerDecision;
import io.dsplan.PlanReport.Detail;
import io.dsplan.PlanReport.NodePlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The typed API, errors, and concurrent use of one planner. */
class PlannerTest {
  private static final String SNAPSHOT =
      """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Node
        metadata: {name: worker-1, labels: {kubernetes.io/os: linux}}
        status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
      - apiVersion: v1
        kind: Node
        metadata: {name: gpu-1, labels: {kubernetes.io/os: linux}}
        spec:
          taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]
        status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
      """;

  private static final String DAEMONSET =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: monitoring}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: agent, image: agent:1}]
      """;

  private static List<Document> documents() {
    return List.of(
        Document.snapshot("nodes.yaml", SNAPSHOT), Document.proposed("agent.yaml", DAEMONSET));
  }

  @Test
  void typedReportSaysWhichNodesGetThePod() {
    PlanReport report = Shared.planner().plan(documents(), Map.of());
    assertEquals(1, report.daemonSets().size());
    PlanReport.DaemonSetPlan agent = report.daemonSets().get(0);
    assertEquals("monitoring", agent.namespace());
    assertEquals("agent", agent.name());
    assertEquals(2, agent.summary().nodes());
    assertEquals(1, agent.summary().desiredNumberScheduled());
    assertEquals(1, agent.summary().creates());

    NodePlan worker = agent.nodes().get(0);
    assertEquals("worker-1", worker.node());
    assertTrue(worker.shouldRun());
    assertEquals(ControllerDecision.RUN, worker.controllerDecision());
    assertEquals(Action.CREATE, worker.action());
    assertEquals(Boolean.TRUE, worker.schedulable());

    NodePlan gpu = agent.nodes().get(1);
    assertEquals("gpu-1", gpu.node());
    assertEquals(ControllerDecision.UNTOLERATED_NO_SCHEDULE_TAINT, gpu.controllerDecision());
    assertEquals(Action.NONE, gpu.action());
    assertNull(gpu.schedulable());
    assertEquals(
        List.of(new Detail.UntoleratedTaint("nvidia.com/gpu", "true", "NoSchedule")),
        gpu.details());
  }

  @Test
  void planJsonIsTheExactReportText() throws Exception {
    Planner planner = Shared.planner();
    String json = planner.planJson(documents(), Map.of());
    assertTrue(json.startsWith("{\"daemonSets\":["), json);
    assertEquals(
        planner.plan(documents(), Map.of()), Planner.JSON.readValue(json, PlanReport.class));
  }

  @Test
  void versionNamesTheKubernetesRelease() {
    VersionInfo version = Shared.planner().version();
    assertTrue(version.kubernetes().startsWith("v1.36."), version.kubernetes());
    assertTrue(version.featureGates().stream().allMatch(g -> g.matches("\\w+=(true|false)")));
  }

  @Test
  void invalidInputCarriesItsLocation() {
    String bad = SNAPSHOT.replace("effect: NoSchedule", "effect: Sometimes");
    DsplanException e =
        assertThrows(
            DsplanException.class,
            () ->
                Shared.planner()
                    .plan(
                        List.of(
                            Document.snapshot("nodes.yaml", bad),
                            Document.proposed("agent.yaml", DAEMONSET)),
                        Map.of()));
    assertEquals("invalid-input", e.code(), () -> stackTrace(e));
    assertEquals("nodes.yaml", e.file());
    assertEquals("Node gpu-1", e.object());
    assertEquals("items[1].spec.taints[0].effect", e.path());
    assertEquals(12, e.line());
    assertTrue(e.errorMessage().contains("Sometimes"), e.errorMessage());
  }

  /** The whole trace, causes included: a trap's cause says which wasm code was running. */
  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void unknownFeatureGateIsAnInvalidOption() {
    Map<String, Boolean> gates = new LinkedHashMap<>();
    gates.put("NoSuchGate", true);
    DsplanException e =
        assertThrows(DsplanException.class, () -> Shared.planner().plan(documents(), gates));
    assertEquals("invalid-option", e.code());
    assertNull(e.file());
    assertTrue(e.errorMessage().contains("NoSuchGate"), e.errorMessage());
  }

  @Test
  void unknownFunctionIsRefused() {
    DsplanException e =
        assertThrows(
            DsplanException.class, () -> Shared.planner().call("no-such-function", new byte[0]));
    assertEquals("unknown-function", e.code());
    assertTrue(e.errorMessage().contains("no-such-function"), e.errorMessage());
  }

  @Test
  void aFileThatIsNoWasmModuleIsRefused() throws Exception {
    Path junk = Files.createTempFile("dsplan", ".wasm");
    try {
      Files.writeString(junk, "not wasm");
      DsplanException e = assertThrows(DsplanException.class, () -> Planner.create(junk));
      assertEquals("abi", e.code());
    } finally {
      Files.delete(junk);
    }
  }

  @Test
  void concurrentCallsGiveTheSameBytes() throws Exception {
    Planner planner = Shared.planner();
    String want = planner.planJson(documents(), Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(pool.submit(() -> planner.planJson(documents(), Map.of())));
      }
      for (Future<String> answer : answers) {
        assertEquals(want, answer.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
