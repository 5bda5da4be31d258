package oasis.secrets;

import java.util.Map;

/** {@code ${env:NAME}}: a variable of the environment oasis itself runs in (e.g. a CI secret). */
final class EnvSecrets implements SecretSource {

  private final Map<String, String> environment;

  EnvSecrets(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String fetch(SecretReference ref) {
    String value = environment.get(ref.location());
    if (value == null || value.isEmpty()) {
      throw new SecretException(
          ref + ": variable " + ref.location() + " is not set in oasis's environment",
          "Export " + ref.location() + " before running oasis (in CI: from its secret store).");
    }
    return value;
  }
}
