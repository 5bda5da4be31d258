package oasis.security;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How oasis itself (probes, smoke, analysis traffic) reaches an environment whose hops are secured:
 * the CA, oasis's client certificate and key under {@code pki/}, and its SCRAM login to Kafka. The
 * oasis side of the service kit's {@code TransportSecurity} (the CLI does not load the kit).
 */
public final class ClientTls {

  private final Path ca;
  private final Path cert;
  private final Path key;
  private final Optional<String[]> kafkaLogin;

  private ClientTls(Path ca, Path cert, Path key, Optional<String[]> kafkaLogin) {
    this.ca = ca;
    this.cert = cert;
    this.key = key;
    this.kafkaLogin = kafkaLogin;
  }

  /** The {@code client} certificate of a PKI directory, without a Kafka login. */
  public static ClientTls inPki(Path pkiDir) {
    return new ClientTls(
        pkiDir.resolve("ca.crt"),
        pkiDir.resolve(EnvironmentPki.CLIENT + ".crt"),
        pkiDir.resolve(EnvironmentPki.CLIENT + ".key"),
        Optional.empty());
  }

  /** The same certificate, logging in to Kafka as {@code user}. */
  public ClientTls withKafkaLogin(String user, String password) {
    return new ClientTls(ca, cert, key, Optional.of(new String[] {user, password}));
  }

  /** gRPC credentials: trust the CA, present oasis's certificate (mutual TLS). */
  public ChannelCredentials grpc() {
    try {
      return TlsChannelCredentials.newBuilder()
          .keyManager(cert.toFile(), key.toFile())
          .trustManager(ca.toFile())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read oasis's client certificate in " + cert, e);
    }
  }

  /** Kafka client security properties: SASL_SSL, SCRAM-SHA-512, trusting the CA. */
  public Properties kafka() {
    Properties p = new Properties();
    kafkaLogin.ifPresent(
        login -> {
          p.put("security.protocol", "SASL_SSL");
          p.put("sasl.mechanism", "SCRAM-SHA-512");
          p.put("sasl.jaas.config", KafkaJaas.scram(login[0], login[1]));
          p.put("ssl.truststore.type", "PEM");
          p.put("ssl.truststore.location", ca.toString());
        });
    return p;
  }

  /** A TLS context with oasis's certificate (Redis probes). */
  public SSLContext ssl() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int n = 0;
      for (Certificate c : certificates(ca)) {
        trust.setCertificateEntry("ca" + n++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      String pem = Files.readString(key);
      String body =
          pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
      keys.setKeyEntry(
          "oasis",
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body))),
          new char[0],
          certificates(cert).toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read oasis's client certificate in " + cert, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load oasis's client certificate " + cert, e);
    }
  }

  private static java.util.Collection<? extends Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "ClientTls[" + cert + kafkaLogin.map(l -> ", kafka user " + l[0]).orElse("") + "]";
  }
}
