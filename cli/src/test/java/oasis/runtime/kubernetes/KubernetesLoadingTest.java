package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class-loading boundary: fabric8 is on the class path, and a command that does not touch a
 * kubernetes environment never loads one of its classes (nor this package), so --version, --help
 * and the local and docker commands do not pay for it.
 */
class KubernetesLoadingTest {

  static final String REPO = Path.of("").toAbsolutePath().getParent().toString();

  @ParameterizedTest
  @ValueSource(strings = {"--version", "--help", "config validate", "history --env staging"})
  void commandsOffKubernetesLoadNoFabric8Class(String command) throws Exception {
    List<String> loaded = loadedClasses(command);
    assertThat(loaded)
        .as("the command ran and loaded oasis")
        .anyMatch(c -> c.startsWith("oasis.cli."));
    assertThat(loaded).noneMatch(c -> c.startsWith("io.fabric8."));
    assertThat(loaded).noneMatch(c -> c.startsWith("oasis.runtime.kubernetes."));
  }

  @Test
  void aKubernetesEnvironmentDoesLoadIt() throws Exception {
    // The boundary test above would pass on a class path without fabric8; this one shows it is
    // there.
    List<String> loaded = loadedClasses("history --env production");
    assertThat(loaded).anyMatch(c -> c.startsWith("io.fabric8.kubernetes.client."));
  }

  static List<String> loadedClasses(String command) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xlog:class+load=info");
    cmd.add("-Dkubeconfig=" + REPO + "/no-such-kubeconfig");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("oasis.cli.Oasis");
    cmd.add("--project-dir");
    cmd.add(REPO);
    cmd.addAll(List.of(command.split(" ")));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> classes = new ArrayList<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      int at = line.indexOf("[class,load] ");
      if (at >= 0) {
        String rest = line.substring(at + 13);
        classes.add(rest.split(" ")[0]);
      }
    }
    return classes;
  }
}
