package io.dsplan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The check report: a policy's verdict on the DaemonSets, every evaluation and every failure.
 * Mirrors {@code crates/dsplan-policy/src/finding.rs} field for field (the JSON of {@code dsplan
 * check -o json}).
 *
 * @param policy the policy's name
 * @param evaluations every (rule, DaemonSet) pair evaluated, passed or not, in rule order then
 *     DaemonSet order
 * @param findings every failure, in the same order
 * @param notes things the user should know that are not findings (rules skipped for lack of
 *     input)
 */
public record CheckReport(
    String policy, List<Evaluation> evaluations, List<Finding> findings, List<String> notes) {

  /**
   * Decodes report JSON, e.g. from {@link Planner#checkJson}.
   *
   * @throws DsplanException code {@code abi} when the text is no check report
   */
  public static CheckReport fromJson(String json) {
    return Planner.decode(json, CheckReport.class);
  }

  /**
   * How bad a failed rule is: error findings fail {@code dsplan check}, warning findings only
   * with {@code --fail-on-warn}.
   */
  public enum Severity {
    @JsonProperty("error")
    ERROR,
    @JsonProperty("warning")
    WARNING
  }

  /** A DaemonSet, by namespace and name. */
  public record DaemonSetRef(String namespace, String name) {}

  /**
   * The manifest a DaemonSet was read from.
   *
   * @param file the file name as the user gave it
   * @param line 1-based line of the object's start, when known
   */
  public record Location(String file, Long line) {}

  /**
   * One rule failing for one DaemonSet (or, for {@code family} gaps, for the family).
   *
   * @param rule the policy rule's id
   * @param kind the rule's check kind ({@code coverage}, {@code fit}, ...)
   * @param daemonSet null for a family gap (no member runs there)
   * @param nodes the nodes concerned, in snapshot order (empty when not about nodes)
   * @param message what is wrong, in one line
   * @param fix what to change, in one line
   * @param location the manifest the DaemonSet came from
   */
  public record Finding(
      String rule,
      String kind,
      Severity severity,
      DaemonSetRef daemonSet,
      List<String> nodes,
      String message,
      String fix,
      Location location) {}

  /**
   * One (rule, DaemonSet) pair the policy evaluated, passed or not.
   *
   * @param daemonSet null for a family rule that matched no member
   */
  public record Evaluation(String rule, String kind, Severity severity, DaemonSetRef daemonSet) {}
}
