package oasis.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writeAndPublishReplaceTheContentAndLeaveNoTemporaryFile() throws Exception {
    Path durable = dir.resolve("state.json");
    Path request = dir.resolve("request.json");
    AtomicFiles.write(durable, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(durable, "two".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.publish(request, "ask".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.publish(request, "ask again".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(durable)).isEqualTo("two");
    assertThat(Files.readString(request)).isEqualTo("ask again");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("state.json", "request.json");
    }
  }
}
