package oasis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentPkiTest {

  private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
  private static final List<String> SANS = List.of("localhost", "127.0.0.1");

  @TempDir Path state;

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void makesOwnerOnlyCaAndLeavesWithEverySanSignedByTheCa() throws Exception {
    EnvironmentPki pki = EnvironmentPki.of(state, "staging-secure");

    boolean made = pki.ensure(List.of("order-manager"), SANS, Duration.ofDays(90), at(NOW));

    assertThat(made).isTrue();
    assertThat(pki.dir()).isEqualTo(state.resolve("envs/staging-secure/pki").toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.dir())))
        .isEqualTo("rwx------");
    for (String name : List.of("ca.crt", "client.crt", "client.key", "server.crt", "server.key")) {
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.dir().resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(pki.key("client"))).startsWith("-----BEGIN PRIVATE KEY-----");
    X509Certificate ca = EnvironmentPki.parse(Files.readString(pki.ca()), "ca");
    for (String leaf : List.of("client", "server", "order-manager")) {
      X509Certificate c = EnvironmentPki.parse(Files.readString(pki.cert(leaf)), leaf);
      c.verify(ca.getPublicKey());
      assertThat(c.getSubjectAlternativeNames())
          .extracting(n -> String.valueOf(n.get(1)))
          .containsExactlyInAnyOrderElementsOf(SANS);
    }
  }

  @Test
  void keepsCurrentCertificatesAndRenewsThemThirtyDaysBeforeExpiry() throws Exception {
    EnvironmentPki pki = EnvironmentPki.of(state, "e");
    pki.ensure(List.of(), SANS, Duration.ofDays(90), at(NOW));
    String first = Files.readString(pki.cert("server"));

    assertThat(pki.ensure(List.of(), SANS, Duration.ofDays(90), at(NOW.plus(Duration.ofDays(59)))))
        .as("61 days left: kept")
        .isFalse();
    assertThat(Files.readString(pki.cert("server"))).isEqualTo(first);

    assertThat(pki.ensure(List.of(), SANS, Duration.ofDays(90), at(NOW.plus(Duration.ofDays(61)))))
        .as("29 days left: renewed")
        .isTrue();
    X509Certificate renewed = EnvironmentPki.parse(Files.readString(pki.cert("server")), "server");
    assertThat(renewed.getNotAfter().toInstant()).isAfter(NOW.plus(Duration.ofDays(150)));
  }

  @Test
  void renewsWhenTheTargetUsesAnAddressTheCertificatesLack() throws Exception {
    EnvironmentPki pki = EnvironmentPki.of(state, "e");
    pki.ensure(List.of(), SANS, Duration.ofDays(90), at(NOW));

    assertThat(
            pki.ensure(
                List.of(),
                List.of("localhost", "127.0.0.1", "kafka"),
                Duration.ofDays(90),
                at(NOW)))
        .isTrue();
    assertThat(
            EnvironmentPki.parse(Files.readString(pki.cert("server")), "s")
                .getSubjectAlternativeNames())
        .extracting(n -> String.valueOf(n.get(1)))
        .contains("kafka");
  }

  @Test
  void kafkaClientPropertiesSpeakSaslSslAndTrustTheCa() throws Exception {
    EnvironmentPki pki = EnvironmentPki.of(state, "e");
    pki.ensure(List.of(), SANS, Duration.ofDays(90), at(NOW));
    String password = Credentials.of(state, "e").password("oasis");

    pki.writeKafkaClientProperties("oasis", password);

    Properties p = new Properties();
    try (var in = Files.newBufferedReader(pki.kafkaClientProperties())) {
      p.load(in);
    }
    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(p.getProperty("ssl.truststore.location")).isEqualTo(pki.ca().toString());
    assertThat(p.getProperty("sasl.jaas.config"))
        .contains("username=\"oasis\"")
        .contains("password=\"" + password + "\"");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pki.kafkaClientProperties())))
        .isEqualTo("rw-------");
    assertThat(Credentials.of(state, "e").password("oasis")).as("kept").isEqualTo(password);
  }
}
