package io.dsplan;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency of the SDK on one snapshot, as {@code key=value} pairs on one line (read by {@code
 * scripts/bench-sdk.sh}): {@code create_s} (parse, validate, translate or load from the compiler
 * cache, instantiate), {@code first_s} (the first plan), {@code cold_s} (both), then {@code
 * steady_min_s} and {@code steady_median_s} over {@code calls} later plans on the same planner.
 *
 * <p>Usage: {@code Bench <compiler|interpreter> <snapshot> <daemonsets> <calls> [compiler-cache]}.
 * The module is {@link Planner#defaultWasmPath()}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) {
    if (args.length < 4 || args.length > 5) {
      System.err.println(
          "usage: Bench <compiler|interpreter> <snapshot> <daemonsets> <calls> [compiler-cache]");
      System.exit(2);
    }
    Planner.Mode mode = Planner.Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
    List<Document> documents =
        List.of(
            Document.read(Path.of(args[1]), Document.Role.SNAPSHOT),
            Document.read(Path.of(args[2]), Document.Role.PROPOSED));
    int calls = Integer.parseInt(args[3]);

    long t0 = System.nanoTime();
    Planner.Builder builder = Planner.builder(Planner.defaultWasmPath()).mode(mode);
    if (args.length == 5) {
      builder.compilerCache(Path.of(args[4]));
    }
    Planner planner = builder.build();
    long t1 = System.nanoTime();
    String first = planner.planJson(documents, Map.of());
    long t2 = System.nanoTime();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "mode=%s create_s=%.3f first_s=%.3f cold_s=%.3f report_bytes=%d",
                mode,
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t2 - t0) / 1e9,
                first.length()));
    if (calls > 0) {
      long[] steady = new long[calls];
      for (int i = 0; i < calls; i++) {
        long s = System.nanoTime();
        String again = planner.planJson(documents, Map.of());
        steady[i] = System.nanoTime() - s;
        if (!again.equals(first)) {
          throw new IllegalStateException("call " + (i + 2) + " answered differently");
        }
      }
      Arrays.sort(steady);
      line.append(
          String.format(
              Locale.ROOT,
              " calls=%d steady_min_s=%.3f steady_median_s=%.3f",
              calls,
              steady[0] / 1e9,
              steady[calls / 2] / 1e9));
    }
    System.out.println(line);
  }
}
