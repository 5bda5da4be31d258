package oasis.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oasis.artifact.ArtifactStore;
import oasis.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSpecJsonTest {

  @TempDir Path dir;

  /** A container's spec as docker.json held it before the runtime contract was shared. */
  static final String OLD_SPEC =
      """
      {"instance":"order-manager@canary","component":"order-manager",
        "kind":"SERVICE","track":"canary","version":"1.2.0","artifact":"sha",
        "container":"oasis-stg-order-manager-canary","image":"oasis/order-manager:x",
        "command":[],"env":{"A":"1"},"ports":{"grpc":50052},"labels":{},
        "aliases":["order-manager-canary"],"dependsOn":["kafka"],"memory":null,
        "memoryBytes":null,"cpus":null,"restartPolicy":"unless-stopped","healthcheck":true,
        "volumes":{},"hostAddressVars":{}}
      """;

  /**
   * An environment deployed by an earlier build keeps its docker.json until the next deploy:
   * status, logs and down must still find its containers by instance.
   */
  @Test
  void aStateWrittenBeforeTheSharedContractStillNamesItsInstances() throws Exception {
    Files.writeString(
        dir.resolve(DockerState.FILE), "{\"containers\":[" + OLD_SPEC + "],\"notes\":[]}");

    DockerState state = DockerState.read(dir);

    ContainerSpec spec = state.instance("order-manager@canary").orElseThrow();
    assertThat(spec.container()).isEqualTo("oasis-stg-order-manager-canary");
    assertThat(spec.launch().track()).isEqualTo("canary");
    assertThat(spec.launch().dependsOn()).containsExactly("kafka");
    assertThat(spec.port("grpc")).isEqualTo(50052);
  }

  /**
   * The spec's hash is a label on running containers: taken over the layout above whatever the
   * classes look like, so that upgrading oasis recreates no container.
   */
  @Test
  void theHashIsTakenOverTheLayoutContainersWereLabelledWith() throws Exception {
    Files.writeString(dir.resolve(DockerState.FILE), "{\"containers\":[" + OLD_SPEC + "]}");
    ContainerSpec spec = DockerState.read(dir).containers().get(0);

    JsonNode asLabelled = new ObjectMapper().readTree(OLD_SPEC);
    assertThat(ContainerSpecs.hash(spec))
        .isEqualTo(ArtifactStore.sha256(Json.bytes(List.of(asLabelled, ""))));
  }

  @Test
  void aStateIsReadBackAsItWasWritten() {
    ContainerSpec spec =
        DockerTrafficTest.spec("order-manager@canary", "order-manager", "canary", 50052);
    new DockerState(java.util.List.of(spec), java.util.List.of("n")).write(dir);

    assertThat(DockerState.read(dir).containers()).containsExactly(spec);
  }
}
