package oasis.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  private static final String PLANTED = "s3cr3t-planted-4711";

  @TempDir Path dir;
  private final Map<String, String> environment = new HashMap<>();

  private Map<String, String> resolve(String target, Map<String, String> vars) {
    return SecretResolver.of(dir, environment, target).resolve("order-manager", vars);
  }

  private Map<String, String> resolve(Map<String, String> vars) {
    return resolve("local", vars);
  }

  @Test
  void plainValuesPassUntouched() {
    assertThat(resolve(Map.of("ORDER_MANAGER_MODE", "paper", "URL", "http://x/file:y")))
        .containsEntry("ORDER_MANAGER_MODE", "paper")
        .containsEntry("URL", "http://x/file:y");
  }

  @Test
  void envReferenceReadsOasisOwnEnvironment() {
    environment.put("CI_COINBASE_KEY", PLANTED);
    assertThat(resolve(Map.of("COINBASE_API_KEY", "${env:CI_COINBASE_KEY}")))
        .containsEntry("COINBASE_API_KEY", PLANTED);
  }

  @Test
  void unknownVariableFailsNamingVariableAndReferenceWithExitOne() {
    assertThatThrownBy(() -> resolve(Map.of("COINBASE_API_KEY", "${env:NOT_SET_ANYWHERE}")))
        .isInstanceOfSatisfying(
            OasisException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OasisException.Kind.FAILED);
              assertThat(e.getMessage())
                  .contains("COINBASE_API_KEY of order-manager")
                  .contains("${env:NOT_SET_ANYWHERE}");
            });
  }

  @Test
  void fileReferenceReadsTheWholeFileOrOneKey() throws Exception {
    Files.writeString(dir.resolve("api-key"), PLANTED + "\n");
    Files.writeString(dir.resolve("coinbase.env"), "api_key=k1\napi_secret=" + PLANTED + "\n");
    assertThat(
            resolve(
                Map.of(
                    "COINBASE_API_KEY", "file:api-key",
                    "COINBASE_API_SECRET", "file:coinbase.env#api_secret")))
        .containsEntry("COINBASE_API_KEY", PLANTED)
        .containsEntry("COINBASE_API_SECRET", PLANTED);
  }

  @Test
  void missingFileFails() {
    assertThatThrownBy(() -> resolve(Map.of("COINBASE_API_KEY", "file:nowhere/key")))
        .hasMessageContaining("COINBASE_API_KEY of order-manager")
        .hasMessageContaining("file:nowhere/key");
  }

  @Test
  void ageReferenceDecryptsWithTheIdentityFile() throws Exception {
    KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
    Path identity = dir.resolve("identity.txt");
    Files.writeString(identity, "# created: test\nAGE-SECRET-KEY-1" + bech32Tail(pair) + "\n");
    environment.put(AgeSecrets.IDENTITY_VARIABLE, identity.toString());
    encrypt(pair, "api_key=" + PLANTED + "\n", dir.resolve("coinbase.env.age"));
    assertThat(resolve(Map.of("COINBASE_API_KEY", "age:coinbase.env.age#api_key")))
        .containsEntry("COINBASE_API_KEY", PLANTED);
  }

  @Test
  void ageWithTheWrongIdentityFailsWithoutTheValue() throws Exception {
    KeyPair right = new X25519KeyPairGenerator().generateKeyPair();
    KeyPair wrong = new X25519KeyPairGenerator().generateKeyPair();
    encrypt(right, "api_key=" + PLANTED + "\n", dir.resolve("coinbase.env.age"));
    Path identity = dir.resolve("identity.txt");
    Files.writeString(identity, "AGE-SECRET-KEY-1" + bech32Tail(wrong) + "\n");
    environment.put(AgeSecrets.IDENTITY_VARIABLE, identity.toString());
    assertThatThrownBy(() -> resolve(Map.of("COINBASE_API_KEY", "age:coinbase.env.age#api_key")))
        .hasMessageContaining("cannot decrypt")
        .hasMessageContaining("age:coinbase.env.age#api_key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLANTED));
  }

  @Test
  void vaultReferenceReadsKvV2OverHttps() throws Exception {
    try (VaultStub vault =
        new VaultStub(
            dir, "good-token", "secret/data/oasis/coinbase", Map.of("api_key", PLANTED))) {
      environment.putAll(
          Map.of(
              "VAULT_ADDR", vault.address(),
              "VAULT_TOKEN", "good-token",
              "VAULT_CACERT", vault.caFile.toString()));
      assertThat(
              resolve(
                  Map.of(
                      "COINBASE_API_KEY", "vault:secret/data/oasis/coinbase#api_key",
                      "COINBASE_API_SECRET", "vault:secret/oasis/coinbase#api_key")))
          .containsEntry("COINBASE_API_KEY", PLANTED)
          .containsEntry("COINBASE_API_SECRET", PLANTED);
    }
  }

  @Test
  void vaultRefusingTheTokenFailsTheResolution() throws Exception {
    try (VaultStub vault =
        new VaultStub(
            dir, "good-token", "secret/data/oasis/coinbase", Map.of("api_key", PLANTED))) {
      environment.putAll(
          Map.of(
              "VAULT_ADDR", vault.address(),
              "VAULT_TOKEN", "expired-token",
              "VAULT_CACERT", vault.caFile.toString()));
      assertThatThrownBy(
              () -> resolve(Map.of("COINBASE_API_KEY", "vault:secret/data/oasis/coinbase#api_key")))
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining("vault:secret/data/oasis/coinbase#api_key")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLANTED));
    }
  }

  @Test
  void kubernetesSecretsAreLeftToTheKubernetesTargetAndRefusedElsewhere() {
    Map<String, String> vars = Map.of("COINBASE_API_KEY", "k8s-secret:coinbase#api_key");
    assertThat(resolve("kubernetes", vars))
        .containsEntry("COINBASE_API_KEY", "k8s-secret:coinbase#api_key");
    assertThatThrownBy(() -> resolve("local", vars))
        .hasMessageContaining("only a kubernetes target");
  }

  @Test
  void everyFailureIsReportedAtOnceAndNoneQuotesAValue() throws Exception {
    Files.writeString(dir.resolve("coinbase.env"), "api_key=" + PLANTED + "\n");
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "A_KEY", "${env:NOPE}",
                        "B_KEY", "file:coinbase.env#other",
                        "C_KEY", "vault:secret/x",
                        "D_KEY", "age:")))
        .hasMessageContaining("4 secret references")
        .hasMessageContaining("A_KEY")
        .hasMessageContaining("B_KEY")
        .hasMessageContaining("C_KEY")
        .hasMessageContaining("D_KEY of order-manager: malformed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLANTED));
  }

  /** The Bech32 tail of an age identity, as jagged renders its X25519 private key. */
  private static String bech32Tail(KeyPair pair) {
    String encoded = pair.getPrivate().toString();
    assertThat(encoded).as("jagged renders identities as age does").startsWith("AGE-SECRET-KEY-1");
    return encoded.substring("AGE-SECRET-KEY-1".length());
  }

  static void encrypt(KeyPair pair, String plain, Path file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel channel =
        new StandardEncryptingChannelFactory()
            .newEncryptingChannel(
                Channels.newChannel(out),
                List.of(
                    X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(
                        pair.getPublic().toString())))) {
      channel.write(ByteBuffer.wrap(plain.getBytes(StandardCharsets.UTF_8)));
    }
    Files.write(file, out.toByteArray());
  }
}
