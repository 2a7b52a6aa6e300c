package dev.depot.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.depot.server.db.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A JSON list response written while it is read from a database cursor, so a search over a million
 * units needs no more memory than one. Errors before the first element are ordinary error responses
 * (the query runs when the endpoint opens the stream); a failure later cuts the response short.
 *
 * @param items the elements, JSON-able; closed once written
 */
record StreamedList(Stream<?> items) {
  /**
   * The same list, running {@code afterLastRead} once its last element has been read and before the
   * list is closed on the wire: a client holds a complete answer only after it ran.
   */
  StreamedList thenRun(Runnable afterLastRead) {
    Stream<?> end =
        Stream.generate(
                () -> {
                  afterLastRead.run();
                  return "";
                })
            .limit(1)
            .filter(nothing -> false);
    return new StreamedList(Stream.concat(items, end));
  }

  void writeTo(OutputStream out) throws IOException {
    try (Stream<?> s = items;
        JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      json.writeStartArray();
      // One flush at the end, not one per element.
      ObjectWriter writer =
          Json.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
      Iterator<?> it = s.iterator();
      while (it.hasNext()) {
        writer.writeValue(json, it.next());
      }
      json.writeEndArray();
    }
  }
}
