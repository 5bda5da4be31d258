package oasis.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Transport security of an environment: whether oasis makes its certificates or is given them.
 *
 * @param certificates {@code generated} (oasis makes a CA and leaves under {@code
 *     .oasis/envs/<env>/pki/}; never for production) or {@code given}
 * @param ca the CA certificate (PEM) of a {@code given} environment: a path or a secret reference
 * @param cert the leaf certificate (PEM) of a {@code given} environment
 * @param key the leaf's PKCS#8 private key (PEM) of a {@code given} environment
 * @param validityDays how long certificates oasis makes are valid (default 90)
 */
public record TlsSettings(
    String certificates, String ca, String cert, String key, Integer validityDays) {

  public static final String GENERATED = "generated";
  public static final String GIVEN = "given";
  public static final int DEFAULT_VALIDITY_DAYS = 90;

  public TlsSettings {
    certificates = certificates == null ? GENERATED : certificates;
    validityDays = validityDays == null ? DEFAULT_VALIDITY_DAYS : validityDays;
  }

  public boolean generated() {
    return GENERATED.equals(certificates);
  }

  /** Problems as {field, what, fix}; {@code productionLike} forbids generated certificates. */
  List<String[]> problems(boolean productionLike) {
    List<String[]> problems = new ArrayList<>();
    if (!Set.of(GENERATED, GIVEN).contains(certificates)) {
      problems.add(
          new String[] {
            "certificates",
            "unknown certificate source '" + certificates + "'",
            "use 'generated' (oasis makes them) or 'given' (with ca, cert and key)"
          });
      return problems;
    }
    if (generated() && productionLike) {
      problems.add(
          new String[] {
            "certificates",
            "production uses the certificates it is given, never ones oasis made",
            "set 'certificates: given' with ca, cert and key (paths or secret references)"
          });
    }
    if (!generated() && (blank(ca) || blank(cert) || blank(key))) {
      problems.add(
          new String[] {
            "certificates",
            "given certificates need ca, cert and key",
            "set each to a PEM file path or a secret reference (e.g. vault:secret/oasis#tls-key)"
          });
    }
    if (validityDays < 15 || validityDays > 825) {
      problems.add(
          new String[] {
            "validityDays",
            "validityDays " + validityDays + " is outside 15..825",
            "use e.g. 90 (renewal happens when fewer than 30 days remain)"
          });
    }
    return problems;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
