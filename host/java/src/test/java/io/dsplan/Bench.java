package io.dsplan;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency of the SDK on one snapshot: cold (parse + compile + instantiate + first call) and
 * steady-state (median of later calls). Usage: {@code Bench <compiler|interpreter> <snapshot>
 * <daemonsets> [calls [compiler-cache-dir]]}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) {
    Planner.Mode mode = Planner.Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
    List<Document> documents =
        List.of(
            Document.read(Path.of(args[1]), Document.Role.SNAPSHOT),
            Document.read(Path.of(args[2]), Document.Role.PROPOSED));
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 20;

    long t0 = System.nanoTime();
    Planner.Builder builder = Planner.builder(Planner.defaultWasmPath()).mode(mode);
    if (args.length > 4) {
      builder.compilerCache(Path.of(args[4]));
    }
    Planner planner = builder.build();
    long t1 = System.nanoTime();
    String first = planner.planJson(documents, Map.of());
    long t2 = System.nanoTime();
    long[] steady = new long[calls];
    for (int i = 0; i < calls; i++) {
      long s = System.nanoTime();
      String again = planner.planJson(documents, Map.of());
      steady[i] = System.nanoTime() - s;
      if (!again.equals(first)) {
        throw new IllegalStateException("call " + i + " answered differently");
      }
    }
    java.util.Arrays.sort(steady);
    System.out.printf(
        Locale.ROOT,
        "mode=%s create=%.0fms first-call=%.0fms cold=%.0fms steady: min=%.0fms median=%.0fms"
            + " (%d calls, report %d bytes)%n",
        mode,
        (t1 - t0) / 1e6,
        (t2 - t1) / 1e6,
        (t2 - t0) / 1e6,
        steady[0] / 1e6,
        steady[calls / 2] / 1e6,
        calls,
        first.length());
  }
}
