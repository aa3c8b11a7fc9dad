package io.dsplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Replays every shared conformance vector ({@code conformance/vectors/<function>.json}) through
 * the typed API's JSON methods: the raw report must be byte-identical to the vector's {@code
 * ok}, and the typed report must decode and re-encode to the same bytes (so the records lose no
 * field).
 */
class VectorsTest {

  @Test
  void planVectorsAreByteIdentical() throws IOException {
    replay(
        "plan",
        PlanReport.class,
        (planner, request) -> planner.planJson(documents(request), gates(request)));
  }

  @Test
  void rolloutVectorsAreByteIdentical() throws IOException {
    replay(
        "rollout",
        RolloutReport.class,
        (planner, request) ->
            planner.rolloutJson(documents(request), gates(request), timing(request)));
  }

  @Test
  void checkVectorsAreByteIdentical() throws IOException {
    replay(
        "check",
        CheckReport.class,
        (planner, request) ->
            planner.checkJson(
                documents(request), policy(request), gates(request), timing(request)));
  }

  @Test
  void validateVectorsAreByteIdentical() throws IOException {
    replay(
        "validate",
        ValidationReport.class,
        (planner, request) -> planner.validateJson(documents(request)));
  }

  /** Replays {@code conformance/vectors/<fn>.json}, streamed one vector at a time (MBs each). */
  private static void replay(
      String fn, Class<?> report, BiFunction<Planner, JsonNode, String> call) throws IOException {
    Planner planner = Shared.planner();
    List<String> drift = new ArrayList<>();
    int count = 0;
    String file = "conformance/vectors/" + fn + ".json";
    try (JsonParser p = Planner.JSON.createParser(Shared.repo().resolve(file).toFile())) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("vectors")) {
          p.skipChildren();
          continue;
        }
        assertEquals(JsonToken.START_ARRAY, p.currentToken());
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode vector = Planner.JSON.readTree(p);
          count++;
          String id = vector.get("id").asText();
          String want = vector.get("ok").asText();
          String got = call.apply(planner, vector.get("request"));
          if (!got.equals(want)) {
            drift.add(id + " (first difference at byte " + firstDifference(got, want) + ")");
            continue;
          }
          Object typed = Planner.JSON.readValue(got, report);
          assertEquals(
              want,
              Planner.JSON.writeValueAsString(typed),
              fn + " " + id + ": the typed report does not re-encode to the same bytes");
        }
      }
    }
    assertTrue(count > 0, "no vectors in " + file);
    if (!drift.isEmpty()) {
      fail(fn + ": " + drift.size() + " of " + count + " vectors drifted; first: "
          + drift.get(0) + "; all: " + drift);
    }
  }

  private static List<Document> documents(JsonNode request) {
    List<Document> documents = new ArrayList<>();
    for (JsonNode d : request.get("documents")) {
      Document.Role role = Planner.JSON.convertValue(d.get("role"), Document.Role.class);
      documents.add(new Document(d.get("name").asText(), d.get("text").asText(), role));
    }
    return documents;
  }

  private static Map<String, Boolean> gates(JsonNode request) {
    Map<String, Boolean> gates = new LinkedHashMap<>();
    request.path("options").path("featureGates").fields()
        .forEachRemaining(e -> gates.put(e.getKey(), e.getValue().booleanValue()));
    return gates;
  }

  /** The vector's policy; null when it has none (the built-in default policy). */
  private static Policy policy(JsonNode request) {
    JsonNode policy = request.path("policy");
    return policy.isObject()
        ? new Policy(policy.get("name").asText(), policy.get("text").asText())
        : null;
  }

  /** The vector's timing; null when it has none (the CLI's defaults). */
  private static Timing timing(JsonNode request) {
    JsonNode timing = request.path("timing");
    return timing.isObject() ? Planner.JSON.convertValue(timing, Timing.class) : null;
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }
}
