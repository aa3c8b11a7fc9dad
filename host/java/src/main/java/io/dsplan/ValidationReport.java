package io.dsplan;

import java.util.List;

/**
 * The validation report: every DaemonSet read, checked as the API server checks a create.
 * Mirrors {@code crates/dsplan-engine/src/validate.rs} field for field (the JSON of {@code
 * dsplan validate -o json}).
 *
 * @param objects one verdict per DaemonSet, in input order
 */
public record ValidationReport(List<ObjectValidation> objects) {

  /**
   * Decodes report JSON, e.g. from {@link Planner#validateJson}.
   *
   * @throws DsplanException code {@code abi} when the text is no validation report
   */
  public static ValidationReport fromJson(String json) {
    return Planner.decode(json, ValidationReport.class);
  }

  /** Whether the API server would accept every object. */
  public boolean valid() {
    return objects.stream().allMatch(ObjectValidation::valid);
  }

  /**
   * One DaemonSet's verdict.
   *
   * @param kind always {@code DaemonSet} today
   * @param valid whether the API server would accept it
   * @param errors {@code <field path>: <message>}, the API server's text; empty when valid
   * @param file the document it was read from
   * @param line its 1-based line in {@code file}, when known
   */
  public record ObjectValidation(
      String kind,
      String namespace,
      String name,
      boolean valid,
      List<String> errors,
      String file,
      Long line) {}
}
