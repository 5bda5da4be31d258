package oasis.service.security;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;

/**
 * The one place where a service (and oasis, which shares it) builds TLS for its hops: gRPC servers
 * that demand a client certificate (mutual TLS), gRPC channels that present one, and the {@link
 * SSLContext} of Redis clients. Configured by {@code OASIS_TLS_CA}, {@code OASIS_TLS_CERT} and
 * {@code OASIS_TLS_KEY} (absolute paths to PEM files, the key unencrypted PKCS#8); none set means
 * plaintext, as on staging.
 */
public final class TransportSecurity {

  public static final String CA = "OASIS_TLS_CA";
  public static final String CERT = "OASIS_TLS_CERT";
  public static final String KEY = "OASIS_TLS_KEY";

  private final Optional<PemFiles> files;

  private TransportSecurity(Optional<PemFiles> files) {
    this.files = files;
  }

  /** PEM files: the CA every peer must be signed by, our certificate and its key. */
  public record PemFiles(Path ca, Path cert, Path key) {}

  /** No TLS anywhere. */
  public static TransportSecurity plaintext() {
    return new TransportSecurity(Optional.empty());
  }

  /** TLS with these files. */
  public static TransportSecurity of(Path ca, Path cert, Path key) {
    return new TransportSecurity(Optional.of(new PemFiles(ca, cert, key)));
  }

  /** From {@code OASIS_TLS_CA/CERT/KEY}: all three or none, each a readable file. */
  public static TransportSecurity from(ServiceConfig config) {
    Optional<String> ca = config.raw(CA);
    Optional<String> cert = config.raw(CERT);
    Optional<String> key = config.raw(KEY);
    if (ca.isEmpty() && cert.isEmpty() && key.isEmpty()) {
      return plaintext();
    }
    for (String name : new String[] {CA, CERT, KEY}) {
      Optional<String> value = config.raw(name);
      if (value.isEmpty()) {
        throw new ConfigException(
            name + " is required when any of " + CA + ", " + CERT + ", " + KEY + " is set");
      }
      if (!Files.isReadable(Path.of(value.get()))) {
        throw ConfigException.invalid(name, value.get(), "a readable PEM file");
      }
    }
    return of(Path.of(ca.get()), Path.of(cert.get()), Path.of(key.get()));
  }

  public boolean enabled() {
    return files.isPresent();
  }

  /** The files, when TLS is on. */
  public Optional<PemFiles> files() {
    return files;
  }

  /** Server credentials: TLS that requires a client certificate signed by the CA. */
  public ServerCredentials grpcServer() {
    if (files.isEmpty()) {
      return InsecureServerCredentials.create();
    }
    PemFiles f = files.get();
    try {
      return TlsServerCredentials.newBuilder()
          .keyManager(f.cert().toFile(), f.key().toFile())
          .trustManager(f.ca().toFile())
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
          .build();
    } catch (IOException e) {
      throw new ConfigException("cannot read the TLS files " + f + ": " + e.getMessage());
    }
  }

  /** Channel credentials: trust only the CA, present our certificate. */
  public ChannelCredentials grpcChannel() {
    if (files.isEmpty()) {
      return InsecureChannelCredentials.create();
    }
    PemFiles f = files.get();
    try {
      return TlsChannelCredentials.newBuilder()
          .keyManager(f.cert().toFile(), f.key().toFile())
          .trustManager(f.ca().toFile())
          .build();
    } catch (IOException e) {
      throw new ConfigException("cannot read the TLS files " + f + ": " + e.getMessage());
    }
  }

  /** An SSL context that trusts only the CA and presents our certificate (Redis, plain TLS). */
  public SSLContext sslContext() {
    PemFiles f =
        files.orElseThrow(() -> new IllegalStateException("TLS is off: " + CA + " is not set"));
    try {
      return PemKeys.sslContext(f.ca(), f.cert(), f.key());
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("cannot load the TLS files " + f + ": " + e.getMessage());
    }
  }
}
