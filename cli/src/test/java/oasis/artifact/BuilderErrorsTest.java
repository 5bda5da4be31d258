package oasis.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed build shows Maven's errors, not the last lines of a verbose terminal build's log. */
class BuilderErrorsTest {

  @TempDir Path dir;

  @Test
  void theErrorsAreShownWithoutMavensClosingAdvice() throws Exception {
    List<String> log = new ArrayList<>();
    log.add("[INFO] Building alpha 1.0.0-SNAPSHOT [1/2]");
    log.add("[ERROR] /src/Alpha.java:[3,5] cannot find symbol");
    log.add("[ERROR]   symbol:   class Nope");
    for (int i = 0; i < 40; i++) {
      log.add("[INFO] Reactor Summary line " + i);
    }
    log.add("[ERROR] Failed to execute goal compile on project alpha: Compilation failure");
    log.add("[ERROR] -> [Help 1]");
    log.add("[ERROR] ");
    log.add("[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.");
    log.add("[ERROR] Re-run Maven using the -X switch to enable full debug logging.");
    log.add("[ERROR] After correcting the problems, you can resume the build with the command");
    log.add("[ERROR]   mvn <args> -rf :alpha");
    Path file = dir.resolve("build.log");
    Files.write(file, log);

    String shown = Builder.errors(file, 25);

    assertThat(shown.lines())
        .containsExactly(
            "    [ERROR] /src/Alpha.java:[3,5] cannot find symbol",
            "    [ERROR]   symbol:   class Nope",
            "    [ERROR] Failed to execute goal compile on project alpha: Compilation failure");
  }

  @Test
  void aLogWithoutErrorLinesShowsItsTail() throws Exception {
    Path file = dir.resolve("build.log");
    Files.write(file, List.of("one", "two", "killed"));
    assertThat(Builder.errors(file, 2).lines()).containsExactly("    two", "    killed");
  }
}
