package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import oasis.testing.OasisCli;

/** Debian's headless Chromium on a local file: the rendered DOM, a screenshot, its console. */
final class Chromium {

  record Page(String dom, String log, Path screenshot) {}

  private Chromium() {}

  static Page open(Path html, Path dir) throws Exception {
    Path png = dir.resolve(html.getFileName() + ".png");
    String log = run(html, dir, "--screenshot=" + png, "--window-size=1000,2600").err;
    Run dom = run(html, dir, "--dump-dom");
    assertThat(png).as("screenshot of %s; chromium said:%n%s", html, log).isRegularFile();
    return new Page(dom.out, log + dom.err, png);
  }

  private record Run(String out, String err) {}

  private static Run run(Path html, Path dir, String... extra) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0"));
    cmd.addAll(List.of(extra));
    cmd.add(html.toUri().toString());
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    CompletableFuture<String> out = OasisCli.drain(p.getInputStream());
    CompletableFuture<String> err = OasisCli.drain(p.getErrorStream());
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return new Run(out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  /** Console messages of the page (Chromium logs them as {@code INFO:CONSOLE:LINE}). */
  static List<String> consoleMessages(String log) {
    return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
  }

  static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
