package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged CLI run through the ./oasis launcher as a separate process. */
class LauncherIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Result(int code, String out, String err) {}

  static Result launch(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = ROOT.resolve("oasis").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS))
        .as("oasis %s finished", String.join(" ", args))
        .isTrue();
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void launcherRunsThePackagedCliWithoutRebuilding() throws Exception {
    Result r = launch("--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("oasis ").contains("(commit ");
    assertThat(r.err()).as("no build message: the package is fresh").doesNotContain("building");
  }

  @Test
  void unknownFlagExitsTwoThroughTheLauncher() throws Exception {
    Result r = launch("--no-such-flag");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().count()).isLessThanOrEqualTo(3);
  }

  @Test
  void noColourWhenStdoutIsNotATerminal() throws Exception {
    Result r = launch("--help");
    assertThat(r.out()).doesNotContain("\u001b[");
  }
}
