package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import oasis.core.Json;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceLaunch;
import org.junit.jupiter.api.Test;

class LocalSpecJsonTest {

  private static final LocalSpec SPEC =
      new LocalSpec(
          new InstanceLaunch(
              "order-manager@canary",
              "order-manager",
              InstanceKind.SERVICE,
              "canary",
              "1.2.0",
              "sha",
              List.of("java", "-cp", "x", "Main"),
              Map.of("A", "1"),
              Map.of("grpc", 50052, "metrics", 9094),
              List.of("kafka")),
          "h",
          "/v.json");

  /**
   * A running supervisor of an earlier build reads the desired.json this build writes: each process
   * stays one flat object with the fields it always had.
   */
  @Test
  void aProcessIsWrittenFlatWithItsFieldsInTheirOrderAndReadBack() {
    LocalDesired desired = new LocalDesired(3, 1000, false, List.of(SPEC), List.of());
    String json = new String(Json.bytes(desired), StandardCharsets.UTF_8).replaceAll("\\s", "");

    assertThat(json)
        .doesNotContain("\"launch\"")
        .contains(
            "{\"name\":\"order-manager@canary\",\"component\":\"order-manager\",\"kind\":\"SERVICE\","
                + "\"track\":\"canary\",\"version\":\"1.2.0\",\"artifact\":\"sha\",\"command\":[\"java\","
                + "\"-cp\",\"x\",\"Main\"],\"env\":{\"A\":\"1\"},\"ports\":{\"grpc\":50052,\"metrics\":9094},"
                + "\"dependsOn\":[\"kafka\"],\"hash\":\"h\",\"variablesFile\":\"/v.json\"}");
    assertThat(Json.mapper().convertValue(Json.mapper().valueToTree(desired), LocalDesired.class))
        .isEqualTo(desired);
  }
}
