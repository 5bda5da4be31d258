package oasis.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import oasis.core.Steps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactorLogTest {

  @TempDir Path dir;

  private final List<String> seen = new ArrayList<>();
  private final Steps steps =
      new Steps() {
        @Override
        public void step(String work, int n, int total, String what) {
          seen.add(work + " " + n + "/" + total + " " + what);
        }

        @Override
        public void done(String work) {
          seen.add(work + " done");
        }
      };

  private void append(Path log, String text) throws Exception {
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void reportsEachModuleOfTheReactorAsMavenWritesItsBuildingLine() throws Exception {
    Path log = dir.resolve("build.log");
    ReactorLog reactor = new ReactorLog(log, steps);
    reactor.poll(); // no log yet: nothing, no failure
    append(
        log,
        """
        [INFO] Scanning for projects...
        [INFO] ------------------------------------------------------------------------
        [INFO] Reactor Build Order:
        [INFO]
        [INFO] oasis-services                                                     [pom]
        [INFO] common                                                             [jar]
        [INFO] order-manager                                                      [jar]
        [INFO]
        [INFO] ---------------------< oasis:oasis-services >----------------------
        [INFO] Building oasis-services 1.0.0-SNAPSHOT                             [1/3]
        [INFO]   from pom.xml
        [INFO] ---------------------------< oasis:common >---------------------------
        [INFO] Building common 1.0.0-SNAP""");
    reactor.poll();
    assertThat(seen).containsExactly("maven 1/3 oasis-services 1.0.0-SNAPSHOT");

    append(log, "SHOT                                     [2/3]\n[INFO] Building order-");
    reactor.poll();
    append(log, "manager 1.0.0-SNAPSHOT                              [3/3]\n");
    reactor.poll();
    assertThat(seen)
        .as("a line written in pieces is read once, whole")
        .containsExactly(
            "maven 1/3 oasis-services 1.0.0-SNAPSHOT",
            "maven 2/3 common 1.0.0-SNAPSHOT",
            "maven 3/3 order-manager 1.0.0-SNAPSHOT");
  }
}
