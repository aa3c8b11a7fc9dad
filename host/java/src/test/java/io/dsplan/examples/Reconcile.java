package io.dsplan.examples;

import io.dsplan.Document;
import io.dsplan.DsplanException;
import io.dsplan.PlanReport;
import io.dsplan.PlanReport.Action;
import io.dsplan.PlanReport.NodePlan;
import io.dsplan.Planner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A controller-shaped program: every period it reads a cluster snapshot file and a directory of
 * proposed DaemonSet manifests, plans them, and prints what the DaemonSet controller would do
 * when anything changed. Bad input is reported and the loop keeps going, as a controller would
 * requeue.
 *
 * <pre>
 * java -cp ... io.dsplan.examples.Reconcile examples/clusters/kubeadm.yaml examples/daemonsets [seconds]
 * </pre>
 */
public final class Reconcile {
  private final Planner planner;
  private final Path snapshot;
  private final Path daemonSets;
  private String lastReport;

  public Reconcile(Planner planner, Path snapshot, Path daemonSets) {
    this.planner = planner;
    this.snapshot = snapshot;
    this.daemonSets = daemonSets;
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: Reconcile <snapshot.yaml> <daemonsets-dir> [period-seconds]");
      System.exit(2);
    }
    Duration period = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
    Reconcile loop = new Reconcile(Planner.create(), Path.of(args[0]), Path.of(args[1]));
    while (true) {
      loop.reconcile(System.out);
      Thread.sleep(period.toMillis());
    }
  }

  /**
   * One pass: plans the current files and prints the actions when the report changed.
   *
   * @return the report, or null when the input was refused (the error is printed)
   */
  public PlanReport reconcile(PrintStream out) {
    List<Document> documents = new ArrayList<>();
    documents.add(Document.read(snapshot, Document.Role.SNAPSHOT));
    try (Stream<Path> files = Files.list(daemonSets)) {
      files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
          .sorted()
          .forEach(f -> documents.add(Document.read(f, Document.Role.PROPOSED)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String json;
    try {
      json = planner.planJson(documents, Map.of());
    } catch (DsplanException e) {
      out.println("requeue: " + e.getMessage());
      return null;
    }
    PlanReport report = PlanReport.fromJson(json);
    if (json.equals(lastReport)) {
      return report;
    }
    lastReport = json;
    for (PlanReport.DaemonSetPlan ds : report.daemonSets()) {
      out.printf(
          "%s/%s: %d desired, %d create, %d delete, %d pending%n",
          ds.namespace(),
          ds.name(),
          ds.summary().desiredNumberScheduled(),
          ds.summary().creates(),
          ds.summary().deletes(),
          ds.summary().pending());
      for (NodePlan node : ds.nodes()) {
        if (node.action() == Action.CREATE) {
          String pending =
              Boolean.FALSE.equals(node.schedulable()) ? " (Pending: " + node.reasons() + ")" : "";
          out.printf("  create on %s%s%n", node.node(), pending);
        } else if (node.action() == Action.DELETE) {
          out.printf("  delete %s on %s%n", node.deletePods(), node.node());
        }
      }
    }
    return report;
  }
}
