package oasis.runtime.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import oasis.core.Durations;
import oasis.core.OasisException;
import oasis.runtime.ApplyResult;

/**
 * The CLI's side of the detached supervisor ({@link SupervisorMain}): starts it when none runs, and
 * waits for it to report a generation of the desired state ready or failed.
 */
record SupervisorLink(LocalFiles files, String java, String classPath) {

  /** The bound of a wait for the supervisor's next state, which wakes the wait when written. */
  private static final Duration STATE_POLL = Duration.ofMillis(100);

  private static final Duration START_LIMIT = Duration.ofSeconds(15);

  /**
   * Waits until the supervisor reports {@code generation} ready or failed, within {@code limit}.
   */
  ApplyResult await(
      long generation, List<LocalSpec> specs, Duration limit, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Set<String> announced = readyAlready(specs);
    try (FileWake states = FileWake.of(files.stateFile())) {
      while (System.nanoTime() < deadline) {
        SupervisorState s = files.readState();
        if (s != null && s.generation() == generation) {
          announce(s, announced, start, progress);
          if ("ready".equals(s.phase())) {
            return ApplyResult.ok();
          }
          if ("failed".equals(s.phase())) {
            return ApplyResult.failed(s.failedInstance(), s.reason(), tail(s.failedInstance()));
          }
        }
        if (s == null || !s.supervisor().isAlive()) {
          ensureRunning(progress);
        }
        awaitNextState(states);
      }
    }
    return ApplyResult.failed(
        "supervisor",
        "the supervisor did not report generation "
            + generation
            + " within "
            + limit.toSeconds()
            + " s",
        LogTail.of(files.supervisorLog(), 20));
  }

  private static void announce(
      SupervisorState s, Set<String> announced, long start, Consumer<String> progress) {
    s.instances()
        .forEach(
            (name, r) -> {
              if (r.ready() && announced.add(name)) {
                progress.accept(
                    "  "
                        + name
                        + " ready ("
                        + Durations.seconds(Duration.ofNanos(System.nanoTime() - start))
                        + ")");
              }
            });
  }

  private static void awaitNextState(FileWake states) {
    try {
      states.await(STATE_POLL); // the supervisor's every new state wakes this at once
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
  }

  private List<String> tail(String instance) {
    return instance == null ? List.of() : LogTail.of(files.log(instance), 12);
  }

  /** Instances that already run ready with the definition {@code specs} give them: not news. */
  private Set<String> readyAlready(List<LocalSpec> specs) {
    Set<String> ready = new HashSet<>();
    SupervisorState before = files.readState();
    if (before != null) {
      for (LocalSpec spec : specs) {
        SupervisorState.InstanceRecord r = before.instances().get(spec.name());
        if (r != null && r.ready() && r.hash().equals(spec.hash()) && r.process().isAlive()) {
          ready.add(spec.name());
        }
      }
    }
    return ready;
  }

  /** Starts the supervisor unless one runs, and waits until it has written its first state. */
  void ensureRunning(Consumer<String> progress) {
    if (running(files.readState())) {
      return;
    }
    List<String> cmd = command();
    try {
      Files.createDirectories(files.supervisorLog().getParent());
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(files.supervisorLog().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      progress.accept(
          "started the supervisor of " + files.dir().getFileName() + " (pid " + p.pid() + ")");
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      while (System.nanoTime() < deadline) {
        // ours, or one that an interrupted command started just before us (it holds the OS lock)
        if (running(files.readState())) {
          return;
        }
        Durations.pause(50);
      }
      throw OasisException.failed(
          "the supervisor (pid "
              + p.pid()
              + ") did not start; last lines of "
              + files.supervisorLog()
              + ":\n"
              + String.join("\n", LogTail.of(files.supervisorLog(), 15)),
          "Check that Java can run " + classPath + ".");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the supervisor: " + cmd, e);
    }
  }

  private static boolean running(SupervisorState s) {
    return s != null && s.supervisor() != null && s.supervisor().isAlive();
  }

  private List<String> command() {
    List<String> cmd = new ArrayList<>();
    if (LocalTarget.onPath("setsid")) {
      cmd.add("setsid"); // its own session: a Ctrl-C or kill of the CLI's group does not reach it
    }
    cmd.addAll(
        List.of(
            java,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx128m",
            "-Doasis.env=" + files.dir(),
            "-cp",
            SupervisorRuntime.pin(classPath, files.dir().getParent().getParent()),
            SupervisorMain.class.getName(),
            files.dir().toString()));
    return cmd;
  }
}
