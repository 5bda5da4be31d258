package oasis.preflight.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.config.TlsSettings;
import oasis.core.OasisException;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;
import oasis.secrets.SecretResolver;
import oasis.security.EnvironmentPki;

/**
 * No certificate the environment uses expires within {@code days} (default 14): the ones oasis made
 * under {@code .oasis/envs/<env>/pki/}, or the CA and leaf it is given (paths or secret
 * references).
 */
public final class CertificateExpiryCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("days");

  private final int days;

  public CertificateExpiryCheck(Params params) {
    this.days = params.integer("days", 14);
  }

  @Override
  public CheckResult run(CheckContext context) {
    TlsSettings tls = context.env().tls();
    if (tls == null) {
      return CheckResult.skip(context.environment() + " uses no TLS");
    }
    Map<String, X509Certificate> used = new LinkedHashMap<>();
    if (tls.generated()) {
      EnvironmentPki pki = EnvironmentPki.of(context.project().stateDir(), context.environment());
      pki.certificates().forEach((file, c) -> used.put(context.relative(file).toString(), c));
      if (used.isEmpty()) {
        return CheckResult.pass("no certificates yet: the deploy makes them");
      }
    } else {
      Map<String, String> refs = new LinkedHashMap<>();
      refs.put("tls.ca", tls.ca());
      refs.put("tls.cert", tls.cert());
      Map<String, String> pems;
      try {
        pems =
            SecretResolver.of(context.dir(), System.getenv(), context.env().target())
                .resolve(context.environment(), refs);
      } catch (OasisException e) {
        return CheckResult.of(
            List.of(
                Finding.fail(
                    context.relative(context.project().file()), 0, e.getMessage(), e.hint())),
            "");
      }
      pems.forEach((name, value) -> used.put(name, certificate(context, name, value)));
    }
    Instant limit = context.clock().instant().plus(Duration.ofDays(days));
    List<Finding> findings = new ArrayList<>();
    used.forEach(
        (where, c) -> {
          if (c.getNotAfter().toInstant().isBefore(limit)) {
            findings.add(
                Finding.fail(
                    Path.of(where),
                    0,
                    where
                        + " ("
                        + c.getSubjectX500Principal().getName()
                        + ") expires "
                        + c.getNotAfter().toInstant()
                        + ", within "
                        + days
                        + " days",
                    tls.generated()
                        ? "deploy again: oasis renews the certificates it made"
                        : "renew the certificate and update " + where));
          }
        });
    return CheckResult.of(
        findings, used.size() + " certificate(s) valid for " + days + " days or more");
  }

  private static X509Certificate certificate(CheckContext context, String name, String value) {
    if (value.contains("-----BEGIN")) {
      return EnvironmentPki.parse(value, name);
    }
    Path file = context.dir().resolve(value);
    try {
      return EnvironmentPki.parse(Files.readString(file), name + " (" + value + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " at " + file, e);
    }
  }
}
