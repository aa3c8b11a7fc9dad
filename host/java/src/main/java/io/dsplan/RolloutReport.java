package io.dsplan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The rollout report: each DaemonSet's update simulated sync by sync. Mirrors {@code
 * crates/dsplan-rollout/src/report.rs} field for field (the JSON of {@code dsplan rollout -o
 * json}). Times are seconds after the snapshot (its latest timestamp). Rust {@code i32} fields
 * are {@code int}; {@code i64} and {@code usize} fields are {@code long}.
 *
 * @param daemonSets one entry per DaemonSet, in input order
 * @param notes things the user should know that are not errors
 */
public record RolloutReport(List<DaemonSetRollout> daemonSets, List<String> notes) {

  /**
   * Decodes report JSON, e.g. from {@link Planner#rolloutJson}.
   *
   * @throws DsplanException code {@code abi} when the text is no rollout report
   */
  public static RolloutReport fromJson(String json) {
    return Planner.decode(json, RolloutReport.class);
  }

  /**
   * The rollout of one DaemonSet to its current (or proposed) template.
   *
   * @param strategy {@code RollingUpdate} or {@code OnDelete}, after defaulting
   * @param maxUnavailable resolved against the snapshot's desired node count; null for
   *     OnDelete or when it cannot be resolved
   * @param maxSurge resolved the same way; null for OnDelete or when it cannot be resolved
   * @param revision the revision pods are compared against
   * @param status status as the controller computes it on the snapshot, before it acts
   * @param rolloutStatus the line {@code kubectl rollout status} prints for that status,
   *     newline included; for OnDelete, kubectl's error text
   * @param rolloutDone whether {@code kubectl rollout status} would exit after that line
   * @param steps every sync that creates or deletes pods, in order
   * @param stuck nodes the rollout does not finish on, and why
   * @param finalStatus status after the last simulated sync
   * @param completedAtSeconds when {@code kubectl rollout status} would first report success;
   *     null if it never does
   * @param syncs syncs simulated
   * @param settled whether the simulation reached a state where nothing changes any more
   * @param errors errors the controller's syncs return (each once)
   * @param onDelete present for OnDelete: what would change when pods are deleted
   * @param notes how the inputs were read (revision choice, coerced budgets)
   */
  public record DaemonSetRollout(
      String namespace,
      String name,
      String strategy,
      Integer maxUnavailable,
      Integer maxSurge,
      Revision revision,
      DaemonSetStatus status,
      String rolloutStatus,
      boolean rolloutDone,
      List<Step> steps,
      List<Stuck> stuck,
      DaemonSetStatus finalStatus,
      Long completedAtSeconds,
      long syncs,
      boolean settled,
      List<String> errors,
      OnDeletePlan onDelete,
      List<String> notes) {}

  /**
   * The revision pods are compared against, and where its hash came from.
   *
   * @param hash {@code controller-revision-hash} of updated pods (empty when unknown)
   * @param generation {@code pod-template-generation} of updated pods, when known
   * @param number {@code .revision} of the matching ControllerRevision
   */
  public record Revision(String hash, Long generation, RevisionSource source, Long number) {}

  /** Where the current revision's hash came from. */
  public enum RevisionSource {
    /** A ControllerRevision of the snapshot matches the template. */
    @JsonProperty("controllerRevision")
    CONTROLLER_REVISION,
    /** No ControllerRevision matches: a dsplan hash stands for the new revision. */
    @JsonProperty("dsplanHash")
    DSPLAN_HASH,
    /** No ControllerRevision in the snapshot: the hash every pod carries. */
    @JsonProperty("podLabels")
    POD_LABELS,
    /** Only the templateGeneration label identifies updated pods. */
    @JsonProperty("generationOnly")
    GENERATION_ONLY
  }

  /** The DaemonSet's status counters (apps/v1 {@code DaemonSetStatus}). */
  public record DaemonSetStatus(
      int desiredNumberScheduled,
      int currentNumberScheduled,
      int numberMisscheduled,
      int numberReady,
      int updatedNumberScheduled,
      int numberAvailable,
      int numberUnavailable,
      long observedGeneration) {}

  /**
   * One sync that creates or deletes pods.
   *
   * @param index 0-based position in the timeline
   * @param atSeconds seconds since the snapshot
   * @param create nodes that get a new pod
   * @param delete nodes that lose a pod (one entry per deleted pod)
   * @param unavailable desired nodes without an available pod that is not terminating, after
   *     the step
   * @param surge nodes running an old and a new pod after the step, neither terminating
   */
  public record Step(
      long index,
      long atSeconds,
      List<String> create,
      List<String> delete,
      int unavailable,
      int surge) {}

  /** A node the rollout does not finish on, and why (in words). */
  public record Stuck(String node, String reason) {}

  /**
   * OnDelete: what changes once pods are deleted.
   *
   * @param message what happens, in words
   * @param replacedWhenDeleted nodes whose old pod would be replaced by an updated one once
   *     deleted, in name order
   */
  public record OnDeletePlan(String message, List<String> replacedWhenDeleted) {}
}
