package oasis.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level scalar fields of a small state file, read and written with Jackson's streaming
 * parser only. For commands that must answer at once (a rollout abort): the object mapper ({@link
 * Json}) loads some seven hundred classes into a cold JVM, the stream parser a few dozen. The files
 * stay those {@link Json} reads and writes.
 */
public final class JsonFields {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonFields() {}

  /**
   * The scalar fields of the object in {@code file} as text (numbers and booleans too; a JSON null
   * is absent), nested objects and arrays skipped; null when the file does not exist.
   *
   * @throws IOException when the file is not a JSON object
   */
  public static Map<String, String> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    Map<String, String> fields = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + " does not hold a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
          fields.put(name, p.getText());
        }
      }
    }
    return fields;
  }

  /** A JSON object of {@code fields} (strings, numbers, booleans; null values written as null). */
  public static byte[] write(Map<String, ?> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (Map.Entry<String, ?> f : fields.entrySet()) {
        g.writeFieldName(f.getKey());
        Object v = f.getValue();
        if (v == null) {
          g.writeNull();
        } else if (v instanceof Long || v instanceof Integer) {
          g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else {
          g.writeString(v.toString());
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
