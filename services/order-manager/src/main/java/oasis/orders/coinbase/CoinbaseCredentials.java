package oasis.orders.coinbase;

import java.util.Base64;
import java.util.Objects;

/**
 * API credentials for the Coinbase Exchange REST API. {@link #toString()} never shows them, so they
 * cannot leak through a log line or an exception message.
 */
public final class CoinbaseCredentials {
  private final String apiKey;
  private final byte[] secret;
  private final String passphrase;

  private CoinbaseCredentials(String apiKey, byte[] secret, String passphrase) {
    this.apiKey = apiKey;
    this.secret = secret;
    this.passphrase = passphrase;
  }

  /**
   * From the three values; throws {@link IllegalArgumentException} naming the missing or malformed
   * variable (never its value).
   */
  public static CoinbaseCredentials of(String apiKey, String base64Secret, String passphrase) {
    require("COINBASE_API_KEY", apiKey);
    require("COINBASE_API_SECRET", base64Secret);
    require("COINBASE_API_PASSPHRASE", passphrase);
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64Secret.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "COINBASE_API_SECRET must be base64 (as Coinbase issues it)");
    }
    return new CoinbaseCredentials(apiKey.trim(), secret, passphrase);
  }

  private static void require(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          variable + " is required when ORDER_MANAGER_MODE=real (set it in the environment)");
    }
  }

  String apiKey() {
    return apiKey;
  }

  byte[] secret() {
    return secret.clone();
  }

  String passphrase() {
    return passphrase;
  }

  @Override
  public String toString() {
    return "CoinbaseCredentials[redacted]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CoinbaseCredentials c
        && apiKey.equals(c.apiKey)
        && java.util.Arrays.equals(secret, c.secret)
        && passphrase.equals(c.passphrase);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiKey, passphrase);
  }
}
