package io.dsplan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file of a plan: a cluster snapshot or proposed DaemonSets, as YAML or JSON text.
 *
 * @param name appears in errors (usually the file name)
 * @param text the whole file
 * @param role what the file holds
 */
public record Document(String name, String text, Role role) {

  /** What an input document holds (ABI field {@code role}). */
  public enum Role {
    /** A cluster snapshot ({@code kubectl get nodes,pods,daemonsets -A -o yaml}); CLI {@code --snapshot}. */
    @JsonProperty("snapshot")
    SNAPSHOT,
    /** Proposed DaemonSets; CLI {@code --daemonset}. */
    @JsonProperty("proposed")
    PROPOSED
  }

  public Document {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(role, "role");
  }

  /** A snapshot document from text. */
  public static Document snapshot(String name, String text) {
    return new Document(name, text, Role.SNAPSHOT);
  }

  /** A proposed-DaemonSets document from text. */
  public static Document proposed(String name, String text) {
    return new Document(name, text, Role.PROPOSED);
  }

  /** Reads a UTF-8 file; its file name becomes the document name. */
  public static Document read(Path file, Role role) {
    try {
      return new Document(file.getFileName().toString(), Files.readString(file), role);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
