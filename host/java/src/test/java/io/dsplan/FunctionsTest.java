package io.dsplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsplan.CheckReport.DaemonSetRef;
import io.dsplan.CheckReport.Finding;
import io.dsplan.CheckReport.Severity;
import io.dsplan.RolloutReport.DaemonSetRollout;
import io.dsplan.ValidationReport.ObjectValidation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ABI 1.1 functions through the typed API: rollout, check and validate. */
class FunctionsTest {
  // worker-1 is Ready; gpu-1 is tainted and has no Ready condition.
  private static final String SNAPSHOT =
      """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Node
        metadata: {name: worker-1, labels: {kubernetes.io/os: linux}}
        status:
          allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
          conditions: [{type: Ready, status: "True"}]
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

  private static final String POLICY =
      """
      apiVersion: dsplan.dev/v1
      kind: Policy
      metadata: {name: agents}
      spec:
        rules:
        - id: agent-on-every-linux-node
          severity: error
          coverage:
            nodes:
              matchLabels: {kubernetes.io/os: linux}
      """;

  private static List<Document> documents() {
    return List.of(
        Document.snapshot("nodes.yaml", SNAPSHOT), Document.proposed("agent.yaml", DAEMONSET));
  }

  @Test
  void rolloutCreatesThePodAndTimingStretchesIt() {
    Planner planner = Shared.planner();
    RolloutReport report = planner.rollout(documents(), Map.of(), null);
    assertEquals(1, report.daemonSets().size());
    DaemonSetRollout agent = report.daemonSets().get(0);
    assertEquals("agent", agent.name());
    assertEquals("RollingUpdate", agent.strategy());
    assertEquals(1, agent.maxUnavailable());
    assertEquals(RolloutReport.RevisionSource.DSPLAN_HASH, agent.revision().source());
    assertEquals(1, agent.status().desiredNumberScheduled());
    assertEquals(0, agent.status().currentNumberScheduled());
    assertEquals(
        List.of(new RolloutReport.Step(0, 0, List.of("worker-1"), List.of(), 1, 0)),
        agent.steps());
    assertEquals(List.of(), agent.stuck());
    assertEquals(1, agent.finalStatus().numberAvailable());
    assertTrue(agent.settled());
    assertNull(agent.onDelete());
    // The CLI's defaults: pod start 10 s + readiness 5 s.
    assertEquals(15L, agent.completedAtSeconds());

    RolloutReport slow = planner.rollout(documents(), Map.of(), new Timing(45, 20, 30));
    assertEquals(65L, slow.daemonSets().get(0).completedAtSeconds());
    assertEquals(
        planner.rolloutJson(documents(), Map.of(), null),
        planner.rolloutJson(documents(), Map.of(), new Timing(10, 5, 5)));
  }

  @Test
  void rolloutIsStuckOnANodeThatIsNotReady() {
    String tolerating =
        DAEMONSET.replace(
            "containers:", "tolerations: [{operator: Exists}]\n      containers:");
    RolloutReport report =
        Shared.planner()
            .rollout(
                List.of(
                    Document.snapshot("nodes.yaml", SNAPSHOT),
                    Document.proposed("agent.yaml", tolerating)),
                Map.of(),
                null);
    DaemonSetRollout agent = report.daemonSets().get(0);
    assertEquals(
        List.of(
            new RolloutReport.Stuck(
                "gpu-1", "node is NotReady: its updated pod never becomes Ready")),
        agent.stuck());
    assertNull(agent.completedAtSeconds());
    assertFalse(agent.rolloutDone());
  }

  @Test
  void checkReportsTheFailingRule() {
    CheckReport report =
        Shared.planner().check(documents(), new Policy("policy.yaml", POLICY), Map.of(), null);
    assertEquals("agents", report.policy());
    DaemonSetRef agent = new DaemonSetRef("monitoring", "agent");
    assertEquals(
        List.of(
            new CheckReport.Evaluation(
                "agent-on-every-linux-node", "coverage", Severity.ERROR, agent)),
        report.evaluations());
    assertEquals(1, report.findings().size());
    Finding finding = report.findings().get(0);
    assertEquals("agent-on-every-linux-node", finding.rule());
    assertEquals(Severity.ERROR, finding.severity());
    assertEquals(agent, finding.daemonSet());
    assertEquals(List.of("gpu-1"), finding.nodes());
    assertTrue(finding.message().contains("nvidia.com/gpu=true:NoSchedule"), finding.message());
    assertEquals("add toleration nvidia.com/gpu=true:NoSchedule to cover 1 node", finding.fix());
    assertEquals(new CheckReport.Location("agent.yaml", 1L), finding.location());
  }

  @Test
  void checkWithTheDefaultPolicyJudgesTheDaemonSet() {
    CheckReport report = Shared.planner().check(documents(), null, Map.of(), null);
    assertFalse(report.policy().isEmpty());
    assertTrue(
        report.evaluations().stream()
            .anyMatch(e -> new DaemonSetRef("monitoring", "agent").equals(e.daemonSet())),
        report.evaluations().toString());
  }

  @Test
  void aBrokenPolicyIsInvalidInputWithItsFieldPath() {
    String bad = POLICY.replace("severity: error", "severity: fatal");
    DsplanException e =
        assertThrows(
            DsplanException.class,
            () ->
                Shared.planner().check(documents(), new Policy("policy.yaml", bad), null, null));
    assertEquals("invalid-input", e.code());
    assertEquals("policy.yaml", e.file());
    assertEquals("spec.rules[0].severity", e.path());
    assertEquals(7, e.line());
    assertTrue(e.errorMessage().contains("fatal"), e.errorMessage());
  }

  @Test
  void validateReportsAnInvalidDaemonSet() {
    String mismatched = DAEMONSET.replace("labels: {app: agent}}", "labels: {app: other}}");
    ValidationReport report =
        Shared.planner()
            .validate(
                List.of(
                    Document.proposed("bad.yaml", mismatched),
                    Document.proposed("agent.yaml", DAEMONSET)));
    assertFalse(report.valid());
    assertEquals(2, report.objects().size());
    ObjectValidation bad = report.objects().get(0);
    assertFalse(bad.valid());
    assertEquals("bad.yaml", bad.file());
    assertEquals(1L, bad.line());
    assertEquals(
        List.of(
            "spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does"
                + " not match template `labels`"),
        bad.errors());
    ObjectValidation good = report.objects().get(1);
    assertTrue(good.valid());
    assertEquals(List.of(), good.errors());

    assertTrue(Shared.planner().validate(List.of(Document.proposed("a.yaml", DAEMONSET))).valid());
  }
}
