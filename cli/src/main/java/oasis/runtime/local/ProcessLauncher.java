package oasis.runtime.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import oasis.core.ProcessIdentity;
import oasis.runtime.InstanceKind;

/**
 * Starts and stops the supervisor's processes: each in its work directory, its output appended to
 * its log, with its class-data archive; stopped SIGTERM, grace, SIGKILL, the archive it wrote kept.
 */
final class ProcessLauncher {

  static final Duration GRACE = Duration.ofSeconds(10);

  private final LocalFiles files;
  private final ClassDataArchives classData;
  private final Consumer<String> say;

  ProcessLauncher(LocalFiles files, ClassDataArchives classData, Consumer<String> say) {
    this.files = files;
    this.classData = classData;
    this.say = say;
  }

  /** Starts {@code spec}'s process, which has been restarted {@code restarts} times before. */
  Running start(LocalSpec spec, int restarts) {
    Path logFile = files.log(spec.name());
    try {
      Files.createDirectories(logFile.getParent());
      Path work = files.work(spec.name());
      Files.createDirectories(work);
      Files.writeString(
          logFile,
          "---- oasis: "
              + Instant.now()
              + " starting "
              + spec.name()
              + " "
              + spec.launch().version()
              + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      long offset = Files.size(logFile);
      ClassDataArchives.Launch launch = classData.launch(spec.launch().artifact());
      List<String> command = new ArrayList<>(spec.launch().command());
      if (!command.isEmpty() && spec.launch().artifact() != null) {
        command.addAll(1, launch.flags()); // right after the java executable
      }
      Process p = process(spec, command, work, logFile);
      Running r = new Running();
      r.spec = spec;
      r.process = p;
      r.handle = p.toHandle();
      r.id = ProcessIdentity.of(r.handle);
      r.restarts = restarts;
      r.logOffset = offset;
      r.startedNanos = System.nanoTime();
      r.classDataDump = command.size() > spec.launch().command().size() ? launch.dump() : null;
      r.grpcPort = spec.launch().kind() == InstanceKind.SERVICE ? spec.launch().port("grpc") : null;
      say.accept("started " + spec.name() + " (pid " + r.id.pid() + ")");
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start " + spec.name() + ": " + spec.launch().command(), e);
    }
  }

  private static Process process(LocalSpec spec, List<String> command, Path work, Path logFile)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(spec.launch().env());
    pb.environment().putAll(SealedVariables.open(spec.variablesFile()));
    return pb.start();
  }

  /** Stops {@code list} in parallel (SIGTERM, grace, SIGKILL) and settles their archives. */
  void terminate(List<Running> list) {
    List<ProcessHandle> handles =
        list.stream().map(r -> r.handle).filter(ProcessHandle::isAlive).toList();
    for (Running r : list) {
      say.accept("stopping " + r.spec.name() + " (pid " + r.id.pid() + ")");
    }
    ProcessControl.terminate(handles, GRACE, say);
    list.forEach(this::settleClassData);
  }

  /** Keeps the class-data archive a stopped process wrote, if it wrote one and exited cleanly. */
  private void settleClassData(Running r) {
    if (r.classDataDump == null) {
      return;
    }
    int exit = r.process != null && !r.process.isAlive() ? r.process.exitValue() : -1;
    classData.settle(r.spec.launch().artifact(), r.classDataDump, exit);
    r.classDataDump = null;
  }
}
