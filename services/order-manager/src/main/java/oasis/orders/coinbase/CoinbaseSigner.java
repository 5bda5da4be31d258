package oasis.orders.coinbase;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Coinbase Exchange REST requests: CB-ACCESS-SIGN is the base64 HMAC-SHA256, keyed with the
 * base64-decoded secret, of timestamp + upper-case method + request path + body.
 */
public final class CoinbaseSigner {
  private final byte[] secret;

  /** Signs with the decoded secret of {@code credentials}. */
  public CoinbaseSigner(CoinbaseCredentials credentials) {
    this.secret = credentials.secret();
  }

  /** The CB-ACCESS-SIGN value for one request; {@code body} is "" when there is none. */
  public String sign(String timestamp, String method, String requestPath, String body) {
    String prehash = timestamp + method.toUpperCase(java.util.Locale.ROOT) + requestPath + body;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(prehash.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
