package oasis.secrets;

import io.github.jopenlibs.vault.SslConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.io.File;
import java.util.Map;

/**
 * {@code vault:PATH#KEY}: an entry of a HashiCorp Vault KV v2 secret, read with the token and
 * address of Vault's own variables ({@code VAULT_ADDR}, {@code VAULT_TOKEN}, {@code VAULT_CACERT}).
 * {@code PATH} is the mount and the secret's path, with or without KV v2's {@code data/} segment.
 */
final class VaultSecrets implements SecretSource {

  private final Map<String, String> environment;
  private Vault vault;

  VaultSecrets(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String fetch(SecretReference ref) {
    if (ref.key() == null) {
      throw new SecretException(
          ref + " names no key", "Write vault:PATH#KEY, e.g. vault:secret/oasis/coinbase#api_key.");
    }
    LogicalResponse response;
    try {
      response = client(ref).logical().read(kvPath(ref.location()));
    } catch (VaultException e) {
      throw failure(ref, e.getHttpStatusCode(), e);
    }
    int status = response.getRestResponse().getStatus();
    if (status != 200) {
      // The driver answers 403 (bad token) and 404 without throwing: the status decides.
      throw failure(ref, status, null);
    }
    String value = response.getData().get(ref.key());
    if (value == null) {
      throw new SecretException(
          ref + ": the secret has no key '" + ref.key() + "'",
          "Add it in Vault (vault kv put ...) or fix the key after '#'.");
    }
    return value;
  }

  /** {@code secret/data/oasis/x} and {@code secret/oasis/x} both name KV v2's secret oasis/x. */
  static String kvPath(String location) {
    String[] parts = location.split("/", 3);
    return parts.length == 3 && parts[1].equals("data") ? parts[0] + "/" + parts[2] : location;
  }

  private Vault client(SecretReference ref) throws VaultException {
    if (vault == null) {
      String address = environment.get("VAULT_ADDR");
      String token = environment.get("VAULT_TOKEN");
      if (address == null || address.isBlank() || token == null || token.isBlank()) {
        throw new SecretException(
            ref + ": VAULT_ADDR and VAULT_TOKEN must both be set to read it",
            "Export VAULT_ADDR (https://...) and VAULT_TOKEN (e.g. from 'vault login').");
      }
      SslConfig ssl = new SslConfig().verify(true);
      String caCert = environment.get("VAULT_CACERT");
      if (caCert != null && !caCert.isBlank()) {
        ssl.pemFile(new File(caCert));
      }
      VaultConfig config =
          new VaultConfig()
              .address(address)
              .token(token)
              .openTimeout(5)
              .readTimeout(10)
              .sslConfig(ssl.build())
              .build();
      vault = Vault.create(config, 2);
    }
    return vault;
  }

  private static SecretException failure(SecretReference ref, int status, Throwable cause) {
    String hint =
        switch (status) {
          case 401, 403 ->
              "Vault refused the token (HTTP " + status + "): renew VAULT_TOKEN or grant it read.";
          case 404 -> "No such secret in Vault (HTTP 404): check the mount and path.";
          default ->
              "Check VAULT_ADDR and that Vault is reachable and unsealed"
                  + (status > 0 ? " (HTTP " + status + ")" : "")
                  + ".";
        };
    String what =
        ref + ": Vault " + (status > 0 ? "answered HTTP " + status : "could not be reached");
    return new SecretException(what, hint, cause);
  }
}
