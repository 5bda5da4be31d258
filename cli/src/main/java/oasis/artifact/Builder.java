package oasis.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import oasis.config.ProjectConfig;
import oasis.core.AtomicFiles;
import oasis.core.Durations;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.core.Steps;
import oasis.state.StateLayout;

/**
 * Builds components through the project's Maven Wrapper and stores their artifacts; a component
 * whose inputs did not change since its last build reuses its artifact without running Maven.
 */
public final class Builder {

  static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(30);

  private final Path projectDir;
  private final Path stateDir;
  private final ArtifactStore store;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Steps steps;

  public Builder(Path projectDir, Path stateDir, Clock clock, Consumer<String> progress) {
    this(projectDir, stateDir, clock, progress, Steps.NONE);
  }

  /**
   * @param steps told how far Maven's reactor is; unless {@link Steps#NONE}, Maven runs without
   *     {@code -q} (its log then names each module as it starts) and the log is followed
   */
  public Builder(
      Path projectDir, Path stateDir, Clock clock, Consumer<String> progress, Steps steps) {
    this.projectDir = projectDir;
    this.stateDir = stateDir;
    this.store = new ArtifactStore(stateDir);
    this.clock = clock;
    this.progress = progress;
    this.steps = steps;
  }

  public ArtifactStore store() {
    return store;
  }

  /** Cached inputs of one buildable: the digest of its inputs and of the artifact they gave. */
  record Cached(String inputs, String artifact) {}

  /** The cache file: buildable name to {@link Cached}. */
  static final class Cache extends TreeMap<String, Cached> {}

  /** Builds {@code names} (all buildables when empty) and records the build. */
  public BuildRecord build(ProjectConfig config, List<String> names, boolean skipTests) {
    List<Buildable> wanted = select(config, names);
    SourceTree tree = new SourceTree(projectDir);
    List<String> missing =
        wanted.stream()
            .filter(b -> !tree.exists(b.module()))
            .map(b -> b.name() + " (" + b.module() + ")")
            .toList();
    if (!missing.isEmpty()) {
      throw OasisException.badInput(
          "cannot build "
              + String.join(", ", missing)
              + ": no such Maven module (no pom.xml) in "
              + projectDir,
          "Those modules have not been written yet or oasis.yaml names the wrong module; build the"
              + " components that exist: oasis build COMPONENT...");
    }
    Path cacheFile = store.root().resolve("inputs.json");
    Cache cache = Json.read(cacheFile, Cache.class);
    Cache updated = cache == null ? new Cache() : cache;
    Map<String, String> artifacts = new LinkedHashMap<>();
    Map<Buildable, String> stale = new LinkedHashMap<>();
    for (Buildable b : wanted) {
      String inputs = tree.inputsDigest(b.module());
      Cached hit = updated.get(b.name());
      if (hit != null && hit.inputs().equals(inputs) && store.contains(hit.artifact())) {
        artifacts.put(b.name(), hit.artifact());
        progress.accept("  " + b.name() + ": up to date (" + shortDigest(hit.artifact()) + ")");
      } else {
        stale.put(b, inputs);
      }
    }
    if (!stale.isEmpty()) {
      maven(stale.keySet().stream().map(Buildable::module).distinct().toList(), skipTests);
      for (var e : stale.entrySet()) {
        Buildable b = e.getKey();
        Path target = projectDir.resolve(b.module()).resolve("target");
        Path jar = target.resolve(tree.artifactId(b.module()) + ".jar");
        if (!Files.isRegularFile(jar)) {
          throw OasisException.failed(
              "Maven built " + b.module() + " but " + projectDir.relativize(jar) + " is missing",
              "A service module packages target/<artifactId>.jar plus target/lib/ (see"
                  + " services/README.md).");
        }
        String digest = store.put(b.name(), jar, target.resolve("lib"));
        updated.put(b.name(), new Cached(e.getValue(), digest));
        artifacts.put(b.name(), digest);
        progress.accept("  " + b.name() + ": built " + shortDigest(digest));
      }
      Json.write(cacheFile, updated);
    }
    BuildRecord record = record(tree, artifacts);
    recordForReleases(wanted, tree, artifacts);
    return record;
  }

