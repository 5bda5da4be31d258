package oasis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** One finished run of the packaged CLI: its exit code, both streams, and how long it took. */
public record CliResult(int code, String out, String err, long millis) {

  /** Standard output read as the JSON document that {@code --output json} promises. */
  public JsonNode json() throws IOException {
    return new ObjectMapper().readTree(out);
  }

  /**
   * The entry of {@code name} in the {@code components} of a {@code status --output json} result.
   */
  public static JsonNode component(JsonNode status, String name) {
    for (JsonNode c : status.get("components")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no component " + name + " in " + status);
  }
}
