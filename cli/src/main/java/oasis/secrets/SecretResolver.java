package oasis.secrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import oasis.core.OasisException;

/**
 * Replaces secret references in variables by the secrets they name, at the moment a plan is handed
 * to a target, so values never reach the ledger, plans or status. {@code k8s-secret:} references
 * are left for a kubernetes target to turn into {@code secretKeyRef}s (oasis never reads them).
 */
public final class SecretResolver {

  private final Map<String, SecretSource> sources;
  private final boolean kubernetes;

  SecretResolver(Map<String, SecretSource> sources, boolean kubernetes) {
    this.sources = sources;
    this.kubernetes = kubernetes;
  }

  /** The resolver of a project: relative paths from {@code projectDir}, oasis's own environment. */
  public static SecretResolver of(Path projectDir, Map<String, String> environment, String target) {
    Map<String, SecretSource> sources = new TreeMap<>();
    sources.put("env", new EnvSecrets(environment));
    sources.put("file", new FileSecrets(projectDir));
    sources.put("age", new AgeSecrets(projectDir, environment));
    sources.put("vault", new VaultSecrets(environment));
    return new SecretResolver(sources, "kubernetes".equals(target));
  }

  /**
   * {@code vars} with every reference replaced by its secret; {@code owner} names where they belong
   * (a component) in errors. Every failure is reported at once, each naming the variable and the
   * reference, never a value.
   *
   * @throws OasisException (failed, exit 1) when any reference cannot be resolved
   */
  public Map<String, String> resolve(String owner, Map<String, String> vars) {
    Map<String, String> out = new LinkedHashMap<>(vars);
    List<String> problems = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    vars.forEach(
        (name, value) -> {
          Optional<SecretReference> ref = SecretReference.parse(value);
          if (ref.isEmpty()) {
            if (SecretReference.looksLikeReference(value)) {
              problems.add(name + " of " + owner + ": malformed secret reference");
              hints.add(
                  "Write ${env:NAME}, file:PATH[#KEY], age:PATH[#KEY], vault:PATH#KEY or"
                      + " k8s-secret:NAME#KEY.");
            }
            return;
          }
          try {
            out.put(name, fetch(ref.get()));
          } catch (SecretException e) {
            problems.add(name + " of " + owner + ": " + e.getMessage());
            hints.add(e.hint());
          }
        });
    if (!problems.isEmpty()) {
      throw OasisException.failed(
          "cannot resolve "
              + (problems.size() == 1
                  ? "a secret reference"
                  : problems.size() + " secret references")
              + ":\n  "
              + String.join("\n  ", problems),
          String.join(" ", hints.stream().distinct().toList())
              + " Nothing was stopped or started.");
    }
    return out;
  }

  private String fetch(SecretReference ref) {
    if (ref.scheme().equals("k8s-secret")) {
      if (kubernetes) {
        return ref.toString();
      }
      throw new SecretException(
          ref + " names a Kubernetes Secret, which only a kubernetes target can use",
          "Use ${env:..}, file:, age: or vault: on local and docker targets.");
    }
    return sources.get(ref.scheme()).fetch(ref);
  }
}
