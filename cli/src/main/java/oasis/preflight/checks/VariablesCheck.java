package oasis.preflight.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import oasis.config.YamlPositions;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;

/**
 * Configuration reviewed: every variable of the schema is declared in an {@code *.env.example},
 * nothing undeclared is set, values are valid, and each environment's {@code .env} (when present)
 * sets every required variable.
 */
public final class VariablesCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("schema", "examples");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final String schema;
  private final String examples;

  public VariablesCheck(Params params) {
    this.schema = params.string("schema", "environments/variables.yaml");
    this.examples = params.string("examples", "environments");
  }

  @Override
  public CheckResult run(CheckContext context) {
    Path schemaFile = context.dir().resolve(schema);
    if (!Files.isRegularFile(schemaFile)) {
      return CheckResult.of(
          List.of(
              Finding.fail(
                  Path.of(schema),
                  0,
                  "no variables schema",
                  "declare the variables the services read in " + schema)),
          "");
    }
    VariablesSchema vars = VariablesSchema.load(context.dir(), schemaFile);
    Path schemaPath = context.relative(schemaFile);
    List<Finding> findings = new ArrayList<>();
    schemaItself(context, vars, schemaPath, findings);

    List<DotEnvLines> exampleFiles = examples(context.dir().resolve(examples));
    if (exampleFiles.isEmpty()) {
      findings.add(
          Finding.fail(
              Path.of(examples), 0, "no *.env.example file", "commit e.g. staging.env.example"));
    }
    declaredInExamples(context, vars, schemaPath, exampleFiles, findings);
    for (DotEnvLines example : exampleFiles) {
      values(context, vars, example, findings, false);
    }
    projectFile(context, vars, findings);

    List<String> absent = environmentFiles(context, vars, schemaPath, findings);
    return CheckResult.of(
        findings,
        vars.variables().size()
            + " variables declared in "
            + exampleFiles.size()
            + " example files"
            + (absent.isEmpty() ? "" : "; no .env yet for " + String.join(", ", absent)));
  }

  private static void schemaItself(
      CheckContext context, VariablesSchema vars, Path schemaPath, List<Finding> findings) {
    Set<String> components = context.project().config().components().keySet();
    for (VariablesSchema.Variable v : vars.variables().values()) {
      int line = vars.line(v.name());
      if (!NAME.matcher(v.name()).matches()) {
        findings.add(
            Finding.fail(
                schemaPath,
                line,
                "variable name '" + v.name() + "' is not UPPER_SNAKE_CASE",
                "rename it"));
      }
      if (v.services().isEmpty()) {
        findings.add(
            Finding.fail(
                schemaPath,
                line,
                v.name() + " names no service that reads it",
                "list them in 'services:'"));
      }
      for (String s : v.services()) {
        if (!components.contains(s)) {
          findings.add(
              Finding.fail(
                  schemaPath,
                  line,
                  v.name() + " names unknown service '" + s + "'",
                  "use components of oasis.yaml: " + String.join(", ", components)));
        }
      }
      if (v.pattern() != null) {
        try {
          Pattern.compile(v.pattern());
        } catch (PatternSyntaxException e) {
          findings.add(
              Finding.fail(
                  schemaPath,
                  line,
                  v.name() + " has an invalid pattern: " + e.getDescription(),
                  "fix the regex"));
        }
      }
      if (v.defaultValue() != null && !v.secret() && v.invalid(v.defaultValue()) != null) {
        findings.add(
            Finding.fail(
                schemaPath, line, "default: " + v.invalid(v.defaultValue()), "fix the default"));
      }
    }
  }

  private static void values(
      CheckContext context,
      VariablesSchema vars,
      DotEnvLines file,
      List<Finding> findings,
      boolean real) {
    Path shown = context.relative(file.file());
    for (DotEnvLines.Entry e : file.entries().values()) {
      VariablesSchema.Variable v = vars.variables().get(e.name());
      if (v == null) {
        findings.add(
            Finding.fail(
                shown,
                e.line(),
                e.name() + " is not a variable any service reads",
                "declare it in " + context.relative(vars.file()) + " or remove it (a typo?)"));
      } else if (!e.commented() && (real || !e.value().isEmpty())) {
        String invalid = v.invalid(e.value());
        if (invalid != null) {
          findings.add(Finding.fail(shown, e.line(), invalid, "set a valid value"));
        }
      }
    }
  }

  private static void projectFile(
      CheckContext context, VariablesSchema vars, List<Finding> findings) {
    YamlPositions positions;
    try {
      positions = YamlPositions.of(context.project().file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + context.project().file(), e);
    }
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    context
        .project()
        .config()
        .components()
        .forEach((n, c) -> sources.put("components/" + n + "/env", c.env()));
    context
        .project()
        .config()
        .environments()
        .forEach((n, e) -> sources.put("environments/" + n + "/vars", e.vars()));
    Path shown = context.relative(context.project().file());
    sources.forEach(
        (at, values) ->
            values.forEach(
                (name, value) -> {
                  VariablesSchema.Variable v = vars.variables().get(name);
                  int line = positions.line(at + "/" + name);
                  if (v == null) {
                    findings.add(
                        Finding.fail(
                            shown,
                            line,
                            name + " is not a variable any service reads",
                            "declare it in " + context.relative(vars.file()) + " or remove it"));
                  } else if (v.invalid(String.valueOf(value)) != null) {
                    findings.add(
                        Finding.fail(
                            shown, line, v.invalid(String.valueOf(value)), "set a valid value"));
                  }
                }));
  }

  private static List<DotEnvLines> examples(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".env.example"))
          .sorted()
          .map(DotEnvLines::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every variable the services read is declared in an example file. */
  private static void declaredInExamples(
      CheckContext context,
      VariablesSchema vars,
      Path schemaPath,
      List<DotEnvLines> exampleFiles,
      List<Finding> findings) {
    for (String name : vars.variables().keySet()) {
      boolean declared = exampleFiles.stream().anyMatch(f -> f.entries().containsKey(name));
      if (!declared && !exampleFiles.isEmpty()) {
        findings.add(
            Finding.fail(
                schemaPath,
                vars.line(name),
                name + " is read by the services but declared in no *.env.example",
                "add '"
                    + name
                    + "=' (or a commented '# "
                    + name
                    + "=...') to "
                    + context.relative(exampleFiles.get(0).file())));
      }
    }
  }

  /**
   * Each environment's own .env file: valid values and every required variable set. Returns the
   * environments whose file does not exist yet.
   */
  private List<String> environmentFiles(
      CheckContext context, VariablesSchema vars, Path schemaPath, List<Finding> findings) {
    List<String> absent = new ArrayList<>();
    context
        .project()
        .config()
        .environments()
        .forEach(
            (name, env) -> {
              if (env.envFile() == null) {
                return;
              }
              Path file = context.dir().resolve(env.envFile());
              if (!Files.isRegularFile(file)) {
                absent.add(name);
                return;
              }
              DotEnvLines envFile = DotEnvLines.read(file);
              values(context, vars, envFile, findings, true);
              for (VariablesSchema.Variable v : vars.variables().values()) {
                if (v.required() && envFile.set(v.name()) == null) {
                  findings.add(
                      Finding.fail(
                          context.relative(file),
                          0,
                          "required variable " + v.name() + " is not set for " + name,
                          "add '"
                              + v.name()
                              + "=<value>' (declared at "
                              + schemaPath
                              + ":"
                              + vars.line(v.name())
                              + ")"));
                }
              }
            });
    return absent;
  }
}