  private BuildRecord record(SourceTree tree, Map<String, String> artifacts) {
    GitInfo git = GitInfo.of(projectDir);
    String version =
        tree.baseVersion()
            + "-dev+"
            + (git.commit().equals("unknown") ? "nogit" : git.shortCommit());
    if (git.dirty()) {
      String combined =
          artifacts.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .sorted()
              .collect(Collectors.joining(","));
      version +=
          ".dirty."
              + ArtifactStore.sha256(combined.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }
    BuildRecord record =
        new BuildRecord(version, git.commit(), git.dirty(), clock.instant(), artifacts);
    StateLayout state = StateLayout.at(stateDir);
    Json.write(state.buildRecord(version), record);
    Json.write(state.latestBuild(), record);
    return record;
  }

  /** The last build's record ({@code .oasis/builds/latest.json}), if anything was built. */
  public static java.util.Optional<BuildRecord> latest(Path stateDir) {
    return java.util.Optional.ofNullable(
        Json.read(StateLayout.at(stateDir).latestBuild(), BuildRecord.class));
  }

  /**
   * {@code .oasis/builds/digests.yaml} ({@code components: {NAME: {digest, source}}}), where {@code
   * oasis release} reads the digests it pins: the same artifact digests deploy installs. The
   * components built before are carried over, also from the legacy {@code .oasis/build/}, which is
   * then removed.
   */
  private void recordForReleases(
      List<Buildable> built, SourceTree tree, Map<String, String> artifacts) {
    StateLayout state = StateLayout.at(stateDir);
    Path file = state.releaseDigests();
    Path previous = state.releaseDigestsToRead();
    var yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    Map<String, Object> components = new TreeMap<>();
    try {
      if (Files.isRegularFile(previous)) {
        var old = yaml.readTree(previous.toFile()).path("components");
        old.fields()
            .forEachRemaining(
                e -> components.put(e.getKey(), yaml.convertValue(e.getValue(), Map.class)));
      }
      for (Buildable b : built) {
        components.put(
            b.name(),
            Map.of(
                "digest",
                artifacts.get(b.name()),
                "source",
                b.module() + "/target/" + tree.artifactId(b.module()) + ".jar"));
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("components", components);
      AtomicFiles.write(file, yaml.writeValueAsBytes(root));
      state.retireLegacyReleaseDigests();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<Buildable> select(ProjectConfig config, List<String> names) {
    List<Buildable> all = Buildable.all(config);
    if (names == null || names.isEmpty()) {
      return all;
    }
    List<Buildable> out = new ArrayList<>();
    for (String n : names) {
      Buildable b = all.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
      if (b == null) {
        throw OasisException.badInput(
            "unknown component '" + n + "'",
            "Use one of: " + all.stream().map(Buildable::name).collect(Collectors.joining(", ")));
      }
      if (!out.contains(b)) {
        out.add(b);
      }
    }
    return out;
  }

  private void maven(List<String> modules, boolean skipTests) {
    List<String> cmd = command(modules, skipTests);
    boolean watched = steps != Steps.NONE;
    Path log = StateLayout.at(stateDir).buildLog();
    progress.accept(
        "building "
            + String.join(", ", modules)
            + " with Maven"
            + (skipTests ? " (tests skipped)" : "")
            + "; log: "
            + projectDir.relativize(log));
    Instant start = clock.instant();
    try {
      Files.createDirectories(log.getParent());
      Process p =
          new ProcessBuilder(cmd)
              .directory(projectDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      awaitMaven(p, log, start, watched);
      steps.done(ReactorLog.WORK);
      if (p.exitValue() != 0) {
        throw OasisException.failed(
            "the Maven build of "
                + String.join(", ", modules)
                + " failed (exit "
                + p.exitValue()
                + "); from "
                + projectDir.relativize(log)
                + ":\n"
                + errors(log, 25),
            "Fix the build, then run oasis build again.");
      }
      progress.accept(
          "  Maven done in " + Durations.seconds(Duration.between(start, clock.instant())));
    } catch (IOException e) {
      throw new OasisException(
          OasisException.Kind.FAILED,
          "cannot run " + cmd.get(0) + ": " + e.getMessage(),
          "The project needs its Maven Wrapper (./mvnw) or mvn on PATH.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted while building", null, e);
    } finally {
      steps.done(ReactorLog.WORK);
    }
  }

  /**
   * The Maven command line: the wrapper when the project has one, the modules and what they need.
   */
  private List<String> command(List<String> modules, boolean skipTests) {
    Path wrapper = projectDir.resolve("mvnw");
    List<String> cmd = new ArrayList<>();
    cmd.add(Files.isExecutable(wrapper) ? wrapper.toString() : "mvn");
    // watched: the reactor's "Building X [n/m]" lines are wanted (-q drops them), downloads not
    cmd.addAll(List.of("-B", steps != Steps.NONE ? "-ntp" : "-q"));
    cmd.addAll(List.of("-pl", String.join(",", modules), "-am", "package"));
    if (skipTests) {
      cmd.add("-DskipTests");
    }
    return cmd;
  }

  /**
   * Waits for Maven within {@link #MAVEN_TIMEOUT} (then kills it and its children), following the
   * reactor's steps when watched and saying every 15 s that it is still building.
   */
  private void awaitMaven(Process p, Path log, Instant start, boolean watched)
      throws InterruptedException {
    long deadline = System.nanoTime() + MAVEN_TIMEOUT.toNanos();
    ReactorLog reactor = new ReactorLog(log, steps);
    long wait = watched ? 250 : 15_000;
    long notice = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!p.waitFor(wait, TimeUnit.MILLISECONDS)) {
      if (watched) {
        reactor.poll();
      }
      if (System.nanoTime() > deadline) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw OasisException.failed(
            "Maven did not finish within " + MAVEN_TIMEOUT.toMinutes() + " minutes",
            "See " + log + ".");
      }
      if (System.nanoTime() - notice >= 0) {
        notice = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        progress.accept(
            "  still building ("
                + Durations.seconds(Duration.between(start, clock.instant()))
                + ")");
      }
    }
  }

  /**
   * What a failed Maven build said: its last {@code n} {@code [ERROR]} lines without Maven's
   * closing advice, indented; the last {@code n} lines of the log when it has none (a terminal's
   * build logs every module, so its tail is rarely the error).
   */
  static String errors(Path file, int n) {
    try {
      if (!Files.exists(file)) {
        return tail(file, n);
      }
      List<String> errors =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(l -> l.startsWith("[ERROR]"))
              .filter(l -> !MAVEN_ADVICE.matcher(l).find())
              .toList();
      if (errors.isEmpty()) {
        return tail(file, n);
      }
      return errors.subList(Math.max(0, errors.size() - n), errors.size()).stream()
          .map(l -> "    " + l)
          .collect(Collectors.joining("\n"));
    } catch (IOException | UncheckedIOException e) {
      return tail(file, n);
    }
  }

  private static final java.util.regex.Pattern MAVEN_ADVICE =
      java.util.regex.Pattern.compile(
          "^\\[ERROR\\]\\s*$|-> \\[Help 1\\]|\\[Help 1\\] http|To see the full stack trace|Re-run Maven"
              + "|For more information about the errors|After correcting the problems"
              + "|mvn <args> -rf");

  /** The last {@code n} lines of a text file, indented. */
  public static String tail(Path file, int n) {
    try {
      if (!Files.exists(file)) {
        return "    (no log at " + file + ")";
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - n), lines.size()).stream()
          .map(l -> "    " + l)
          .collect(Collectors.joining("\n"));
    } catch (IOException | UncheckedIOException e) {
      return "    (cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  public static String shortDigest(String digest) {
    String hex = ArtifactStore.hex(digest);
    return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
  }
}
