package dev.depot.plugins.rpm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One of yum's metadata files, written while units stream by. A file that counts nothing
 * (updateinfo, comps, modules) goes straight to a gzip stream on a thread of its own ({@link
 * BackgroundWriter}); one that counts packages (an export's primary, filelists and other, which
 * learns the count at the end) goes to a body file on disk that {@link #finish} wraps in the root
 * element and gzips. A publish writes those three as {@link SegmentedXml} instead. Either way
 * memory never holds the repository, and the file is named {@code <sha256>-<stem>.xml.gz} as
 * createrepo_c names it, measured for repomd.xml.
 */
final class RepodataFile implements AutoCloseable {
  /** What repomd.xml lists of a finished file. */
  record Measured(
      String type, String href, String sha256, String openSha256, long size, long openSize) {}

  private final String type;
  private final String stem;
  private final String root;
  private final String namespaces;
  private final boolean counted;
  private final Path dir;
  private final Path temp;
  private final Path body;
  private final Writer out;
  private MeasuredOutput compressed;
  private MeasuredOutput open;

  /**
   * A file that counts its packages, known at {@link #finish}.
   *
   * @param type {@code primary}, {@code filelists} or {@code other}
   * @param root the root element's name
   * @param namespaces the root element's namespace attributes
   */
  RepodataFile(Path dir, String type, String root, String namespaces) throws IOException {
    this(dir, type, type, root, namespaces, true);
  }

  /**
   * A file that counts nothing, compressed as it is written.
   *
   * @param type what repomd.xml calls the file ({@code updateinfo}, {@code group_gz})
   * @param stem the file's name after its checksum ({@code updateinfo}, {@code comps})
   * @param root the root element's name, or null for a file that is not XML (modules.yaml)
   * @param attributes the root element's attributes
   */
  RepodataFile(Path dir, String type, String stem, String root, String attributes)
      throws IOException {
    this(dir, type, stem, root, attributes, false);
  }

  private RepodataFile(
      Path dir, String type, String stem, String root, String attributes, boolean counted)
      throws IOException {
    this.type = type;
    this.stem = stem;
    this.root = root;
    this.namespaces = attributes;
    this.counted = counted;
    this.dir = dir;
    this.temp = dir.resolve("." + type + ".xml.gz.tmp");
    if (!counted) {
      this.body = null;
      this.out = new BackgroundWriter(gzipWriter(temp), "repodata-" + type);
      if (root != null) {
        out.write(head(0));
      }
    } else {
      this.body = dir.resolve("." + type + ".body");
      this.out = Files.newBufferedWriter(body, StandardCharsets.UTF_8);
    }
  }

  /** Appends one package's element. */
  void add(String element) throws IOException {
    out.write(element);
  }

  /** Finishes the gzipped file for {@code packages} packages, named by its checksum. */
  Measured finish(long packages) throws IOException {
    if (body != null) {
      out.close();
      writeFromBody(packages);
    } else {
      if (root != null) {
        out.write("</" + root + ">\n");
      }
      out.close();
    }
    String sha256 = compressed.sha256();
    String name = sha256 + "-" + stem + (root == null ? ".yaml.gz" : ".xml.gz");
    if (Files.exists(dir.resolve(name))) {
      Files.delete(temp); // the same bytes as the tree taken over: keep that file as it is
    } else {
      Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    return new Measured(
        type, "repodata/" + name, sha256, open.sha256(), compressed.size(), open.size());
  }

  /** A UTF-8 writer into {@code file} through gzip, measuring both sides. */
  private Writer gzipWriter(Path file) throws IOException {
    compressed = new MeasuredOutput(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    open = new MeasuredOutput(new GZIPOutputStream(compressed, 1 << 16));
    return new OutputStreamWriter(open, StandardCharsets.UTF_8);
  }

  private void writeFromBody(long packages) throws IOException {
    try (Writer gz = gzipWriter(temp)) {
      if (root != null) {
        gz.write(head(packages));
      }
      gz.flush();
      try (InputStream in = Files.newInputStream(body)) {
        in.transferTo(open);
      }
      if (root != null) {
        gz.write("</" + root + ">\n");
      }
    }
    Files.delete(body);
  }

  private String head(long packages) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
        + root
        + (namespaces.isEmpty() ? "" : " " + namespaces)
        + (counted ? " packages=\"" + packages + "\"" : "")
        + ">\n";
  }

  /**
   * Writes the uncompressed twin of a finished file, as createrepo_c writes comps both as {@code
   * group} and {@code group_gz}: named {@code <sha256>-<stem>.xml}, listed as {@code type}.
   */
  static Measured plainOf(Path dir, Measured compressed, String type, String stem)
      throws IOException {
    Path temp = dir.resolve("." + stem + ".xml.tmp");
    MeasuredOutput plain;
    try (OutputStream file = Files.newOutputStream(temp);
        InputStream in =
            new GZIPInputStream(
                Files.newInputStream(dir.resolve(compressed.href().substring(DIR_PREFIX))))) {
      plain = new MeasuredOutput(file);
      in.transferTo(plain);
      plain.flush();
    }
    String sha256 = plain.sha256();
    String name = sha256 + "-" + stem + ".xml";
    Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    return new Measured(type, "repodata/" + name, sha256, sha256, plain.size(), plain.size());
  }

  private static final int DIR_PREFIX = "repodata/".length();

  /** Drops what a publish that failed or was cancelled left. */
  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      Files.deleteIfExists(temp);
      if (body != null) {
        Files.deleteIfExists(body);
      }
    }
  }
}
