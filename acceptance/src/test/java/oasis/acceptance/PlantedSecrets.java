package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A unique value planted in each kind of secret reference ({@code ${env:}}, {@code file:}, {@code
 * age:}, {@code vault:} served by a KV v2 endpoint of the test's own over HTTPS), and the search
 * for those values (and the passwords oasis makes itself) in every file under {@code .oasis/} and
 * in every output a command printed.
 */
final class PlantedSecrets implements AutoCloseable {

  static final String VAULT_TOKEN_VALUE = "it-vault-token-" + UUID.randomUUID();

  /** Reference kind to its unique value. */
  final Map<String, String> values = new LinkedHashMap<>();

  private final HttpsServer vault;

  /**
   * Writes the secret files into {@code project} (git-ignored {@code environments/}) and the age
   * identity and Vault's CA into {@code outside}; returns the environment's {@code .env} content.
   */
  PlantedSecrets(Path outside) throws Exception {
    for (String kind : List.of("env", "file", "age", "vault")) {
      values.put(kind, "planted-" + kind + "-" + UUID.randomUUID().toString().replace("-", ""));
    }
    Path keystore = outside.resolve("vault.p12");
    exec(
        "keytool",
        "-genkeypair",
        "-alias",
        "vault",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    exec(
        "keytool",
        "-exportcert",
        "-rfc",
        "-alias",
        "vault",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        outside.resolve("vault-ca.crt").toString());
    vault = vault(keystore, values.get("vault"));
  }

  /** The {@code .env} lines that reference each planted value. */
  static String envFile() {
    return """
        COINBASE_API_KEY=${env:OASIS_IT_PLANTED}
        COINBASE_API_SECRET=file:environments/planted.secrets#api_secret
        COINBASE_API_PASSPHRASE=age:environments/planted.env.age#passphrase
        OASIS_IT_VAULT_VALUE=vault:secret/data/oasis/it#value
        """;
  }

  /** Writes the referenced files into the project and the CLI's variables for env/age/vault. */
  void install(AcceptanceProject project, Path outside) throws Exception {
    project.write("environments/planted.secrets", "api_secret=" + values.get("file") + "\n");
    Path identity = outside.resolve("age-identity.txt");
    String keygen = exec("age-keygen", "-o", identity.toString());
    String recipient = keygen.replaceAll("(?s).*(age1[0-9a-z]+).*", "$1");
    Path plain = outside.resolve("planted.env");
    Files.writeString(plain, "passphrase=" + values.get("age") + "\n");
    exec(
        "age",
        "-r",
        recipient,
        "-o",
        project.dir.resolve("environments/planted.env.age").toString(),
        plain.toString());
    Files.delete(plain);
    project.cliEnvironment.put("OASIS_IT_PLANTED", values.get("env"));
    project.cliEnvironment.put("OASIS_AGE_IDENTITY_FILE", identity.toString());
    project.cliEnvironment.put("VAULT_ADDR", "https://localhost:" + vault.getAddress().getPort());
    project.cliEnvironment.put("VAULT_TOKEN", VAULT_TOKEN_VALUE);
    project.cliEnvironment.put("VAULT_CACERT", outside.resolve("vault-ca.crt").toString());
  }

  /** The passwords oasis made for the environment (Kafka SCRAM and Redis ACL users). */
  static Map<String, String> generated(Path credentials) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(credentials)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".password")).toList()) {
        out.put("generated " + f.getFileName(), Files.readString(f).strip());
      }
    }
    return out;
  }

  /**
   * Every place (a file under {@code stateDir}, or an output's name) holding one of {@code
   * secrets}, as "place: secret name".
   */
  static Set<String> find(Map<String, String> secrets, Path stateDir, Map<String, String> outputs)
      throws IOException {
    Set<String> found = new TreeSet<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(stateDir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) {
      // bytes as Latin-1: a value in any text or binary file is found, whatever its encoding
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      secrets.forEach(
          (name, value) -> {
            if (text.contains(value)) {
              found.add(stateDir.relativize(f) + ": " + name);
            }
          });
    }
    outputs.forEach(
        (command, text) ->
            secrets.forEach(
                (name, value) -> {
                  if (text.contains(value)) {
                    found.add("output of " + command + ": " + name);
                  }
                }));
    return found;
  }

  /** Asserts that {@code file} and its directory are the owner's only. */
  static void assertOwnerOnly(Path file) throws IOException {
    assertThat(Files.getPosixFilePermissions(file))
        .as("permissions of %s", file)
        .isSubsetOf(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(file.getParent()))
        .as("permissions of %s", file.getParent())
        .isSubsetOf(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
  }

  /** Vault's KV v2 read, as documented: {@code GET /v1/secret/data/<path>}, token checked. */
  private static HttpsServer vault(Path keystore, String value) throws Exception {
    java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/v1/",
        exchange -> {
          int status = 200;
          String body =
              "{\"data\":{\"data\":{\"value\":\""
                  + value
                  + "\"},\"metadata\":{\"version\":1}},\"lease_duration\":0,\"renewable\":false}";
          if (!VAULT_TOKEN_VALUE.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
            status = 403;
            body = "{\"errors\":[\"permission denied\"]}";
          } else if (!exchange.getRequestURI().getPath().equals("/v1/secret/data/oasis/it")) {
            status = 404;
            body = "{\"errors\":[]}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }

  @Override
  public void close() {
    vault.stop(0);
  }
}
