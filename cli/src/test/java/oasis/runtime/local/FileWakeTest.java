package oasis.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import oasis.core.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWakeTest {

  @TempDir Path dir;

  @Test
  void aWriteOfTheFileEndsTheWaitLongBeforeItsBound() throws Exception {
    Path state = dir.resolve("state.json");
    try (FileWake wake = FileWake.of(state)) {
      CountDownLatch waiting = new CountDownLatch(1);
      Thread writer =
          new Thread(
              () -> {
                try {
                  waiting.await();
                  AtomicFiles.write(state, "{}".getBytes()); // by rename, as every state file
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.start();
      long t0 = System.nanoTime();
      waiting.countDown();
      wake.await(Duration.ofSeconds(60));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
      writer.join();
    }
  }

  @Test
  void writesOfOtherFilesDoNotEndTheWait() throws Exception {
    Path state = dir.resolve("state.json");
    try (FileWake wake = FileWake.of(state)) {
      Files.writeString(dir.resolve("weights.json"), "{}");
      AtomicFiles.write(dir.resolve("routes"), "x".getBytes());
      long t0 = System.nanoTime();
      wake.await(Duration.ofMillis(300));
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }
}
