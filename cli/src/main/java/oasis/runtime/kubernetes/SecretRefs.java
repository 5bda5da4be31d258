package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.Locale;
import oasis.config.Overrides;

/**
 * Secret variables as references to Secrets in the cluster. {@code k8s-secret:NAME#KEY} names its
 * Secret; any other value (a secret-manager reference, or a literal from a .env) is never written:
 * the variable refers to key {@code VAR} of {@link Workloads#SECRETS}, which the cluster must hold.
 */
final class SecretRefs {

  static final String PREFIX = "k8s-secret:";

  private SecretRefs() {}

  static boolean isSecret(String var) {
    return Overrides.isSecret(var);
  }

  static EnvVar ref(String var, String value) {
    String secret = Workloads.SECRETS;
    String key = var;
    if (value != null && value.startsWith(PREFIX) && value.indexOf('#') > PREFIX.length()) {
      secret = value.substring(PREFIX.length(), value.indexOf('#')).toLowerCase(Locale.ROOT);
      key = value.substring(value.indexOf('#') + 1);
    }
    return new EnvVarBuilder()
        .withName(var)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(false)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
