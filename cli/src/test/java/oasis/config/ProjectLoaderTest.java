package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {

  @TempDir Path dir;

  private ConfigException invalid(String yaml) throws Exception {
    Files.writeString(dir.resolve("oasis.yaml"), yaml);
    return (ConfigException)
        assertThatThrownBy(() -> ProjectLoader.load(dir))
            .isInstanceOf(ConfigException.class)
            .satisfies(
                e ->
                    assertThat(((OasisException) e).kind())
                        .isEqualTo(OasisException.Kind.BAD_INPUT))
            .actual();
  }

  @Test
  void theRepositoryProjectFileIsValid() {
    Project project = ProjectLoader.load(Path.of("..").toAbsolutePath().normalize());
    assertThat(project.config().components())
        .containsKeys(
            "coinbase-connector",
            "data-normalizer",
            "strategy-framework",
            "risk-engine",
            "order-manager");
    assertThat(project.environment(null).getKey()).isEqualTo("staging");
    assertThat(project.environment(null).getValue().target()).isEqualTo("local");
    var production = project.environment("production").getValue();
    assertThat(production.target()).isEqualTo("kubernetes");
    assertThat(production.kafka().replicas()).isEqualTo(3);
    assertThat(production.kafka().securityProtocol()).isEqualTo("SASL_SSL");
  }

  @Test
  void unknownKeyNamesLineAndAllowedKeys() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: staging
            components:
              a:
                module: m
                mainClass: A
                dependson: [b]
            environments:
              staging: {target: local}
            """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(6);
              assertThat(p.message()).contains("unknown key 'dependson'");
              assertThat(p.fix()).contains("dependsOn");
            });
  }

  @Test
  void dependencyCycleIsRejectedWithThePath() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: staging
            components:
              a: {module: a, mainClass: A, dependsOn: [b]}
              b: {module: b, mainClass: B, dependsOn: [c]}
              c: {module: c, mainClass: C, dependsOn: [a]}
            environments:
              staging: {target: local}
            """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).contains("dependency cycle: a -> b -> c -> a");
              assertThat(p.line()).isEqualTo(3);
            });
  }

  @Test
  void twoComponentsOnOnePortAreRejectedNamingBothLines() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: staging
            components:
              a:
                module: a
                mainClass: A
                ports: {grpc: 50051}
              b:
                module: b
                mainClass: B
                ports:
                  metrics: 50051
            environments:
              staging: {target: local}
            """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(11);
              assertThat(p.message()).contains("port 50051", "'b'", "'a'", "line 6");
            });
    assertThat(e.getMessage()).startsWith("oasis.yaml:11:");
  }

  @Test
  void unknownDependencyAndTargetAreAllReported() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: prod
            components:
              a: {module: a, mainClass: A, dependsOn: [kafka]}
            environments:
              staging: {target: laptop}
            """);
    assertThat(e.problems())
        .extracting(Problem::line, Problem::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(3, "'a' depends on unknown 'kafka'"),
            org.assertj.core.groups.Tuple.tuple(1, "defaultEnvironment 'prod' is not declared"),
            org.assertj.core.groups.Tuple.tuple(5, "environment 'staging' has target 'laptop'"));
  }

  @Test
  void malformedYamlNamesTheLine() throws Exception {
    ConfigException e = invalid("components:\n  a: [unclosed\nenvironments: {}\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not valid YAML"));
  }

  @Test
  void wrongTypeNamesThePath() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: staging
            components:
              a: {module: a, mainClass: A, ports: {grpc: many}}
            environments:
              staging: {target: local}
            """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.message()).contains("components.a.ports.grpc");
            });
  }

  @Test
  void unknownEnvironmentIsBadInputListingTheKnownOnes() {
    Project project = ProjectLoader.load(Path.of("..").toAbsolutePath().normalize());
    assertThatThrownBy(() -> project.environment("qa"))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("unknown environment 'qa'")
        .satisfies(e -> assertThat(((OasisException) e).hint()).contains("staging", "production"));
  }

  @Test
  void releaseSectionMergesBumpsOverTheDefaults() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          a: {module: a, mainClass: A}
        environments:
          staging: {target: local}
        release:
          bumps: {docs: patch, fix: none}
          breakingWhileZero: major
        """);
    ReleaseConfig release = ProjectLoader.load(dir).config().release();
    assertThat(release.bumps())
        .containsEntry("docs", "patch")
        .containsEntry("fix", "none")
        .containsEntry("feat", "minor")
        .containsEntry("perf", "patch");
    assertThat(release.breakingWhileZero()).isEqualTo("major");
    assertThat(release.notesTemplate()).isEqualTo("templates/release-notes.md.mustache");
  }

  @Test
  void withoutAReleaseSectionTheDefaultsApply() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          a: {module: a, mainClass: A}
        environments:
          staging: {target: local}
        """);
    ReleaseConfig release = ProjectLoader.load(dir).config().release();
    assertThat(release.bumps()).isEqualTo(ReleaseConfig.DEFAULT_BUMPS);
    assertThat(release.breakingWhileZero()).isEqualTo("minor");
  }

  @Test
  void badReleaseSectionNamesTheLines() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: staging
            components:
              a: {module: a, mainClass: A}
            environments:
              staging: {target: local}
            release:
              bumps:
                docs: huge
              breakingWhileZero: patch
            """);
    assertThat(e.problems())
        .extracting(Problem::line, Problem::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(8, "commit type 'docs' bumps 'huge'"),
            org.assertj.core.groups.Tuple.tuple(9, "breakingWhileZero is 'patch'"));
  }

  @Test
  void unknownReleaseKeyIsRejected() throws Exception {
    ConfigException e =
        invalid(
            """
            defaultEnvironment: staging
            components:
              a: {module: a, mainClass: A}
            environments:
              staging: {target: local}
            release:
              bump: {docs: patch}
            """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(7);
              assertThat(p.fix()).contains("bumps");
            });
  }
}
