package dev.depot.plugins.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A feed's {@code repodata/repomd.xml}: for each kind of metadata ({@code primary}, {@code
 * updateinfo}, {@code group}, ...), where its file is and the digest it must have.
 */
final class RemoteRepomd {
  /**
   * One {@code data} record.
   *
   * @param type the kind of metadata
   * @param href the file, relative to the repository's top directory
   * @param checksumType the digest's algorithm as repomd names it ({@code sha256}, {@code sha})
   * @param checksum the digest of the file as stored (compressed), in hex
   */
  record Record(String type, String href, String checksumType, String checksum) {}

  /**
   * The most bytes a repomd.xml (or a mirror list) may have: real ones have a few kilobytes, and a
   * hostile feed's endless one is cut off while it downloads.
   */
  static final long MAX_SIZE = 16L << 20;

  private final Map<String, Record> records;

  private RemoteRepomd(Map<String, Record> records) {
    this.records = records;
  }

  /** The kinds of metadata listed, in repomd.xml's order. */
  java.util.List<String> types() {
    return java.util.List.copyOf(records.keySet());
  }

  /** The record of that type, if the repository has one. */
  Optional<Record> record(String type) {
    return Optional.ofNullable(records.get(type));
  }

  /**
   * Reads a downloaded repomd.xml.
   *
   * @throws IOException naming what is wrong when it is not a repomd.xml Depot can use
   */
  static RemoteRepomd read(Path file) throws IOException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    Map<String, Record> records = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      String type = null;
      String href = null;
      String checksumType = null;
      String checksum = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "data" -> {
              type = xml.getAttributeValue(null, "type");
              href = checksumType = checksum = null;
            }
            case "location" -> href = xml.getAttributeValue(null, "href");
            case "checksum" -> {
              checksumType = xml.getAttributeValue(null, "type");
              checksum = xml.getElementText().trim();
            }
            default -> {}
          }
        } else if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("data")) {
          if (type != null && href != null && checksum != null) {
            records.put(type, new Record(type, href, checksumType, checksum));
          }
        }
      }
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("repodata/repomd.xml is not well-formed: " + e.getMessage(), e);
    }
    if (!records.containsKey("primary")) {
      throw new IOException("repodata/repomd.xml lists no primary metadata: not a yum repository");
    }
    return new RemoteRepomd(records);
  }
}
