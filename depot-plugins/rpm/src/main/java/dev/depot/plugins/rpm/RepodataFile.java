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
 * One of yum's metadata files, written while units stream by. When its root element is known up
 * front (it counts nothing, or the publish knows the number of packages), the elements go straight
 * to a gzip stream on a thread of its own ({@link BackgroundWriter}); otherwise (an export, which
 * learns the count at the end) they go to a body file on disk that {@link #finish} wraps in the
 * root element and gzips. Either way memory never holds the repository, and the file is named
 * {@code <sha256>-<stem>.xml.gz} as createrepo_c names it, measured for repomd.xml.
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
  private final long declared;
  private final Path dir;
  private final Path temp;
  private final Path body;
  private final Writer out;
  private MeasuredOutput compressed;
  private MeasuredOutput open;

  /**
   * A file that counts its packages.
   *
   * @param type {@code primary}, {@code filelists} or {@code other}
   * @param root the root element's name
   * @param namespaces the root element's namespace attributes
   * @param packages how many packages will be added, or -1 when unknown until {@link #finish}
   */
  RepodataFile(Path dir, String type, String root, String namespaces, long packages)
      throws IOException {
    this(dir, type, type, root, namespaces, true, packages);
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
    this(dir, type, stem, root, attributes, false, 0);
  }

  private RepodataFile(
      Path dir,
      String type,
      String stem,
      String root,
      String attributes,
      boolean counted,
      long packages)
      throws IOException {
    this.type = type;
    this.stem = stem;
    this.root = root;
    this.namespaces = attributes;
    this.counted = counted;
    this.declared = packages;
    this.dir = dir;
    this.temp = dir.resolve("." + type + ".xml.gz.tmp");
    if (!counted || packages >= 0) {
      this.body = null;
      this.out = new BackgroundWriter(gzipWriter(temp), "repodata-" + type);
      if (root != null) {
        out.write(head(packages));
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
      if (counted && packages != declared) {
        rewriteHead(packages); // the count given up front was wrong: never for a publish's own
      }
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

  /** Writes the file again with the right count in its root element. */
  private void rewriteHead(long packages) throws IOException {
    Path wrong = dir.resolve("." + type + ".wrong.tmp");
    Files.move(temp, wrong, StandardCopyOption.REPLACE_EXISTING);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(wrong), 1 << 16);
        Writer gz = gzipWriter(temp)) {
      in.skipNBytes(head(declared).getBytes(StandardCharsets.UTF_8).length);
      gz.write(head(packages));
      gz.flush();
      in.transferTo(open);
    } finally {
      Files.delete(wrong);
    }
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
