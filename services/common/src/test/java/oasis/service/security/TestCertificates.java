package oasis.service.security;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA and leaves for tests, written as the PEM files oasis writes under {@code pki/} (the CLI's
 * {@code oasis.security.EnvironmentPki} makes the real ones; the service kit does not depend on the
 * CLI). Shared with the embedded broker's tests through the kit's test-jar.
 */
public final class TestCertificates {

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(Path dir) throws Exception {
    this.dir = dir;
    this.caKeys = keys();
    X500Name name = new X500Name("CN=test CA");
    this.ca =
        sign(
            new JcaX509v3CertificateBuilder(
                    name, serial(), from(), until(), name, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0)),
            caKeys.getPrivate());
    write("ca.crt", pem(ca));
  }

  /** A new CA whose certificate is {@code dir/ca.crt}. */
  public static TestCertificates in(Path dir) {
    try {
      return new TestCertificates(dir);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Path ca() {
    return dir.resolve("ca.crt");
  }

  /** A leaf {@code name} for localhost and 127.0.0.1: {@code dir/name.crt} and {@code name.key}. */
  public TransportSecurity leaf(String name) {
    return leaf(name, "localhost", "127.0.0.1");
  }

  /** A leaf {@code name} with exactly these SANs. */
  public TransportSecurity leaf(String name, String... sans) {
    try {
      KeyPair pair = keys();
      GeneralName[] names = new GeneralName[sans.length];
      for (int i = 0; i < sans.length; i++) {
        names[i] =
            new GeneralName(
                sans[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, sans[i]);
      }
      X509Certificate cert =
          sign(
              new JcaX509v3CertificateBuilder(
                      new X500Name("CN=test CA"),
                      serial(),
                      from(),
                      until(),
                      new X500Name("CN=" + name),
                      pair.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                  .addExtension(
                      Extension.extendedKeyUsage,
                      false,
                      new ExtendedKeyUsage(
                          new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                          }))
                  .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names)),
              caKeys.getPrivate());
      write(name + ".crt", pem(cert));
      write(name + ".key", pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
      return TransportSecurity.of(ca(), dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(String file, String text) {
    try {
      Files.writeString(dir.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
  }

  private static Date until() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }
}
