package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up cost is mostly class loading: a command must not load a heavy library it does not use.
 * Each command runs in a fresh JVM that logs every class it loads.
 */
class StartupLibrariesTest {

  private static final List<String> HEAVY =
      List.of(
          "org.eclipse.jgit.",
          "com.github.dockerjava.",
          "org.apache.kafka.",
          "io.grpc.",
          "io.fabric8.");
  private static final List<String> PARSERS = List.of("com.fasterxml.jackson.", "org.yaml.");

  @TempDir Path dir;

  /**
   * What {@code ClassLoader.getResources} loads: a search of the class path for a resource, which
   * opens each of the CLI's hundred jars (a service loader does it, e.g. for time-zone rules or
   * Jackson modules).
   */
  private static final List<String> CLASS_PATH_SCAN =
      List.of("java.lang.CompoundEnumeration", "jdk.internal.loader.URLClassPath$1");

  private List<String> loaded(String... args) throws Exception {
    return loadedBy(Oasis.class.getName(), args);
  }

  private List<String> loadedBy(String main, String... args) throws Exception {
    return loadedBy(List.of(), main, args);
  }

  private List<String> loadedBy(List<String> jvm, String main, String... args) throws Exception {
    Path log = dir.resolve("classes.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:file=" + log);
    command.addAll(jvm);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main);
    command.addAll(List.of(args));
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "exit\n");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(input.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .map(l -> l.replaceFirst(".*\\] ", "").replaceFirst(" source:.*", ""))
        .toList();
  }

  private static List<String> from(List<String> classes, List<String> packages) {
    return classes.stream().filter(c -> packages.stream().anyMatch(c::startsWith)).toList();
  }

  @Test
  void versionAndHelpLoadNoParserAndNoHeavyLibrary() throws Exception {
    for (String arg : List.of("--version", "--help")) {
      List<String> classes = loaded(arg);
      assertThat(classes).as("the log was read").anyMatch(c -> c.startsWith("oasis.cli."));
      assertThat(from(classes, HEAVY)).as(arg).isEmpty();
      assertThat(from(classes, PARSERS)).as(arg).isEmpty();
      assertThat(classes)
          .as(arg + ": only the root's model is built")
          .noneMatch(c -> c.startsWith("oasis.deploy.") || c.startsWith("oasis.release."));
    }
    assertThat(loaded("--version"))
        .as("the version is printed without building picocli's model")
        .doesNotContain("picocli.CommandLine$Model$CommandSpec");
    assertThat(loaded("--help"))
        .as("the root's usage is printed from a constant, not rendered (RootUsage)")
        .doesNotContain("picocli.CommandLine$Help$TextTable", "java.text.BreakIterator");
  }

  private void project() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          alpha: {module: services/alpha, mainClass: a.Main, ports: {grpc: 1}}
        environments:
          staging: {target: local}
        """);
  }

  @Test
  void statusOfAStoppedEnvironmentLoadsNoGitDockerKafkaOrGrpc() throws Exception {
    project();
    List<String> classes = loaded("--project-dir", dir.toString(), "status");
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("nothing deployed yet");
    assertThat(from(classes, HEAVY)).isEmpty();
    assertThat(classes)
        .as("no password is made: the JDK's security providers stay unset")
        .doesNotContain("java.security.SecureRandom");
  }

  @Test
  void shellReachesItsPromptWithoutParsersOrHeavyLibraries() throws Exception {
    project();
    List<String> classes = loaded("--project-dir", dir.toString(), "shell");
    assertThat(Files.readString(dir.resolve("out.txt")))
        .as("the shell started, and 'exit' on its input ended it")
        .contains("oasis shell:");
    assertThat(classes).as("the log was read").anyMatch(c -> c.startsWith("org.jline."));
    assertThat(from(classes, HEAVY)).isEmpty();
    assertThat(from(classes, PARSERS))
        .as("oasis.yaml is read on the first completion that needs it, not before the prompt")
        .isEmpty();
    assertThat(classes)
        .as("only the shell's own model is built before the prompt")
        .noneMatch(c -> c.startsWith("oasis.deploy.") || c.startsWith("oasis.release."));
  }

  @Test
  void configWithARegionZoneIsReadWithoutScanningTheClassPath() throws Exception {
    // a deploy window in a region zone, as production's: its validation must not load the rules
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          alpha: {module: services/alpha, mainClass: a.Main, ports: {grpc: 1}}
        environments:
          staging:
            target: local
            deployWindow: {days: [MON, TUE], start: "08:00", end: "16:00", zone: Europe/London}
        """);
    List<String> classes = loaded("--project-dir", dir.toString(), "--output", "json", "status");
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("\"environment\"");
    assertThat(classes).as("the log was read").anyMatch(c -> c.startsWith("org.yaml."));
    assertThat(classes)
        .as("no class-path search: each jar would be opened")
        .doesNotContainAnyElementsOf(CLASS_PATH_SCAN)
        .doesNotContain("java.time.zone.ZoneRulesProvider");
  }

  @Test
  void historyOnAUtcMachineIsShownWithoutScanningTheClassPath() throws Exception {
    project();
    Path envDir = Files.createDirectories(dir.resolve(".oasis/envs/staging"));
    Files.writeString(
        envDir.resolve("ledger.json"),
        """
        {"environment": "staging", "current": 1, "nextRevision": 2, "revisions": [
         {"revision": 1, "version": "0.1.0", "commit": "0", "strategy": "all-at-once",
          "state": "healthy", "startedAt": "2026-01-01T00:00:00Z",
          "finishedAt": "2026-01-01T00:00:01Z", "components": {"alpha": "sha256:0"}}]}
        """);
    List<String> classes =
        loadedBy(
            List.of("-Duser.timezone=Etc/UTC"),
            Oasis.class.getName(),
            "--project-dir",
            dir.toString(),
            "history");
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("0.1.0", "01-01 00:00");
    assertThat(classes)
        .as("the times are shown in UTC without the time-zone rules providers' jar search")
        .doesNotContainAnyElementsOf(CLASS_PATH_SCAN)
        .doesNotContain("java.time.zone.ZoneRulesProvider");
  }

  @Test
  void theStateFilesMapperIsMadeWithoutScanningTheClassPath() throws Exception {
    List<String> classes = loadedBy(MakesStateMapper.class.getName());
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("2026-01-02T03:04:05Z");
    assertThat(classes).doesNotContainAnyElementsOf(CLASS_PATH_SCAN);
  }

  /** Makes the state files' mapper and writes an instant with it. */
  static final class MakesStateMapper {
    public static void main(String[] args) {
      System.out.println(
          new String(
              oasis.core.Json.bytes(java.time.Instant.parse("2026-01-02T03:04:05Z")),
              StandardCharsets.UTF_8));
    }
  }
}
