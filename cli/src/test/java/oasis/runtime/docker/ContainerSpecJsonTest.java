package oasis.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSpecJsonTest {

  @TempDir Path dir;

  /**
   * An environment deployed by an earlier build keeps its docker.json until the next deploy:
   * status, logs and down must still find its containers by instance.
   */
  @Test
  void aStateWrittenBeforeTheSharedContractStillNamesItsInstances() throws Exception {
    Files.writeString(
        dir.resolve(DockerState.FILE),
        """
        {"containers":[{"instance":"order-manager@canary","component":"order-manager",
          "kind":"SERVICE","track":"canary","version":"1.2.0","artifact":"sha",
          "container":"oasis-stg-order-manager-canary","image":"oasis/order-manager:x",
          "command":[],"env":{"A":"1"},"ports":{"grpc":50052},"labels":{},
          "aliases":["order-manager-canary"],"dependsOn":["kafka"],"memory":null,
          "memoryBytes":null,"cpus":null,"restartPolicy":"unless-stopped","healthcheck":true,
          "volumes":{},"hostAddressVars":{}}],"notes":[]}
        """);

    DockerState state = DockerState.read(dir);

    ContainerSpec spec = state.instance("order-manager@canary").orElseThrow();
    assertThat(spec.container()).isEqualTo("oasis-stg-order-manager-canary");
    assertThat(spec.launch().track()).isEqualTo("canary");
    assertThat(spec.launch().dependsOn()).containsExactly("kafka");
    assertThat(spec.port("grpc")).isEqualTo(50052);
  }

  @Test
  void aStateIsReadBackAsItWasWritten() {
    ContainerSpec spec =
        DockerTrafficTest.spec("order-manager@canary", "order-manager", "canary", 50052);
    new DockerState(java.util.List.of(spec), java.util.List.of("n")).write(dir);

    assertThat(DockerState.read(dir).containers()).containsExactly(spec);
  }
}
