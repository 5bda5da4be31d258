package oasis.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import oasis.config.Project;
import oasis.config.ProjectLoader;

/**
 * {@code oasis.yaml} read and validated on a thread of its own from the start of {@code main},
 * while picocli builds the command's model on the main thread: on a cold JVM, Jackson's binding of
 * the configuration is the largest part of a command such as {@code status}, and the two overlap on
 * a second core. The command takes the result where it would have loaded the project; whatever the
 * preload met (a missing or invalid file) is thrown there, as a load on the main thread would.
 */
final class ProjectPreload {

  /**
   * The commands that load the project before anything else. Not {@code rollout}: its quick abort
   * reads no oasis.yaml and must not share the CPU with a load it does not need.
   */
  private static final Set<String> LOAD_FIRST =
      Set.of(
          "build",
          "preflight",
          "deploy",
          "rollback",
          "smoke",
          "status",
          "history",
          "logs",
          "down",
          "config",
          "export");

  private static final Object LOCK = new Object();
  private static Path dir;
  private static FutureTask<Project> task;

  private ProjectPreload() {}

  /** Starts reading the project of {@code args} when their command loads it first. */
  static void start(String... args) {
    String option = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
        return;
      }
      if (a.equals("--project-dir") && i + 1 < args.length) {
        option = args[i + 1];
      } else if (a.startsWith("--project-dir=")) {
        option = a.substring("--project-dir=".length());
      }
    }
    String command = Commands.firstWord(args);
    if (command == null || !LOAD_FIRST.contains(command)) {
      return;
    }
    Path where;
    try {
      where = OasisCommand.projectDir(option == null ? null : Path.of(option));
    } catch (RuntimeException e) {
      return; // an unusable path: the command reports it
    }
    FutureTask<Project> load = new FutureTask<>(() -> ProjectLoader.load(where));
    synchronized (LOCK) {
      dir = where;
      task = load;
    }
    Thread t = new Thread(load, "oasis-project-preload");
    t.setDaemon(true);
    t.start();
  }

  /** Whether a read of {@code projectDir} was started and not yet taken. */
  static boolean started(Path projectDir) {
    synchronized (LOCK) {
      return projectDir.equals(dir);
    }
  }

  /**
   * The project of {@code projectDir}: the preloaded one when it was started for that directory.
   */
  static Project load(Path projectDir) {
    FutureTask<Project> load;
    synchronized (LOCK) {
      load = projectDir.equals(dir) ? task : null;
      dir = null;
      task = null;
    }
    if (load == null) {
      return ProjectLoader.load(projectDir);
    }
    try {
      return load.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProjectLoader.load(projectDir);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
