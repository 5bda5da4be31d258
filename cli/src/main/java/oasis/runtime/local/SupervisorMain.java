package oasis.runtime.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Entry point of the detached supervisor process: {@code SupervisorMain <envDir>}. At most one runs
 * per environment (an OS lock on {@code supervisor.lock}).
 */
public final class SupervisorMain {

  private SupervisorMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SupervisorMain ENV_DIR");
      System.exit(2);
    }
    LocalFiles files = new LocalFiles(Path.of(args[0]));
    Files.createDirectories(files.supervisorLog().getParent());
    try (FileChannel ch =
            FileChannel.open(
                files.dir().resolve("supervisor.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        PrintStream log =
            new PrintStream(
                new FileOutputStream(files.supervisorLog().toFile(), true),
                true,
                StandardCharsets.UTF_8)) {
      if (lock == null) {
        log.println("another supervisor runs for " + files.dir() + "; exiting");
        return;
      }
      log.println("supervisor pid " + ProcessHandle.current().pid() + " for " + files.dir());
      new Supervisor(files, log).run();
    } catch (IOException e) {
      System.err.println("supervisor of " + args[0] + " failed: " + e);
      System.exit(1);
    }
  }
}
