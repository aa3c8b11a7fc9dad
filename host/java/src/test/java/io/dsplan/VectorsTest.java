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
import org.junit.jupiter.api.Test;

/**
 * Replays every shared conformance vector ({@code conformance/vectors/plan.json}): the raw
 * report must be byte-identical to the vector's {@code ok}, and the typed report must decode
 * and re-encode to the same bytes (so the records lose no field).
 */
class VectorsTest {

  @Test
  void everyVectorIsByteIdentical() throws IOException {
    Planner planner = Shared.planner();
    List<String> drift = new ArrayList<>();
    int count = 0;
    // The file is several MB: stream it one vector at a time.
    try (JsonParser p =
        Planner.JSON.createParser(Shared.repo().resolve("conformance/vectors/plan.json").toFile())) {
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
          String got = planJson(planner, vector.get("request"));
          if (!got.equals(want)) {
            drift.add(id + " (first difference at byte " + firstDifference(got, want) + ")");
            continue;
          }
          PlanReport typed = Planner.JSON.readValue(got, PlanReport.class);
          assertEquals(
              want,
              Planner.JSON.writeValueAsString(typed),
              id + ": the typed report does not re-encode to the same bytes");
        }
      }
    }
    assertTrue(count > 0, "no vectors in plan.json");
    if (!drift.isEmpty()) {
      fail(drift.size() + " of " + count + " vectors drifted; first: " + drift.get(0)
          + "; all: " + drift);
    }
  }

  private static String planJson(Planner planner, JsonNode request) {
    List<Document> documents = new ArrayList<>();
    for (JsonNode d : request.get("documents")) {
      Document.Role role = Planner.JSON.convertValue(d.get("role"), Document.Role.class);
      documents.add(new Document(d.get("name").asText(), d.get("text").asText(), role));
    }
    Map<String, Boolean> gates = new LinkedHashMap<>();
    request.path("options").path("featureGates").fields()
        .forEachRemaining(e -> gates.put(e.getKey(), e.getValue().booleanValue()));
    return planner.planJson(documents, gates);
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
