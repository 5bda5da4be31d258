package oasis.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files encrypted by the {@code age} command (Debian's, installed by .ci/run) resolve in oasis. */
class AgeInteropIT {

  @TempDir Path dir;

  private String run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  @Test
  void binaryAndArmoredFilesFromTheAgeCommandResolve() throws Exception {
    run("age-keygen", "-o", "identity.txt");
    String recipient =
        Files.readAllLines(dir.resolve("identity.txt")).stream()
            .filter(l -> l.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());
    Files.writeString(dir.resolve("coinbase.env"), "api_key=from-age-cli\napi_secret=armored\n");
    run("age", "-r", recipient, "-o", "coinbase.env.age", "coinbase.env");
    run("age", "-a", "-r", recipient, "-o", "coinbase.env.asc", "coinbase.env");
    Files.delete(dir.resolve("coinbase.env"));

    Map<String, String> resolved =
        SecretResolver.of(
                dir,
                Map.of(AgeSecrets.IDENTITY_VARIABLE, dir.resolve("identity.txt").toString()),
                "local")
            .resolve(
                "order-manager",
                Map.of(
                    "COINBASE_API_KEY", "age:coinbase.env.age#api_key",
                    "COINBASE_API_SECRET", "age:coinbase.env.asc#api_secret"));

    assertThat(resolved)
        .containsEntry("COINBASE_API_KEY", "from-age-cli")
        .containsEntry("COINBASE_API_SECRET", "armored");
    assertThat(Files.readString(dir.resolve("coinbase.env.age"), StandardCharsets.ISO_8859_1))
        .as("the file that may live in git is encrypted")
        .doesNotContain("from-age-cli");
  }
}
