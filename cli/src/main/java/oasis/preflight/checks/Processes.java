package oasis.preflight.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a tool as a process with a bounded wait, capturing its output. */
final class Processes {

  /** What a finished process said. */
  record Output(int code, String out, String err) {}

  private Processes() {}

  static Output run(Path dir, List<String> command, long timeoutSeconds) {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UncheckedIOException(
            new IOException(
                String.join(" ", command) + " did not finish within " + timeoutSeconds + " s"));
      }
      return new Output(p.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot talk to " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } catch (ExecutionException e) {
      throw new UncheckedIOException(
          new IOException("cannot read the output of " + command.get(0), e.getCause()));
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
