package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import oasis.config.ConfigException;
import oasis.config.ProjectLoader;
import oasis.security.EnvironmentPki;
import oasis.security.Pki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateExpiryTest {

  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

  @TempDir Path dir;
  Fixture fixture;

  @BeforeEach
  void copy() {
    fixture = Fixture.copyOfRepository(dir);
  }

  private CheckOutcome run(String env, Instant now) {
    return fixture.runOnly("certificate-expiry", env, null, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void certificatesOasisMadeFailWithinFourteenDaysOfExpiry() {
    EnvironmentPki.of(dir.resolve(".oasis"), "staging-secure")
        .ensure(
            List.of(),
            List.of("localhost", "127.0.0.1"),
            Duration.ofDays(90),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(run("staging-secure", NOW.plus(Duration.ofDays(75))).status())
        .as("15 days left")
        .isEqualTo(Status.PASS);
    CheckOutcome late = run("staging-secure", NOW.plus(Duration.ofDays(77)));
    assertThat(late.status()).as("13 days left").isEqualTo(Status.FAIL);
    assertThat(late.findings())
        .extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("pki/server.crt").contains("within 14 days"));
  }

  @Test
  void givenCertificatesAreCheckedToo() {
    Pki.Issued ca = Pki.authority("given CA", NOW, Duration.ofDays(365));
    Pki.Issued leaf = Pki.leaf(ca, "prod", List.of("orders"), NOW, Duration.ofDays(20));
    fixture.write("certs/ca.pem", ca.certificatePem());
    fixture.write("certs/leaf.pem", leaf.certificatePem());
    fixture.replace(
        "oasis.yaml",
        "    tls: {certificates: generated, validityDays: 90}",
        "    tls: {certificates: given, ca: certs/ca.pem, cert: 'file:certs/leaf.pem',"
            + " key: 'vault:secret/oasis#tls-key'}");

    assertThat(run("staging-secure", NOW).status()).isEqualTo(Status.PASS);
    CheckOutcome late = run("staging-secure", NOW.plus(Duration.ofDays(7)));
    assertThat(late.status()).isEqualTo(Status.FAIL);
    assertThat(late.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("tls.cert (CN=prod) expires"));
  }

  @Test
  void environmentWithoutTlsIsSkipped() {
    assertThat(run("staging", NOW).status()).isEqualTo(Status.SKIP);
  }

  @Test
  void productionNeverUsesCertificatesOasisMade() {
    fixture.replace(
        "oasis.yaml",
        "    kafka: {replicas: 3, securityProtocol: SASL_SSL, saslMechanism: SCRAM-SHA-512}\n",
        "    kafka: {replicas: 3, securityProtocol: SASL_SSL, saslMechanism: SCRAM-SHA-512}\n"
            + "    tls: {certificates: generated}\n");

    assertThatThrownBy(() -> ProjectLoader.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("production uses the certificates it is given");
  }
}
