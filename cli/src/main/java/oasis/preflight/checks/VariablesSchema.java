package oasis.preflight.checks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import oasis.config.YamlFiles;

/**
 * {@code environments/variables.yaml}: every environment variable the services read, with the
 * services that read it, whether it is required or secret, and its allowed values or pattern.
 */
record VariablesSchema(Path file, Map<String, Variable> variables, YamlFiles.Parsed<Doc> parsed) {

  /** References that keep a secret out of a file: environment, file, secret manager. */
  static final Pattern REFERENCE =
      Pattern.compile(
          "^(\\$\\{[^}]+}|\\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>"
              + "|(env|file|age|vault|aws-sm|secretsmanager|gcp-sm|azure-kv|k8s-secret):\\S+)$");

  /** Secret-manager references only: what production accepts. */
  static final Pattern MANAGER_REFERENCE =
      Pattern.compile("^(vault|aws-sm|secretsmanager|gcp-sm|azure-kv|k8s-secret):\\S+$");

  /** The file as written. */
  record Doc(List<Variable> variables) {}

  /** One variable. */
  record Variable(
      String name,
      List<String> services,
      Boolean required,
      Boolean secret,
      List<String> allowed,
      String pattern,
      @JsonProperty("default") String defaultValue,
      String description) {

    Variable {
      services = services == null ? List.of() : List.copyOf(services);
      required = required != null && required;
      secret = secret != null && secret;
      allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** Why {@code value} is not valid for this variable, or null when it is. */
    String invalid(String value) {
      if (secret && REFERENCE.matcher(value).matches()) {
        return null;
      }
      if (!allowed.isEmpty() && !allowed.contains(value)) {
        return name + "=" + value + " is not one of " + String.join(", ", allowed);
      }
      if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
        return name + "=" + value + " does not match " + pattern;
      }
      return null;
    }
  }

  static VariablesSchema load(Path projectDir, Path file) {
    YamlFiles.Parsed<Doc> parsed = YamlFiles.read(projectDir, file, Doc.class);
    Map<String, Variable> vars = new LinkedHashMap<>();
    if (parsed.value() != null && parsed.value().variables() != null) {
      for (Variable v : parsed.value().variables()) {
        if (v != null && v.name() != null) {
          vars.put(v.name(), v);
        }
      }
    }
    return new VariablesSchema(file, vars, parsed);
  }

  /** The line that declares {@code name}. */
  int line(String name) {
    List<Variable> list = parsed.value() == null ? List.of() : parsed.value().variables();
    for (int i = 0; list != null && i < list.size(); i++) {
      if (list.get(i) != null && name.equals(list.get(i).name())) {
        return parsed.positions().line("variables/" + i);
      }
    }
    return 1;
  }
}
