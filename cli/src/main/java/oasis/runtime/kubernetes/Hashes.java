package oasis.runtime.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import oasis.core.Json;

/** Short content hashes: what oasis applied, so that an unchanged object is left alone. */
final class Hashes {

  private Hashes() {}

  /** The first 16 hex digits of the SHA-256 of {@code value} as canonical JSON. */
  static String of(Object value) {
    try {
      byte[] json = Json.mapper().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
      byte[] d = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash " + value.getClass().getSimpleName(), e);
    }
  }
}
