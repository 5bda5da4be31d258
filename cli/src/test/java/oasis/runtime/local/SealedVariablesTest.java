package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import oasis.artifact.ArtifactStore;
import oasis.core.Json;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process's plan variables (resolved secrets) stay out of {@code desired.json}. */
class SealedVariablesTest {

  @TempDir Path tmp;

  private LocalSpec spec(LocalTarget target, String secret) {
    PlannedInstance redis =
        new PlannedInstance(
            "redis",
            "redis",
            InstanceKind.REDIS,
            "stable",
            null,
            null,
            Map.of("API_SECRET", secret, "OASIS_VERSION", "1.0.0"),
            Map.of("redis", 6379),
            List.of());
    Plan plan = new Plan("x", "1.0.0", "abc", List.of(redis), List.of());
    Map<String, Map<String, Integer>> ports = Map.of("redis", Map.of("redis", 6379));
    return target.specs(plan, ports, ports).get(0);
  }

  @Test
  void planVariablesGoToAnOwnerOnlyFileAndTheDefinitionKeepsNoValue() throws Exception {
    Path envDir = tmp.resolve("envs/x");
    LocalTarget target = new LocalTarget(envDir, new ArtifactStore(tmp), "java", "cp");

    LocalSpec spec = spec(target, "planted-7f3e9a");

    String desired =
        new String(
            Json.bytes(new LocalDesired(1, 1000, false, List.of(spec), List.of())),
            StandardCharsets.UTF_8);
    assertThat(desired).doesNotContain("planted-7f3e9a").contains("redis.variables.json");
    Path file = Path.of(spec.variablesFile());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(SealedVariables.open(spec.variablesFile()))
        .containsEntry("API_SECRET", "planted-7f3e9a");
    assertThat(spec(target, "another-value").hash())
        .as("a changed secret restarts its process")
        .isNotEqualTo(spec.hash());
  }
}
