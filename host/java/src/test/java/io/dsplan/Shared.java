package io.dsplan;

import java.nio.file.Path;

/** One planner per test JVM: compiling the module is the expensive part. */
public final class Shared {
  private static Planner planner;

  private Shared() {}

  public static synchronized Planner planner() {
    if (planner == null) {
      planner =
          Planner.builder(Planner.defaultWasmPath())
              .compilerCache(Path.of("target", "chicory-cache"))
              .build();
    }
    return planner;
  }

  /** The repository root (two levels above this Maven project). */
  public static Path repo() {
    return Path.of("").toAbsolutePath().getParent().getParent();
  }
}
