package io.dsplan;

/**
 * A call the planner refused, with the ABI's error fields (see {@code wasm/ABI.md}, "Error
 * codes"). Branch on {@link #code()}; the message is for people.
 *
 * <p>Codes from the module: {@code invalid-input}, {@code invalid-option}, {@code
 * invalid-request}, {@code unknown-function}, {@code internal} (and any code a later ABI minor
 * version adds). Codes from this SDK: {@code trap} (the module trapped; that instance is
 * discarded, the planner stays usable) and {@code abi} (the module broke the ABI contract).
 */
public final class DsplanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String file;
  private final Integer document;
  private final String object;
  private final String path;
  private final Integer line;
  private final Integer column;
  private final String detail;

  public DsplanException(
      String code,
      String file,
      Integer document,
      String object,
      String path,
      Integer line,
      Integer column,
      String message) {
    super(render(code, file, line, column, path, object, message));
    this.code = code;
    this.file = file;
    this.document = document;
    this.object = object;
    this.path = path;
    this.line = line;
    this.column = column;
    this.detail = message;
  }

  DsplanException(String code, String message, Throwable cause) {
    this(code, null, null, null, null, null, null, message);
    initCause(cause);
  }

  private static String render(
      String code, String file, Integer line, Integer column, String path, String object,
      String message) {
    StringBuilder s = new StringBuilder(code).append(": ");
    if (file != null) {
      s.append(file);
      if (line != null) {
        s.append(':').append(line);
        if (column != null) {
          s.append(':').append(column);
        }
      }
      s.append(": ");
    }
    if (object != null) {
      s.append(object).append(": ");
    }
    if (path != null) {
      s.append(path).append(": ");
    }
    return s.append(message).toString();
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** The document name, for {@code invalid-input}; otherwise null. */
  public String file() {
    return file;
  }

  /** Index of the YAML document within the file (0-based), when known. */
  public Integer document() {
    return document;
  }

  /** The object, e.g. {@code Node n1}, when known. */
  public String object() {
    return object;
  }

  /** The field path, e.g. {@code spec.taints[0].effect}, when known. */
  public String path() {
    return path;
  }

  /** 1-based line in the file, when known. */
  public Integer line() {
    return line;
  }

  /** 1-based column in the file, when known. */
  public Integer column() {
    return column;
  }

  /** The module's message alone (without the location prefix {@link #getMessage()} adds). */
  public String errorMessage() {
    return detail;
  }
}
