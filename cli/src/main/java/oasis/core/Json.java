package oasis.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON mapper of state files: ISO instants, sorted maps, tolerant of fields added later. */
public final class Json {

  private static volatile ObjectMapper mapper;

  private Json() {}

  public static ObjectMapper mapper() {
    ObjectMapper m = mapper;
    if (m == null) {
      m =
          JsonMapper.builder()
              // named, not found: finding modules asks a service loader, which opens each of the
              // CLI's hundred jars (tens of milliseconds of every command that reads state)
              .addModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .enable(SerializationFeature.INDENT_OUTPUT)
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .build();
      mapper = m;
    }
    return m;
  }

  public static byte[] bytes(Object value) {
    try {
      return mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code file}; a missing file gives null, a corrupt one fails naming the file. */
  public static <T> T read(Path file, Class<T> type) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return mapper().readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new OasisException(
          OasisException.Kind.INTERNAL,
          "cannot read state file " + file + ": " + e.getMessage(),
          "State files are written atomically; a corrupt one was edited by hand: restore or remove"
              + " it.",
          e);
    }
  }

  /** Writes {@code value} to {@code file} atomically. */
  public static void write(Path file, Object value) {
    AtomicFiles.write(file, bytes(value));
  }
}
