package oasis.runtime.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import oasis.core.Json;
import oasis.security.Credentials;

/**
 * The plan's own variables of each local process, kept in an owner-only file under {@code
 * credentials/} rather than in {@code desired.json}: they hold the values of resolved secret
 * references (and {@code --set} secrets), which must never sit in a state file that anyone who can
 * read the project may read. {@code desired.json} names the file and carries a keyed digest of the
 * values, so a changed secret still restarts its process while the digest reveals nothing.
 */
final class SealedVariables {

  private static final String DIGEST_KEY = "variables-digest-key";

  /** SHA-256's block size in bytes. */
  private static final int BLOCK = 64;

  private final Credentials store;

  SealedVariables(Path envDir) {
    this.store = Credentials.in(envDir);
  }

  /** Writes {@code vars} of {@code instance} owner-only; returns the file's path. */
  String seal(String instance, Map<String, String> vars) {
    String name = instance.replaceAll("[^A-Za-z0-9.-]", "_") + ".variables.json";
    return store
        .writeFile(name, new String(Json.bytes(new TreeMap<>(vars)), StandardCharsets.UTF_8))
        .toString();
  }

  /** HMAC-SHA256 of {@code vars} under a key of this environment's own: no dictionary attack. */
  String digest(Map<String, String> vars) {
    byte[] key = store.password(DIGEST_KEY).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(hmacSha256(key, Json.bytes(new TreeMap<>(vars))));
  }

  /**
   * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256, the same bytes as {@code
   * Mac.getInstance("HmacSHA256")}. Not that Mac: its first use sets up the JCE, whose policy check
   * builds a URL and so searches the whole class path (the CLI's hundred jars) for URL handlers, a
   * few tenths of a second on the path of every rollback.
   */
  static byte[] hmacSha256(byte[] key, byte[] message) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    byte[] k = Arrays.copyOf(key.length > BLOCK ? sha.digest(key) : key, BLOCK);
    byte[] inner = new byte[BLOCK];
    byte[] outer = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      inner[i] = (byte) (k[i] ^ 0x36);
      outer[i] = (byte) (k[i] ^ 0x5c);
    }
    sha.update(inner);
    byte[] innerHash = sha.digest(message);
    sha.update(outer);
    return sha.digest(innerHash);
  }

  /** The variables a sealed file holds (empty for none). */
  @SuppressWarnings("unchecked")
  static Map<String, String> open(String file) {
    if (file == null) {
      return Map.of();
    }
    Map<String, String> vars = Json.read(Path.of(file), Map.class);
    if (vars == null) {
      throw new IllegalStateException(
          "the variables file " + file + " is gone: deploy again to write it");
    }
    return vars;
  }
}
