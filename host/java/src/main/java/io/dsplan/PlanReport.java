package io.dsplan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The plan report: which nodes get a daemon pod, and why not the others, for every DaemonSet.
 * Mirrors {@code crates/dsplan-core/src/report.rs} field for field (the JSON of {@code dsplan
 * plan -o json}). Unsigned 32-bit counts are {@code long}.
 *
 * @param daemonSets one entry per DaemonSet, in input order
 * @param notes things the user should know that are not errors
 */
public record PlanReport(List<DaemonSetPlan> daemonSets, List<String> notes) {

  /**
   * Decodes report JSON, e.g. from {@link Planner#planJson} (so one call gives both the exact
   * bytes and the typed form).
   *
   * @throws DsplanException code {@code abi} when the text is no plan report
   */
  public static PlanReport fromJson(String json) {
    return Planner.decode(json, PlanReport.class);
  }

  /**
   * The plan for one DaemonSet.
   *
   * @param namespace {@code metadata.namespace} ({@code default} when absent)
   * @param name {@code metadata.name}
   * @param summary status counters and action totals
   * @param nodes one entry per node of the snapshot, in input order
   * @param deletePodsWithoutNode unscheduled pods whose target node is not in the snapshot
   * @param events controller events for the DaemonSet itself
   */
  public record DaemonSetPlan(
      String namespace,
      String name,
      PlanSummary summary,
      List<NodePlan> nodes,
      List<String> deletePodsWithoutNode,
      List<Event> events) {}

  /** Status counters ({@code updateDaemonSetStatus}) and totals of this sync's actions. */
  public record PlanSummary(
      long nodes,
      long desiredNumberScheduled,
      long currentNumberScheduled,
      long numberMisscheduled,
      long numberReady,
      long numberAvailable,
      long updatedNumberScheduled,
      long numberUnavailable,
      long creates,
      long deletes,
      long pending) {}

  /**
   * The plan for one (DaemonSet, node) pair.
   *
   * @param schedulable whether kube-scheduler would bind the created pod; null when no pod is
   *     created or the template sets {@code nodeName}
   * @param reasons upstream's exact reason strings
   */
  public record NodePlan(
      String node,
      boolean shouldRun,
      boolean shouldContinueRunning,
      ControllerDecision controllerDecision,
      Boolean schedulable,
      List<String> reasons,
      Action action,
      long creates,
      List<String> deletePods,
      List<String> pods,
      List<Detail> details,
      List<Event> events) {}

  /** Which rule of {@code NodeShouldRunDaemonPod} decided. */
  public enum ControllerDecision {
    @JsonProperty("Run")
    RUN,
    @JsonProperty("NodeNameMismatch")
    NODE_NAME_MISMATCH,
    @JsonProperty("NodeAffinityMismatch")
    NODE_AFFINITY_MISMATCH,
    @JsonProperty("UntoleratedNoExecuteTaint")
    UNTOLERATED_NO_EXECUTE_TAINT,
    @JsonProperty("UntoleratedNoScheduleTaint")
    UNTOLERATED_NO_SCHEDULE_TAINT
  }

  /** What the controller does on a node in one sync. */
  public enum Action {
    @JsonProperty("create")
    CREATE,
    @JsonProperty("delete")
    DELETE,
    @JsonProperty("keep")
    KEEP,
    @JsonProperty("none")
    NONE
  }

  /** A controller event, as {@code kubectl get events} would show it. */
  public record Event(EventType type, String reason, String message) {}

  /** Kubernetes event type. */
  public enum EventType {
    @JsonProperty("Normal")
    NORMAL,
    @JsonProperty("Warning")
    WARNING
  }

  /** Why a decision came out as it did; JSON tagged by {@code kind}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Detail.NodeNameMismatch.class, name = "nodeNameMismatch"),
    @JsonSubTypes.Type(value = Detail.NodeSelectorMismatch.class, name = "nodeSelectorMismatch"),
    @JsonSubTypes.Type(
        value = Detail.NodeAffinityTermsMismatch.class,
        name = "nodeAffinityTermsMismatch"),
    @JsonSubTypes.Type(value = Detail.UntoleratedTaint.class, name = "untoleratedTaint"),
    @JsonSubTypes.Type(value = Detail.TooManyPods.class, name = "tooManyPods"),
    @JsonSubTypes.Type(value = Detail.InsufficientResource.class, name = "insufficientResource"),
    @JsonSubTypes.Type(value = Detail.HostPortConflict.class, name = "hostPortConflict"),
  })
  public sealed interface Detail {
    /** The template's {@code spec.nodeName} names another node. */
    record NodeNameMismatch(String wanted) implements Detail {}

    /** A {@code nodeSelector} entry does not match; {@code have} is null without the label. */
    record NodeSelectorMismatch(String key, String want, String have) implements Detail {}

    /** None of the required node-affinity terms matches. */
    record NodeAffinityTermsMismatch(long terms, List<String> invalid) implements Detail {}

    /** A taint that no toleration tolerates. */
    record UntoleratedTaint(String key, String value, String effect) implements Detail {}

    /** {@code Too many pods}. */
    record TooManyPods(long pods, long allowed) implements Detail {}

    /** Not enough of a resource (cpu in millicores, the others in whole units). */
    record InsufficientResource(String resource, long requested, long used, long allocatable)
        implements Detail {}

    /** A host port already in use on the node. */
    record HostPortConflict(String protocol, String hostIp, int port, String usedBy)
        implements Detail {}
  }
}
