package oasis.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceLaunch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerTrafficTest {

  @TempDir Path dir;

  static ContainerSpec spec(String instance, String component, String track, int grpc) {
    return new ContainerSpec(
        new InstanceLaunch(
            instance,
            component,
            InstanceKind.SERVICE,
            track,
            "1.0.0",
            "sha",
            List.of(),
            Map.of("ORDER_MANAGER_GRPC_ADDR", "order-manager:50052"),
            Map.of("grpc", grpc, "metrics", grpc + 1),
            List.of()),
        "oasis-it-" + instance.replace('@', '-'),
        "oasis/" + component + ":x",
        Map.of("oasis.track", track),
        "stable".equals(track) ? List.of(instance, component) : List.of(instance.replace('@', '-')),
        null,
        null,
        null,
        "unless-stopped",
        true,
        Map.of(),
        Map.of(),
        Map.of());
  }

  private void applied(ContainerSpec... specs) {
    new DockerState(DockerTraffic.wire(List.of(specs)), List.of()).write(dir);
  }

  private String routes() throws Exception {
    return Files.readString(DockerTraffic.routesFile(dir));
  }

  private DockerTraffic traffic() {
    return new DockerTraffic(
        dir,
        () -> {
          throw new AssertionError("routes need no engine");
        });
  }

  @Test
  void routesNameEachTracksContainerOnTheNetworkAndDropATrackThatNoLongerRuns() throws Exception {
    applied(
        spec("order-manager", "order-manager", "stable", 50052),
        spec("order-manager@canary", "order-manager", "canary", 50052),
        spec("risk-engine", "risk-engine", "stable", 50051));
    DockerTraffic traffic = traffic();
    traffic.setWeight("canary", 20, List.of("order-manager"));
    assertThat(routes())
        .contains("order-manager stable order-manager:50052 80\n")
        .contains("order-manager canary order-manager-canary:50052 20\n")
        .doesNotContain("risk-engine");
    assertThat(Files.getPosixFilePermissions(DockerTraffic.routesFile(dir)))
        .as("readable by the containers' user")
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.getPosixFilePermissions(DockerTraffic.routesFile(dir).getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));

    applied(spec("order-manager", "order-manager", "stable", 50052));
    traffic.render();
    assertThat(routes()).doesNotContain("canary").doesNotContain("order-manager");
    traffic.setWeight("canary", 0, List.of("order-manager"));
    assertThat(traffic.weights()).isEmpty();
  }

  @Test
  void everyServiceGetsTheMountedRoutesFileAndTheMountIsTheDirectoryReadOnly() {
    ContainerSpec wired =
        DockerTraffic.wire(List.of(spec("order-manager", "order-manager", "stable", 50052))).get(0);
    assertThat(wired.launch().env())
        .containsEntry("OASIS_ROUTES_FILE", "/etc/oasis/traffic/routes")
        .containsEntry("ORDER_MANAGER_GRPC_ADDR", "order-manager:50052");
    var bind = traffic().bind();
    assertThat(bind.getPath()).isEqualTo(DockerTraffic.routesFile(dir).getParent().toString());
    assertThat(bind.getVolume().getPath()).isEqualTo("/etc/oasis/traffic");
    assertThat(bind.getAccessMode().toString()).isEqualTo("ro");
  }
}
