package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import oasis.testing.CliResult;
import oasis.testing.OasisCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's acceptance with the packaged CLI on the service kit: {@code oasis shell} in a real
 * pseudo-terminal (tmux), {@code rollout status --watch} redrawn in place during a real canary, the
 * rollout report of a healthy and an aborted canary rendered by headless Chromium, and piped output
 * without escape sequences.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

  static final String ENVIRONMENTS =
      KitProject.CANARY_STAGING
          + """
        quiet:
          target: local
      """;

  // static: a per-class instance gets its @TempDir field only after @BeforeAll has run
  @TempDir static Path tmp;
  KitProject kit;

  @BeforeAll
  void deployStable() throws Exception {
    kit = new KitProject(tmp, ENVIRONMENTS);
    CliResult first = kit.run("deploy", "--env", "staging", "--timeout", "60s");
    assertThat(first.code()).as(first.err()).isZero();
  }

  @AfterAll
  void tearDown() throws Exception {
    kit.run("down", "--env", "staging");
    kit.project.processes().forEach(ProcessHandle::destroyForcibly);
  }

  /** The packaged CLI as a shell command line for tmux (colour left on: a terminal). */
  private String cli(String args) {
    return "cd "
        + kit.dir
        + " && "
        + TestProject.JAVA
        + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "
        + TestProject.CLI_JAR
        + " --project-dir "
        + kit.dir
        + " "
        + args
        + "; echo \"[exited $?]\"; sleep 600";
  }

  @Test
  @Order(1)
  void shellCompletesRunsCommandsStopsThemOnCtrlCAndExitsCleanly() throws Exception {
    long t0 = System.nanoTime();
    try (Tmux t = Tmux.start(cli("shell"), 120, 40)) {
      t.await("the prompt", Duration.ofSeconds(20), ConsoleIT::endsWithPrompt);
      long startup = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("oasis shell: prompt after %d ms (JVM start included)%n", startup);

      t.keys("sta", "Tab");
      t.await("sta completed", Duration.ofSeconds(10), s -> s.contains("oasis> status"));
      t.keys("C-u", "deploy --stra", "Tab");
      t.await(
          "a verb's own option completed (the start-up tree has only its name)",
          Duration.ofSeconds(10),
          s -> s.contains("oasis> deploy --strategy"));
      t.keys("C-u", "status ");
      t.keys("--env ", "Tab");
      String envs = t.await("environment names", Duration.ofSeconds(10), s -> s.contains("quiet"));
      assertThat(envs).contains("staging", "quiet");
      t.keys("C-u", "status --env staging", "Enter");
      String status =
          t.await(
              "status output and the prompt again",
              Duration.ofSeconds(30),
              s -> s.contains("environment staging (target local)") && endsWithPrompt(s));
      assertThat(status).contains("callee", "caller", "READY");

      t.keys("logs callee -f", "Enter");
      String following =
          t.await(
              "callee's log lines under the command, no prompt: it is still following",
              Duration.ofSeconds(15),
              s -> {
                int at = s.lastIndexOf("logs callee -f");
                return at >= 0
                    && s.substring(at).strip().lines().count() >= 3
                    && !endsWithPrompt(s);
              });
      assertThat(endsWithPrompt(following)).isFalse();
      t.keys("C-c");
      String back =
          t.await("the prompt after Ctrl-C", Duration.ofSeconds(10), ConsoleIT::endsWithPrompt);
      assertThat(back).contains("^C");

      t.keys("exit", "Enter");
      t.await("the shell's exit", Duration.ofSeconds(10), s -> s.contains("[exited 0]"));
    }
  }

  private static boolean endsWithPrompt(String screen) {
    return Tmux.lastLine(screen).matches("oasis( \\[\\d+])?> ?");
  }

  @Test
  @Order(2)
  void watchRedrawsTheCanaryInPlaceAndTheReportDrawsBothTracks() throws Exception {
    Process deploy =
        kit.start(
            "deploy",
            "--env",
            "staging",
            "--strategy",
            "canary",
            "--set",
            "callee.FLAVOUR=b",
            "--timeout",
            "60s");
    CompletableFuture<String> deployErr = OasisCli.drain(deploy.getErrorStream());
    OasisCli.drain(deploy.getInputStream());
    Process piped = startWithoutNoColor("rollout", "status", "--watch", "--env", "staging");
    CompletableFuture<String> pipedOut = OasisCli.drain(piped.getInputStream());
    OasisCli.drain(piped.getErrorStream());

    try (Tmux t = Tmux.start(cli("rollout status --watch --env staging"), 100, 45)) {
      watchInTmux(t);
    } finally {
      assertThat(deploy.waitFor(90, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(deploy.exitValue()).as(deployErr.get(5, TimeUnit.SECONDS)).isZero();
    assertThat(piped.waitFor(30, TimeUnit.SECONDS))
        .as("piped watch ends with the rollout")
        .isTrue();
    String lines = pipedOut.get(5, TimeUnit.SECONDS);
    assertThat(lines)
        .as("piped watch")
        .doesNotContain("\u001b")
        .contains("canary 20%", "canary 50%");
    assertThat(lines.lines().count()).as("one line per change, not per tick").isLessThan(60);

    Path healthy = report("healthy.html");
    checkInChromium(healthy, "succeeded", false);
    CliResult json = kit.run("rollout", "report", "--env", "staging", "--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json().get("finishedBy").asText())
        .as("every analysis passed: promoted by the judge")
        .isEqualTo("judge");
  }

  /** Two captures at two weights: each one screen, the same screen redrawn. */
  private static void watchInTmux(Tmux t) throws Exception {
    String at20 = t.await("weight 20", Duration.ofSeconds(60), s -> canaryWeight(s) == 20);
    String at50 = t.await("weight 50", Duration.ofSeconds(60), s -> canaryWeight(s) == 50);
    System.out.println("--- watch at 20%:\n" + at20 + "--- watch at 50%:\n" + at50);
    for (String screen : List.of(at20, at50)) {
      assertThat(count(screen, "rollout of ")).as("one frame per screen").isEqualTo(1);
      assertThat(screen).contains("now ", "1. setWeight 20");
    }
    assertThat(at50).contains("METRIC", "errorRate of callee", "   c ", "s ");
    String all = t.scrollback();
    assertThat(count(all, "rollout of "))
        .as("redrawn in place: nothing scrolled off the screen\n" + all)
        .isEqualTo(1);
    t.await("the watch's end", Duration.ofSeconds(90), s -> s.contains("[exited 0]"));
    assertThat(t.screen()).contains("succeeded");
  }

  @Test
  @Order(3)
  void anAbortedCanarysReportShowsWhereTheBoundaryWasCrossed() throws Exception {
    CliResult before = kit.run("rollout", "report", "--env", "staging", "--format", "json");
    assertThat(before.code()).as(before.err()).isZero();
    int healthyRevision = before.json().get("revision").asInt();
    CliResult faulty =
        kit.run(
            "deploy",
            "--env",
            "staging",
            "--strategy",
            "canary",
            "--set",
            "callee.OASIS_FAULT_ERROR_RATE=0.3",
            "--timeout",
            "60s");
    assertThat(faulty.code()).as(faulty.err()).isEqualTo(1);
    Path aborted = report("aborted.html");
    Chromium.Page page = checkInChromium(aborted, "aborted", true);
    Files.copy(
        page.screenshot(),
        TestProject.CLI_TARGET.resolve("console-aborted-report.png"),
        StandardCopyOption.REPLACE_EXISTING);
    CliResult json = kit.run("rollout", "report", "--env", "staging", "--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json().get("series").get(0).get("crossedAt").isNull()).isFalse();
    assertThat(json.json().get("finishedBy").asText()).isEqualTo("judge");

    CliResult earlier =
        kit.run(
            "rollout",
            "report",
            "--env",
            "staging",
            "--revision",
            String.valueOf(healthyRevision),
            "--format",
            "json");
    assertThat(earlier.code()).as("the earlier rollout is kept: " + earlier.err()).isZero();
    assertThat(earlier.json().get("revision").asInt()).isEqualTo(healthyRevision);
    assertThat(earlier.json().get("state").asText()).isEqualTo("succeeded");
  }

  @Test
  @Order(4)
  void pipedTablesHaveNoEscapeSequencesAndFitEightyColumns() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"status", "--env", "staging"},
            new String[] {"history", "--env", "staging"},
            new String[] {"rollout", "status", "--watch", "--env", "staging"})) {
      Process p = startWithoutNoColor(args);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", args)).isZero();
      assertThat(out).as(String.join(" ", args)).isNotBlank().doesNotContain("\u001b");
      if (!"rollout".equals(args[0])) {
        assertThat(out.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
      }
      assertThat(out).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3,}");
      System.out.println(out);
    }
  }

  @Test
  @Order(5)
  void deployOnATerminalShowsEachInstanceOnceFromStartingToReady() throws Exception {
    try (Tmux t =
        Tmux.start(
            cli(
                "deploy --env staging --strategy all-at-once --set callee.FLAVOUR=c"
                    + " --timeout 60s"),
            120,
            40)) {
      String end = t.await("the deploy's end", Duration.ofSeconds(90), s -> s.contains("[exited"));
      String all = t.scrollback();
      System.out.println("--- deploy on a terminal:\n" + all);
      assertThat(end).contains("[exited 0]");
      Matcher started = Pattern.compile("as revision \\d+; starting (.+)").matcher(all);
      assertThat(started.find()).as(all).isTrue();
      for (String instance : started.group(1).strip().split(", ")) {
        assertThat(count(all, "  " + instance + " "))
            .as("one row for " + instance + ", redrawn in place:\n" + all)
            .isEqualTo(1);
        assertThat(all)
            .containsPattern("(?m)^  " + Pattern.quote(instance) + " +ready +\\d+\\.\\ds$");
      }
    }
  }

  private Path report(String name) throws Exception {
    Path file = tmp.resolve(name);
    CliResult r = kit.run("rollout", "report", "--env", "staging", "--file", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String html = Files.readString(file);
    assertThat(html).as("self-contained").doesNotContain("http://", "https://", "<script");
    return file;
  }

  private Chromium.Page checkInChromium(Path html, String state, boolean crossed) throws Exception {
    Chromium.Page page = Chromium.open(html, tmp);
    assertThat(Chromium.consoleMessages(page.log())).as("console of " + html).isEmpty();
    String dom = page.dom();
    assertThat(dom).contains(state, "errorRate of callee", "latencyP95 of callee");
    for (String chart : dom.split("<svg class=\"metric\"")) {
      if (chart.startsWith("<!DOCTYPE") || chart.startsWith("<html")) {
        continue;
      }
      assertThat(count(chart, "<circle class=\"canary")).as("canary points").isGreaterThan(0);
      assertThat(count(chart, "<circle class=\"stable")).as("stable points").isGreaterThan(0);
    }
    assertThat(count(dom, "<svg class=\"metric\"")).isEqualTo(2);
    assertThat(dom.contains("class=\"crossed\"")).as("boundary crossed marked").isEqualTo(crossed);
    BufferedImage img = ImageIO.read(page.screenshot().toFile());
    // the legend's swatches are 56 pixels of each colour; a point adds about 60 more
    int canary = pixels(img, 0xd9480f);
    int stable = pixels(img, 0x1c64c8);
    System.out.printf("%s: %d canary and %d stable pixels%n", html.getFileName(), canary, stable);
    assertThat(canary).as("canary drawn").isGreaterThan(90);
    assertThat(stable).as("stable drawn").isGreaterThan(90);
    return page;
  }

  /** Pixels within a small distance of an RGB colour. */
  private static int pixels(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        int dr = Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255));
        int dg = Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255));
        int db = Math.abs((p & 255) - (rgb & 255));
        if (dr + dg + db < 30) {
          n++;
        }
      }
    }
    return n;
  }

  /** The canary's weight on a watch screen's bar line, or -1. */
  private static int canaryWeight(String screen) {
    Matcher m = Pattern.compile("(?m)^canary\\s*\\[[#-]+]\\s+(\\d+)%").matcher(screen);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The packaged CLI with stdout piped and NO_COLOR unset: nothing but the pipe turns colour off.
   */
  private Process startWithoutNoColor(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                TestProject.JAVA,
                "-jar",
                TestProject.CLI_JAR.toString(),
                "--project-dir",
                kit.dir.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(kit.dir.toFile());
    pb.environment().remove("NO_COLOR");
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }
}
