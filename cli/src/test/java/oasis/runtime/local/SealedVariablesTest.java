package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import oasis.artifact.ArtifactStore;
import oasis.core.Json;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.testing.ColdJvm;
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

  @Test
  void theKeyedDigestIsTheJdksHmacSha256() throws Exception {
    for (int keyLength : new int[] {0, 1, 32, 64, 65, 200}) {
      byte[] key = new byte[keyLength];
      for (int i = 0; i < keyLength; i++) {
        key[i] = (byte) (i * 7 + keyLength);
      }
      for (String message : List.of("", "{\"A\":\"1\"}", "x".repeat(1000))) {
        Mac mac = Mac.getInstance("HmacSHA256");
        // the JDK refuses an empty key; HMAC itself pads any key with zeros
        mac.init(new SecretKeySpec(keyLength == 0 ? new byte[1] : key, "HmacSHA256"));
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        assertThat(SealedVariables.hmacSha256(keyLength == 0 ? new byte[1] : key, data))
            .as("key of %d bytes, message of %d", keyLength, data.length)
            .isEqualTo(mac.doFinal(data));
      }
    }
  }

  @Test
  void digestingVariablesSetsUpNoJceAndSearchesNoClassPath() throws Exception {
    ColdJvm jvm = ColdJvm.start(tmp, Digests.class.getName(), tmp.resolve("envs/x").toString());
    assertThat(jvm.exited(Duration.ofSeconds(60))).as("finished").isTrue();
    assertThat(jvm.output()).matches("[0-9a-f]{64}\\s*");
    assertThat(jvm.loadedClasses())
        .as("the log was read")
        .contains("oasis.runtime.local.SealedVariables")
        .as("the JCE's set-up opens every jar of the class path: tenths of a second of a rollback")
        .doesNotContain("javax.crypto.JceSecurity", "jdk.internal.loader.URLClassPath$1");
  }

  /** Digests one process's variables, as every converge of the local target does. */
  static final class Digests {
    public static void main(String[] args) {
      System.out.println(new SealedVariables(Path.of(args[0])).digest(Map.of("A", "1")));
    }
  }
}
