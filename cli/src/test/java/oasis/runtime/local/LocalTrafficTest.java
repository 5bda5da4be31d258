package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceLaunch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTrafficTest {

  @TempDir Path dir;

  private static LocalSpec spec(String name, String component, String track, int grpc) {
    return new LocalSpec(
        new InstanceLaunch(
            name,
            component,
            InstanceKind.SERVICE,
            track,
            "1",
            "sha",
            List.of("java"),
            Map.of(),
            Map.of("grpc", grpc, "metrics", grpc + 1),
            List.of()),
        "h",
        null);
  }

  private void desired(LocalSpec... specs) {
    new LocalFiles(dir).writeDesired(new LocalDesired(1, 1000, false, List.of(specs), List.of()));
  }

  private String routes() throws Exception {
    return Files.readString(LocalTraffic.routesFile(dir));
  }

  @Test
  void rendersStableAndCanaryWeightsWithTheirPortsAndDropsAStoppedTrack() throws Exception {
    desired(
        spec("order-manager", "order-manager", "stable", 50052),
        spec("order-manager@canary", "order-manager", "canary", 50152),
        spec("risk-engine", "risk-engine", "stable", 50051));
    LocalTraffic traffic = new LocalTraffic(dir);
    traffic.setWeight("canary", 20, List.of("order-manager"));
    assertThat(routes())
        .contains("order-manager stable 127.0.0.1:50052 80\n")
        .contains("order-manager canary 127.0.0.1:50152 20\n")
        .doesNotContain("risk-engine");
    traffic.setWeight("canary", 100, List.of("order-manager"));
    assertThat(routes()).contains("stable 127.0.0.1:50052 0\n", "canary 127.0.0.1:50152 100\n");

    // a plan without the canary: the next render leaves no route to it, weights or not
    desired(spec("order-manager", "order-manager", "stable", 50052));
    traffic.render();
    assertThat(routes()).doesNotContain("canary").doesNotContain("order-manager");
    traffic.setWeight("canary", 0, List.of("order-manager"));
    assertThat(traffic.weights()).isEmpty();
  }
}
