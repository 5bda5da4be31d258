package oasis.runtime.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = store.password(DIGEST_KEY).getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(Json.bytes(new TreeMap<>(vars))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
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
