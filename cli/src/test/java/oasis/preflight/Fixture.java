package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import oasis.config.ProjectLoader;

/** A copy of the repository's preflight inputs in a temporary directory, to break one at a time. */
final class Fixture {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final String DESCRIPTORS = "proto/target/classes/oasis/contracts.desc";
  static final String CONTRACT_DESCRIPTORS = "proto/target/classes/oasis/baseline.desc";

  /** Monday 2026-11-30 10:00 in London: inside the production window. */
  static final Clock MONDAY_MORNING =
      Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

  final Path dir;

  private Fixture(Path dir) {
    this.dir = dir;
  }

  /**
   * The repository's checklists, oasis.yaml, environments, templates, protos and descriptor set.
   */
  static Fixture copyOfRepository(Path dir) {
    for (String p :
        List.of(
            "oasis.yaml",
            "checklists",
            "environments",
            "templates/observability",
            "proto/src/main/protobuf",
            "proto/baseline",
            DESCRIPTORS,
            CONTRACT_DESCRIPTORS)) {
      copy(REPO.resolve(p), dir.resolve(p));
    }
    assertThat(dir.resolve(DESCRIPTORS))
        .as("the proto module is built (./mvnw -pl cli -am builds it)")
        .exists();
    return new Fixture(dir);
  }

  Path path(String relative) {
    return dir.resolve(relative);
  }

  Fixture write(String relative, String content) {
    try {
      Files.createDirectories(path(relative).getParent());
      Files.writeString(path(relative), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code from} (which must occur) with {@code to} in a file. */
  Fixture replace(String relative, String from, String to) {
    String text = read(relative);
    assertThat(text).as("%s contains the text to replace", relative).contains(from);
    return write(relative, text.replace(from, to));
  }

  /** Runs the checklist with no tools on the path (no promtool). */
  PreflightReport run(Preflight.Options options, Clock clock) {
    return run(options, clock, List.of());
  }

  PreflightReport run(Preflight.Options options, Clock clock, List<Path> toolPath) {
    return Preflight.run(
        ProjectLoader.load(dir), options, CheckRegistry.standard(), clock, toolPath);
  }

  /** Runs one check on the default environment, Monday morning. */
  CheckOutcome runOnly(String id) {
    return runOnly(id, null, null, MONDAY_MORNING);
  }

  CheckOutcome runOnly(String id, String env, String release, Clock clock) {
    PreflightReport report = run(new Preflight.Options(env, release, List.of(id), false), clock);
    assertThat(report.outcomes()).hasSize(1);
    return report.outcomes().get(0);
  }

  private static void copy(Path from, Path to) {
    try {
      if (Files.isDirectory(from)) {
        try (Stream<Path> walk = Files.walk(from)) {
          for (Path p : walk.toList()) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(target);
            } else {
              Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
