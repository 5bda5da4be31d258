package oasis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.testing.CliResult;

/**
 * A throw-away project of two services on the real service kit: {@code caller} sends 100 calls a
 * second through a WeightedChannel to {@code callee}. Built on {@link TestProject} (git, the
 * packaged CLI), with a Maven stand-in that packages the test classpath (kit, proto, gRPC).
 */
final class KitProject {

  /** A canary staging of three 20/50/100 steps, each judged on error rate and p95 latency. */
  static final String CANARY_STAGING =
      """
        staging:
          target: local
          rollout:
            strategy: canary
            canary:
              steps:
                - setWeight: 20
                - analysis: {}
                - setWeight: 50
                - analysis: {}
                - setWeight: 100
                - analysis: {}
            analysis:
              interval: 1s
              budget: 30s
              minSamples: 20
              conditions:
                - {metric: errorRate, max: 0.05}
                - {metric: latencyP95, max: 0.1}
      """;

  final TestProject project;
  final Path dir;

  KitProject(Path tmp, String environments) throws Exception {
    project = new TestProject(tmp);
    dir = project.dir;
    int base = TestProject.freePortBlock();
    project.write(
        "oasis.yaml",
        """
        project: it
        defaultEnvironment: staging
        components:
          callee:
            module: services/callee
            mainClass: oasis.testservice.KitCalleeMain
            ports: {metrics: %d, grpc: %d}
          caller:
            module: services/caller
            mainClass: oasis.testservice.KitCallerMain
            ports: {metrics: %d, grpc: %d}
            dependsOn: [callee]
            env: {CALLER_RATE: "100", OASIS_LOG_LEVEL: WARN}
        environments:
        """
                .formatted(base, base + 1, base + 2, base + 3)
            + environments);
    project.write(
        "pom.xml",
        """
        <project><modelVersion>4.0.0</modelVersion><groupId>it</groupId><artifactId>it-parent</artifactId>
        <version>2.0.0-SNAPSHOT</version><packaging>pom</packaging>
        <modules><module>services/callee</module><module>services/caller</module></modules></project>
        """);
    for (String m : List.of("callee", "caller")) {
      project.write(
          "services/" + m + "/pom.xml",
          "<project><modelVersion>4.0.0</modelVersion><artifactId>"
              + m
              + "</artifactId></project>\n");
      project.write("services/" + m + "/src/main/resources/behaviour.properties", "ready=true\n");
    }
    StringBuilder libs = new StringBuilder();
    for (String entry : testClassPath()) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p) && !p.endsWith("test-classes")) {
        libs.append("  (cd ")
            .append(p)
            .append(" && jar cf \"$OLDPWD/$t/lib/")
            .append(p.getParent().getParent().getFileName())
            .append("-classes.jar\" .)\n");
      } else if (entry.endsWith(".jar")) {
        libs.append("  cp ").append(p).append(" \"$t/lib/\"\n");
      }
    }
    project.write(
        "mvnw",
        """
        #!/usr/bin/env bash
        # Stands in for the Maven Wrapper: the test services with the kit's classpath as lib/.
        set -euo pipefail
        echo "mvnw $*"
        modules=""
        while (($#)); do [[ "$1" == "-pl" ]] && { modules="$2"; shift; }; shift; done
        for m in ${modules//,/ }; do
          t="$m/target"; rm -rf "$t"; mkdir -p "$t/lib" "$t/classes/oasis"
          cp -r %s/oasis/testservice "$t/classes/oasis/"
          cp "$m/src/main/resources/"* "$t/classes/"
          (cd "$t/classes" && jar cf "../$(basename "$m").jar" .)
        %s
        done
        """
            .formatted(TestProject.CLI_TARGET.resolve("test-classes"), libs));
    project.commit("kit services");
  }

  private static List<String> testClassPath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()
          && !e.contains("junit")
          && !e.contains("assertj")
          && !e.contains("surefire")
          && !e.contains("slf4j-nop")
          && !e.endsWith("oasis-cli/target/classes")
          && !e.endsWith("cli/target/classes")) {
        out.add(e);
      }
    }
    return out;
  }

  CliResult run(String... args) throws Exception {
    return project.run(args);
  }

  Process start(String... args) throws Exception {
    return project.start(args);
  }

  JsonNode rollout(String env) throws Exception {
    return run("--output", "json", "rollout", "status", "--env", env).json();
  }

  /** Waits until the rollout of {@code env} is in {@code state}, or fails after {@code wait}. */
  JsonNode awaitRollout(String env, String state, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = rollout(env);
      if (state.equals(last.get("state").asText())) {
        return last;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("rollout of " + env + " never " + state + ": " + last);
  }

  /** Waits until {@code metrics} has counted {@code calls} calls, or fails after {@code wait}. */
  static void awaitCalls(String metrics, double calls, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    double now = calls(metrics);
    while (now < calls) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(metrics + " counted " + now + " calls, not " + calls);
      }
      Thread.sleep(100);
      now = calls(metrics);
    }
  }

  /** ExecuteOrder calls an instance has answered (all codes). */
  static double calls(String metricsUrl) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile(
                "grpc_server_handling_seconds_count\\{[^}]*ExecuteOrder[^}]*\\} ([0-9.Ee+]+)")
            .matcher(body);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}
