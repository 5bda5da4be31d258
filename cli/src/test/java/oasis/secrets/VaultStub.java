package oasis.secrets;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import oasis.core.Json;
import oasis.security.Pki;

/**
 * A HashiCorp Vault KV v2 read endpoint over HTTPS, as Vault's API documents it: {@code GET
 * /v1/<mount>/data/<path>} with {@code X-Vault-Token}; 403 for any other token, 404 for other
 * paths.
 */
final class VaultStub implements AutoCloseable {

  private final HttpsServer server;
  final Path caFile;

  VaultStub(Path dir, String token, String path, Map<String, String> data) throws Exception {
    Pki.Issued ca = Pki.authority("vault-test-ca", Instant.now(), Duration.ofHours(1));
    Pki.Issued leaf =
        Pki.leaf(
            ca, "localhost", List.of("localhost", "127.0.0.1"), Instant.now(), Duration.ofHours(1));
    caFile = dir.resolve("vault-ca.crt");
    Files.writeString(caFile, ca.certificatePem());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "vault", leaf.key(), new char[0], new Certificate[] {leaf.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/v1/",
        exchange -> {
          int status;
          byte[] body;
          if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
            status = 403;
            body = Json.bytes(Map.of("errors", List.of("permission denied")));
          } else if (!exchange.getRequestURI().getPath().equals("/v1/" + path)) {
            status = 404;
            body = Json.bytes(Map.of("errors", List.of()));
          } else {
            status = 200;
            body =
                Json.bytes(
                    Map.of(
                        "data",
                        Map.of("data", data, "metadata", Map.of("version", 1)),
                        "lease_duration",
                        0,
                        "renewable",
                        false));
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  String address() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
  }
}
