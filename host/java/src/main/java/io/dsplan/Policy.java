package io.dsplan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A policy file for {@link Planner#check} (ABI field {@code policy}; CLI {@code --policy}), as
 * YAML or JSON text. Pass {@code null} instead of a {@code Policy} for the built-in default
 * policy.
 *
 * @param name appears in errors (usually the file name)
 * @param text the whole file
 */
public record Policy(String name, String text) {

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /** Reads a UTF-8 file; its file name becomes the policy name. */
  public static Policy read(Path file) {
    try {
      return new Policy(file.getFileName().toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
