package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs: the first run records an archive, the next maps it, a killed one records none. */
class ClassDataArchivesIT {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir static Path classes;
  @TempDir Path cds;

  @BeforeAll
  static void compileAnApp() throws Exception {
    Path src = classes.resolve("App.java");
    Files.writeString(
        src,
        """
        public class App {
          public static void main(String[] args) throws Exception {
            java.util.List<String> xs = new java.util.concurrent.CopyOnWriteArrayList<>();
            xs.add(String.valueOf(java.time.Instant.now()));
            System.out.println("app up " + xs.size());
            if (args.length > 0) Thread.sleep(60_000);
          }
        }
        """);
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), src.toString());
    assertThat(rc).isZero();
    // Class-data sharing archives classes from jars only, as the artifacts are.
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(classes.resolve("app.jar")))) {
      jar.putNextEntry(new JarEntry("App.class"));
      jar.write(Files.readAllBytes(classes.resolve("App.class")));
      jar.closeEntry();
    }
  }

  private Process run(ClassDataArchives.Launch launch, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA));
    cmd.addAll(launch.flags());
    cmd.addAll(List.of("-Xlog:cds=info", "-cp", classes.resolve("app.jar").toString(), "App"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static int exit(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void theFirstCleanRunRecordsTheArchiveThatLaterRunsMap() throws Exception {
    ClassDataArchives archives = new ClassDataArchives(cds);
    ClassDataArchives.Launch first = archives.launch("sha256:digest1");
    assertThat(first.flags().get(0)).startsWith("-XX:ArchiveClassesAtExit=");

    Process p = run(first);
    String recorded = new String(p.getInputStream().readAllBytes());
    assertThat(exit(p)).as(recorded).isZero();
    archives.settle("sha256:digest1", first.dump(), p.exitValue());

    assertThat(archives.archive("sha256:digest1")).isRegularFile();
    assertThat(first.dump()).doesNotExist();
    ClassDataArchives.Launch second = archives.launch("sha256:digest1");
    assertThat(second.dump()).isNull();
    assertThat(second.flags())
        .containsExactly("-XX:SharedArchiveFile=" + archives.archive("sha256:digest1"));
    // -Xshare:on makes a JVM that cannot map the archive fail instead of running without it.
    List<String> strict = new ArrayList<>(second.flags());
    strict.add("-Xshare:on");
    Process mapped = run(new ClassDataArchives.Launch(strict, null));
    String out = new String(mapped.getInputStream().readAllBytes());
    assertThat(exit(mapped)).as(out).isZero();
    assertThat(out).contains("app up 1");
  }

  @Test
  void aKilledRunLeavesNoArchive() throws Exception {
    ClassDataArchives archives = new ClassDataArchives(cds);
    ClassDataArchives.Launch launch = archives.launch("digest2");
    Process p = run(launch, "wait");
    p.destroyForcibly();
    int exit = exit(p);
    // as if the JVM had been killed in the middle of writing its archive
    Files.writeString(launch.dump(), "half an archive");

    archives.settle("digest2", launch.dump(), exit);

    assertThat(archives.archive("digest2")).doesNotExist();
    assertThat(launch.dump()).doesNotExist();
    assertThat(archives.launch("digest2").dump()).isNotNull();
  }

  @Test
  void archivesBelongToOneJvmBuildAndOrphanDumpsGo() throws Exception {
    ClassDataArchives mine = new ClassDataArchives(cds, "jdk-a");
    ClassDataArchives other = new ClassDataArchives(cds, "jdk-b");
    Files.createDirectories(cds);
    Files.writeString(mine.archive("d"), "x");

    assertThat(other.launch("d").dump()).isNotNull();
    ClassDataArchives.Launch orphan = mine.launch("e");
    Files.writeString(orphan.dump(), "partial");
    mine.tidy(Instant.now().plus(ClassDataArchives.ORPHAN_AGE).plusSeconds(60));

    assertThat(orphan.dump()).doesNotExist();
    assertThat(mine.archive("d")).isRegularFile();
  }

  @Test
  void onlyTheMostRecentlyUsedArchivesAreKept() throws Exception {
    ClassDataArchives archives = new ClassDataArchives(cds, "jdk");
    Files.createDirectories(cds);
    Instant old = Instant.now().minusSeconds(3600);
    for (int i = 0; i <= ClassDataArchives.KEEP; i++) {
      Path a = archives.archive("sha256:a" + i);
      Files.writeString(a, "x");
      Files.setLastModifiedTime(a, FileTime.from(old.plusSeconds(i)));
    }
    archives.launch("sha256:a0"); // the oldest, used again

    archives.tidy(Instant.now());

    assertThat(archives.archive("sha256:a0")).isRegularFile();
    assertThat(archives.archive("sha256:a1")).doesNotExist();
    assertThat(archives.archive("sha256:a2")).isRegularFile();
  }
}
