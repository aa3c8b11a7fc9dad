package io.dsplan;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Chicory compiler cache in a directory: one file per key. Writes go to a temporary file that is
 * moved into place, so concurrent processes never read a half-written entry.
 */
final class DirectoryCache implements Cache {
  private final Path dir;

  DirectoryCache(Path dir) {
    this.dir = dir;
  }

  @Override
  public byte[] get(String key) throws IOException {
    try {
      return Files.readAllBytes(entry(key));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void putIfAbsent(String key, byte[] data) throws IOException {
    Path target = entry(key);
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "entry", ".tmp");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Keys are digests chosen by Chicory; keep only file-name-safe characters. */
  private Path entry(String key) {
    return dir.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
  }
}
