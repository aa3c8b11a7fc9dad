package io.dsplan;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * The dsplan planner, running {@code dsplan.core.wasm} on Chicory through the core JSON ABI
 * ({@code wasm/ABI.md}, section 2).
 *
 * <p>Create one per process: the module is parsed (and, in {@link Mode#COMPILER}, translated to
 * JVM bytecode) once. The planner is thread-safe: a Chicory instance serves one call at a time,
 * so each call borrows an idle instance from a pool (instantiating one when none is idle) and
 * returns it afterwards. An instance that traps is discarded; the planner stays usable.
 */
public final class Planner {
  /** The ABI major version this SDK speaks. */
  public static final int ABI_MAJOR = 1;

  /** Environment variable naming the core module to load. */
  public static final String WASM_ENV = "DSPLAN_WASM";

  /** System property naming the core module to load (checked after {@link #WASM_ENV}). */
  public static final String WASM_PROPERTY = "dsplan.wasm";

  /** How Chicory executes the module. */
  public enum Mode {
    /** Translate wasm functions to JVM bytecode once at {@link #create}; fast calls. */
    COMPILER,
    /** Chicory's interpreter: no translation cost, much slower calls. */
    INTERPRETER
  }

  // The ABI response of a successful call is exactly OK_PREFIX + report bytes + "}".
  private static final byte[] OK_PREFIX = "{\"ok\":".getBytes(StandardCharsets.UTF_8);

  static final ObjectMapper JSON =
      JsonMapper.builder()
          // A later ABI minor version may add response fields: ignore them.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Never default a number or flag the module left out.
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();

  private final WasmModule module;
  private final Function<Instance, Machine> machine;
  private final ConcurrentLinkedDeque<Guest> idle = new ConcurrentLinkedDeque<>();

  private Planner(WasmModule module, Function<Instance, Machine> machine) {
    this.module = module;
    this.machine = machine;
  }

  /** Loads the module named by {@link #defaultWasmPath()} in {@link Mode#COMPILER}. */
  public static Planner create() {
    return builder(defaultWasmPath()).build();
  }

  /** Loads {@code wasm} (a {@code dsplan.core.wasm}) in {@link Mode#COMPILER}. */
  public static Planner create(Path wasm) {
    return builder(wasm).build();
  }

  /** Options beyond {@link #create(Path)}: execution mode and a compiler cache. */
  public static Builder builder(Path wasm) {
    return new Builder(wasm);
  }

  /** Configures and creates a {@link Planner}. */
  public static final class Builder {
    private final Path wasm;
    private Mode mode = Mode.COMPILER;
    private Path cacheDir;

    private Builder(Path wasm) {
      this.wasm = Objects.requireNonNull(wasm, "wasm");
    }

    /** How Chicory runs the module; {@link Mode#COMPILER} by default. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * A directory where {@link Mode#COMPILER} keeps the JVM bytecode it generates, keyed by the
     * module's digest, so that later processes skip the translation (the bulk of a cold
     * start). Created when missing. None by default.
     */
    public Builder compilerCache(Path dir) {
      this.cacheDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Loads the module, prepares it for the mode and checks its ABI version on a first
     * instance (kept in the pool for the first call).
     *
     * @throws DsplanException code {@code abi} when the file is no core module of a known ABI
     *     major version
     */
    public Planner build() {
      WasmModule module;
      try {
        module = Parser.parse(wasm);
      } catch (ChicoryException e) {
        throw new DsplanException(
            "abi", wasm + " is not a valid wasm module: " + e.getMessage(), e);
      }
      Function<Instance, Machine> machine = null;
      if (mode == Mode.COMPILER) {
        // Functions too large for one JVM method run interpreted; that is expected here.
        MachineFactoryCompiler.Builder compiler =
            MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.SILENT);
        if (cacheDir != null) {
          compiler.withCache(new DirectoryCache(cacheDir));
        }
        machine = compiler.compile();
      }
      Planner planner = new Planner(module, machine);
      Guest first = planner.instantiate();
      int major = first.abiVersion();
      if (major != ABI_MAJOR) {
        throw new DsplanException(
            "abi", wasm + " speaks ABI " + major + ", this SDK speaks ABI " + ABI_MAJOR, null);
      }
      planner.idle.push(first);
      return planner;
    }
  }

  /**
   * Where {@link #create()} looks: {@code $DSPLAN_WASM}, else the system property {@code
   * dsplan.wasm}, else {@code dist/dsplan.core.wasm} in the working directory or the nearest
   * parent that has one (a checkout of the dsplan repository).
   */
  public static Path defaultWasmPath() {
    String env = System.getenv(WASM_ENV);
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    String property = System.getProperty(WASM_PROPERTY);
    if (property != null && !property.isEmpty()) {
      return Path.of(property);
    }
    Path relative = Path.of("dist", "dsplan.core.wasm");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new DsplanException(
        "abi",
        "no dsplan.core.wasm: set "
            + WASM_ENV
            + " or run from a dsplan checkout after scripts/build-wasm.sh",
        null);
  }

  /**
   * Plans {@code documents}: which nodes get each DaemonSet, and why not the others.
   *
   * @param featureGates gate overrides applied in iteration order (use a {@code LinkedHashMap}
   *     when order matters); null or empty for the release defaults
   * @throws DsplanException with code {@code invalid-input} or {@code invalid-option} when the
   *     input is refused
   */
  public PlanReport plan(List<Document> documents, Map<String, Boolean> featureGates) {
    return PlanReport.fromJson(planJson(documents, featureGates));
  }

  /**
   * Like {@link #plan}, but returns the report's exact JSON text, byte for byte what {@code
   * dsplan plan -o json} prints: the bytes of the ABI response between its {@code {"ok":}
   * prefix and final {@code }}.
   */
  public String planJson(List<Document> documents, Map<String, Boolean> featureGates) {
    return invoke("plan", request(documents, featureGates, null, null));
  }

  /**
   * Simulates each DaemonSet's update sync by sync (ABI 1.1): the steps, the nodes it gets
   * stuck on, and when {@code kubectl rollout status} would report success.
   *
   * @param featureGates as for {@link #plan}
   * @param timing pod lifecycle latencies; null for the CLI's defaults
   * @throws DsplanException with code {@code invalid-input} or {@code invalid-option} when the
   *     input is refused
   */
  public RolloutReport rollout(
      List<Document> documents, Map<String, Boolean> featureGates, Timing timing) {
    return RolloutReport.fromJson(rolloutJson(documents, featureGates, timing));
  }

  /**
   * Like {@link #rollout}, but returns the report's exact JSON text, byte for byte what {@code
   * dsplan rollout -o json} prints (compact).
   */
  public String rolloutJson(
      List<Document> documents, Map<String, Boolean> featureGates, Timing timing) {
    return invoke("rollout", request(documents, featureGates, null, timing));
  }

  /**
   * Evaluates a policy against the DaemonSets (ABI 1.1), as {@code dsplan check} does.
   *
   * @param policy the policy file; null for the built-in default policy
   * @param featureGates as for {@link #plan}
   * @param timing pod lifecycle latencies for rollout rules; null for the CLI's defaults
   * @throws DsplanException with code {@code invalid-input} (also for a bad policy file, named
   *     in {@link DsplanException#file()}) or {@code invalid-option} when the input is refused
   */
  public CheckReport check(
      List<Document> documents, Policy policy, Map<String, Boolean> featureGates, Timing timing) {
    return CheckReport.fromJson(checkJson(documents, policy, featureGates, timing));
  }

  /**
   * Like {@link #check}, but returns the report's exact JSON text, byte for byte what {@code
   * dsplan check -o json} prints (compact).
   */
  public String checkJson(
      List<Document> documents, Policy policy, Map<String, Boolean> featureGates, Timing timing) {
    return invoke("check", request(documents, featureGates, policy, timing));
  }

  /**
   * Checks every DaemonSet of {@code documents} (of either role) as the API server checks a
   * create (ABI 1.1). An object the API server would refuse is reported with its errors, not
   * thrown.
   *
   * @throws DsplanException with code {@code invalid-input} when a document cannot be read
   */
  public ValidationReport validate(List<Document> documents) {
    return ValidationReport.fromJson(validateJson(documents));
  }

  /**
   * Like {@link #validate}, but returns the report's exact JSON text, byte for byte what {@code
   * dsplan validate -o json} prints (compact).
   */
  public String validateJson(List<Document> documents) {
    return invoke("validate", request(documents, null, null, null));
  }

  /** The ABI request object; parts left null (or gates left empty) are omitted: the defaults. */
  private static ObjectNode request(
      List<Document> documents, Map<String, Boolean> featureGates, Policy policy, Timing timing) {
    Objects.requireNonNull(documents, "documents");
    ObjectNode request = JSON.createObjectNode();
    ArrayNode docs = request.putArray("documents");
    for (Document document : documents) {
      docs.add(JSON.valueToTree(document));
    }
    if (featureGates != null && !featureGates.isEmpty()) {
      ObjectNode gates = request.putObject("options").putObject("featureGates");
      featureGates.forEach(
          (name, on) -> gates.put(Objects.requireNonNull(name), Objects.requireNonNull(on)));
    }
    if (policy != null) {
      request.set("policy", JSON.valueToTree(policy));
    }
    if (timing != null) {
      request.set("timing", JSON.valueToTree(timing));
    }
    return request;
  }

  private String invoke(String fn, ObjectNode request) {
    try {
      return call(fn, JSON.writeValueAsBytes(request));
    } catch (JsonProcessingException e) {
      throw new DsplanException("invalid-request", e.getMessage(), e);
    }
  }

  /** dsplan's version, the Kubernetes release it follows and that release's default gates. */
  public VersionInfo version() {
    return decode(call("version", new byte[0]), VersionInfo.class);
  }

  /**
   * Calls ABI function {@code fn} with the raw JSON {@code request} and returns the {@code ok}
   * value's exact text. This is the escape hatch for functions added by a later ABI minor
   * version.
   */
  public String call(String fn, byte[] request) {
    Guest guest = idle.poll();
    if (guest == null) {
      guest = instantiate();
    }
    byte[] response;
    try {
      response = guest.call(fn.getBytes(StandardCharsets.UTF_8), request);
    } catch (ChicoryException e) {
      // The instance's state is unknown after a trap: drop it, keep the planner. Its history
      // goes into the message: a trap is a bug, and these say whether it needs a long-lived
      // instance to show.
      throw new DsplanException(
          "trap",
          "dsplan.core.wasm trapped in call "
              + guest.calls
              + " on its instance ("
              + guest.instance.memory().pages()
              + " pages of linear memory): "
              + e.getMessage(),
          e);
    }
    idle.push(guest);
    return okValue(response);
  }

  // Instantiations are serialised: they share the compiled machine factory.
  private synchronized Guest instantiate() {
    Instance.Builder builder = Instance.builder(module);
    if (machine != null) {
      builder.withMachineFactory(machine);
    }
    return new Guest(builder.build());
  }

  /** The {@code ok} value's text, or the {@code error} object as an exception. */
  private static String okValue(byte[] response) {
    int n = response.length;
    if (n > OK_PREFIX.length
        && Arrays.equals(response, 0, OK_PREFIX.length, OK_PREFIX, 0, OK_PREFIX.length)
        && response[n - 1] == '}') {
      int start = OK_PREFIX.length;
      return new String(response, start, n - 1 - start, StandardCharsets.UTF_8);
    }
    JsonNode error;
    try {
      error = JSON.readTree(response).get("error");
    } catch (java.io.IOException e) {
      throw new DsplanException("abi", "the module answered invalid JSON: " + e.getMessage(), e);
    }
    if (error == null || !error.isObject() || !error.path("code").isTextual()) {
      throw new DsplanException(
          "abi", "the module answered neither ok nor error: " + abbreviate(response), null);
    }
    throw new DsplanException(
        error.get("code").asText(),
        text(error, "file"),
        number(error, "document"),
        text(error, "object"),
        text(error, "path"),
        number(error, "line"),
        number(error, "column"),
        text(error, "message"));
  }

  private static String text(JsonNode error, String key) {
    JsonNode value = error.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Integer number(JsonNode error, String key) {
    JsonNode value = error.get(key);
    return value == null || value.isNull() ? null : value.asInt();
  }

  private static String abbreviate(byte[] response) {
    String s = new String(response, 0, Math.min(response.length, 200), StandardCharsets.UTF_8);
    return response.length > 200 ? s + "..." : s;
  }

  static <T> T decode(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new DsplanException(
          "abi", "the module's answer does not match " + type.getSimpleName() + ": " + e, e);
    }
  }

  /** One instance and its exports; used by one thread at a time. */
  private static final class Guest {
    private final Instance instance;
    private final ExportFunction alloc;
    private final ExportFunction free;
    private final ExportFunction call;
    // Calls started on this instance, including the one running.
    private long calls;

    Guest(Instance instance) {
      this.instance = instance;
      this.alloc = instance.export("dsplan_alloc");
      this.free = instance.export("dsplan_free");
      this.call = instance.export("dsplan_call");
    }

    int abiVersion() {
      return (int) instance.export("dsplan_abi_version").apply()[0];
    }

    byte[] call(byte[] fn, byte[] request) {
      calls++;
      int fnPtr = put(fn);
      int reqPtr = put(request);
      long packed = call.apply(fnPtr, fn.length, reqPtr, request.length)[0];
      int resPtr = (int) (packed >>> 32);
      int resLen = (int) packed;
      if (resLen < 0) {
        throw new DsplanException("abi", "response longer than 2 GiB", null);
      }
      // Read the memory after the call: it may have grown.
      byte[] response = instance.memory().readBytes(resPtr, resLen);
      free.apply(fnPtr, fn.length);
      free.apply(reqPtr, request.length);
      free.apply(resPtr, resLen);
      return response;
    }

    private int put(byte[] bytes) {
      int ptr = (int) alloc.apply(bytes.length)[0];
      instance.memory().write(ptr, bytes);
      return ptr;
    }
  }
}
