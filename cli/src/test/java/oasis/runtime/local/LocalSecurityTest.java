package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.security.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecurityTest {

  @TempDir Path envDir;

  private static PlannedInstance instance(String name, InstanceKind kind) {
    return new PlannedInstance(
        name, name, kind, "stable", null, null, Map.of(), Map.of("p", 1), List.of());
  }

  private final Plan plan =
      new Plan(
          "staging-secure",
          "1.0.0",
          "abc",
          List.of(
              instance("kafka", InstanceKind.KAFKA),
              instance("redis", InstanceKind.REDIS),
              instance("order-manager", InstanceKind.SERVICE)),
          List.of());

  private PlannedInstance find(String name) {
    return plan.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyInstanceGetsFilesNeverASecretValue() throws Exception {
    LocalSecurity security = new LocalSecurity(envDir, Duration.ofDays(90), Clock.systemUTC());

    security.prepare(plan);

    String password = new Credentials(envDir.resolve("credentials")).password("order-manager");
    Map<String, String> service = security.env(find("order-manager"));
    assertThat(service)
        .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .containsEntry("KAFKA_SASL_USERNAME", "order-manager")
        .containsEntry("REDIS_USER", "order-manager")
        .containsEntry("OASIS_TLS_CERT", envDir.resolve("pki/order-manager.crt").toString());
    assertThat(service.values()).noneMatch(v -> v.contains(password));
    assertThat(Files.readString(Path.of(service.get("KAFKA_SASL_PASSWORD_FILE"))).strip())
        .isEqualTo(password);
    assertThat(security.env(find("kafka")))
        .containsEntry("KAFKA_SASL_USERNAME", LocalSecurity.BROKER)
        .containsKey("KAFKA_SCRAM_USERS_FILE");
    Path acl = envDir.resolve("credentials/redis-users.acl");
    assertThat(Files.readString(acl))
        .startsWith("user default off\n")
        .contains("user order-manager on >" + password)
        .contains("user oasis on >");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(acl)))
        .isEqualTo("rw-------");
    assertThat(security.redisArguments(find("redis"), 17379))
        .containsSequence("--port", "0")
        .containsSequence("--tls-port", "17379")
        .containsSequence("--tls-auth-clients", "yes");
    assertThat(envDir.resolve("pki/kafka.crt")).exists();
    assertThat(envDir.resolve("pki/kafka-client.properties")).exists();
  }

  @Test
  void renewedCertificatesChangeTheGenerationSoEveryProcessRestarts() {
    Clock now =
        Clock.fixed(java.time.Instant.parse("2026-12-06T08:00:00Z"), java.time.ZoneOffset.UTC);
    new LocalSecurity(envDir, Duration.ofDays(90), now).prepare(plan);
    String first = new LocalSecurity(envDir, Duration.ofDays(90), now).generation();

    new LocalSecurity(envDir, Duration.ofDays(90), Clock.offset(now, Duration.ofDays(10)))
        .prepare(plan);
    assertThat(new LocalSecurity(envDir, Duration.ofDays(90), now).generation())
        .as("kept: 80 days left")
        .isEqualTo(first);

    new LocalSecurity(envDir, Duration.ofDays(90), Clock.offset(now, Duration.ofDays(70)))
        .prepare(plan);
    assertThat(new LocalSecurity(envDir, Duration.ofDays(90), now).generation())
        .as("renewed: 20 days left")
        .isNotEqualTo(first);
  }
}
