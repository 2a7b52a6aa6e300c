package dev.depot.plugins.rpm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * One of primary, filelists and other, written while units stream by: each package's element goes
 * to a body file on disk (so memory never holds the repository), and {@link #finish} wraps it in
 * the root element, which must count the packages up front, gzips it and names it {@code
 * <sha256>-<type>.xml.gz} as createrepo_c does, measuring what repomd.xml lists.
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
  private final Path body;
  private final BufferedWriter out;

  /**
   * @param type {@code primary}, {@code filelists} or {@code other}
   * @param root the root element's name
   * @param namespaces the root element's namespace attributes
   */
  RepodataFile(Path dir, String type, String root, String namespaces) throws IOException {
    this(dir, type, type, root, namespaces, true);
  }

  /**
   * @param type what repomd.xml calls the file ({@code updateinfo}, {@code group_gz})
   * @param stem the file's name after its checksum ({@code updateinfo}, {@code comps})
   * @param root the root element's name, or null for a file that is not XML (modules.yaml)
   * @param attributes the root element's attributes
   * @param counted whether the root element counts its packages ({@code packages="N"})
   */
  RepodataFile(Path dir, String type, String stem, String root, String attributes, boolean counted)
      throws IOException {
    this.type = type;
    this.stem = stem;
    this.root = root;
    this.namespaces = attributes;
    this.counted = counted;
    this.dir = dir;
    this.body = dir.resolve("." + type + ".body");
    this.out = Files.newBufferedWriter(body, StandardCharsets.UTF_8);
  }

  /** Appends one package's element. */
  void add(String element) throws IOException {
    out.write(element);
  }

  /** Writes the gzipped file for {@code packages} packages; the body file is gone after. */
  Measured finish(long packages) throws IOException {
    out.close();
    Path temp = dir.resolve("." + type + ".xml.gz.tmp");
    MeasuredOutput compressed;
    MeasuredOutput open;
    try (OutputStream file = Files.newOutputStream(temp)) {
      compressed = new MeasuredOutput(file);
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
        open = new MeasuredOutput(gzip);
        if (root != null) {
          open.write(head(packages).getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = Files.newInputStream(body)) {
          in.transferTo(open);
        }
        if (root != null) {
          open.write(("</" + root + ">\n").getBytes(StandardCharsets.UTF_8));
        }
        open.flush();
      }
    }
    Files.delete(body);
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
            new java.util.zip.GZIPInputStream(
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

  /** Drops the body file of a publish that failed or was cancelled. */
  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(body);
  }
}
