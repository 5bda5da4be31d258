package oasis.orders.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoinbaseSignerTest {
  /** base64 of "oasis-test-secret-key-0123456789". */
  static final String SECRET = "b2FzaXMtdGVzdC1zZWNyZXQta2V5LTAxMjM0NTY3ODk=";

  private final CoinbaseSigner signer =
      new CoinbaseSigner(CoinbaseCredentials.of("key", SECRET, "pass"));

  @Test
  void signsAnOrderPostAsAnIndependentHmacComputationDoes() {
    // Expected values from: printf '%s' "$PREHASH" | openssl dgst -sha256 -hmac "$SECRET" -binary |
    // base64
    String body =
        "{\"client_oid\":\"c1\",\"product_id\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"size\":\"0.01\"}";

    assertThat(signer.sign("1700000000", "POST", "/orders", body))
        .isEqualTo("77xn8AFHtwqZ6r1UprwuO4BjXQqvevlvHyc3FXOHL+8=");
  }

  @Test
  void signsABodylessDeleteAndUpperCasesTheMethod() {
    assertThat(signer.sign("1700000000", "delete", "/orders/client:abc", ""))
        .isEqualTo("XuZMEs+vJkedR3x3xF1MYTB7c47e+W++dJDLgFZFTjQ=");
  }

  @Test
  void credentialsNeverShowInTextAndMissingOnesAreNamed() {
    assertThat(CoinbaseCredentials.of("my-key", SECRET, "my-pass").toString())
        .doesNotContain("my-key", "my-pass", SECRET);
    assertThatThrownBy(() -> CoinbaseCredentials.of("k", " ", "p"))
        .hasMessageContaining("COINBASE_API_SECRET is required");
    assertThatThrownBy(() -> CoinbaseCredentials.of("k", "not base64!", "p"))
        .hasMessage("COINBASE_API_SECRET must be base64 (as Coinbase issues it)");
  }
}
