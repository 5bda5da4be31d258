package oasis.preflight.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;

/**
 * No committed file holds a literal secret: every assignment of a variable the schema marks {@code
 * secret} in a git-tracked file is empty or a reference ({@code ${env:..}}, {@code file:..}, {@code
 * vault:..}, ...).
 */
public final class LiteralSecretsCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("schema", "exclude");
  private static final Set<String> UNTRACKED_DIRS =
      Set.of(".git", "target", oasis.state.StateLayout.DIR, "node_modules");
  private static final long MAX_BYTES = 1 << 20;

  private final String schema;
  private final List<PathMatcher> exclude;
  private final List<String> excludeGlobs;

  public LiteralSecretsCheck(Params params) {
    this.schema = params.string("schema", "environments/variables.yaml");
    this.excludeGlobs = params.strings("exclude", List.of());
    this.exclude =
        excludeGlobs.stream()
            .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
            .toList();
  }

  @Override
  public CheckResult run(CheckContext context) {
    Path schemaFile = context.dir().resolve(schema);
    if (!Files.isRegularFile(schemaFile)) {
      return CheckResult.skip(
          "no variables schema " + schema + ": no variable is known to be secret");
    }
    VariablesSchema vars = VariablesSchema.load(context.dir(), schemaFile);
    List<String> secrets =
        vars.variables().values().stream()
            .filter(VariablesSchema.Variable::secret)
            .map(VariablesSchema.Variable::name)
            .toList();
    if (secrets.isEmpty()) {
      return CheckResult.skip("the schema marks no variable secret");
    }
    Pattern assignment =
        Pattern.compile(
            "\\b("
                + secrets.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")\\b[\"']?\\s*[:=]\\s*(\"[^\"]*\"|'[^']*'|[^\\s,;#]+)?");
    List<Path> files = trackedFiles(context);
    List<Finding> findings = new ArrayList<>();
    for (Path rel : files) {
      if (exclude.stream().anyMatch(m -> m.matches(rel))) {
        continue;
      }
      scan(context.dir().resolve(rel), rel, assignment, findings);
    }
    return CheckResult.of(
        findings,
        "no literal value of "
            + String.join(", ", secrets)
            + " in "
            + files.size()
            + " tracked files");
  }

  private static void scan(Path file, Path rel, Pattern assignment, List<Finding> findings) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return;
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (byte b : bytes) {
      if (b == 0) {
        return; // binary
      }
    }
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = assignment.matcher(lines[i]);
      while (m.find()) {
        String value = value(m.group(2));
        if (!value.isEmpty() && !VariablesSchema.REFERENCE.matcher(value).matches()) {
          findings.add(
              Finding.fail(
                  rel,
                  i + 1,
                  m.group(1) + " holds a literal secret",
                  "remove it, rotate the secret, and reference it instead: "
                      + m.group(1)
                      + "=vault:<path> (or ${env:"
                      + m.group(1)
                      + "}, file:<path>)"));
        }
      }
    }
  }

  private static String value(String raw) {
    if (raw == null) {
      return "";
    }
    String v = raw.strip();
    if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.endsWith("}") && !v.contains("{")) {
      v = v.substring(0, v.length() - 1);
    }
    return v.strip();
  }

  /** {@code git ls-files}; outside a git work tree, every file but build and state directories. */
  private static List<Path> trackedFiles(CheckContext context) {
    Path dir = context.dir();
    if (Files.exists(dir.resolve(".git"))) {
      Processes.Output git = Processes.run(dir, List.of("git", "ls-files", "-z"), 30);
      if (git.code() == 0) {
        return Stream.of(git.out().split("\0")).filter(s -> !s.isEmpty()).map(Path::of).toList();
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(dir::relativize)
          .filter(
              p -> {
                for (Path part : p) {
                  if (UNTRACKED_DIRS.contains(part.toString())) {
                    return false;
                  }
                }
                return true;
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
