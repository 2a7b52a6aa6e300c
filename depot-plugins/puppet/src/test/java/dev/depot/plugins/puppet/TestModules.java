package dev.depot.plugins.puppet;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds module tarballs for tests, laid out as the Forge serves them ({@code
 * <author>-<name>-<version>/metadata.json}, a manifest and a class), with a small ustar writer so a
 * test can also build the bad ones: entries escaping the archive, links out of it.
 */
public final class TestModules {
  private TestModules() {}

  /** One tar entry: a file ('0'), directory ('5') or symlink ('2'). */
  public record Entry(String path, char type, String linkTarget, byte[] body) {
    public static Entry file(String path, String text) {
      return new Entry(path, '0', "", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Entry symlink(String path, String target) {
      return new Entry(path, '2', target, new byte[0]);
    }
  }

  /** metadata.json for {@code author-name} at {@code version}, depending on {@code deps}. */
  public static String metadata(String author, String name, String version, String... deps) {
    List<String> dependencies = new ArrayList<>();
    for (String dep : deps) { // "author-name >= 1.0.0 < 2.0.0" or "author-name"
      String[] parts = dep.split(" ", 2);
      dependencies.add(
          "{\"name\":\""
              + parts[0]
              + "\",\"version_requirement\":\""
              + (parts.length > 1 ? parts[1] : ">= 0.0.0")
              + "\"}");
    }
    return "{\"name\":\"%s-%s\",\"version\":\"%s\",\"author\":\"%s\",\"summary\":\"The %s module\",\"license\":\"Apache-2.0\",\"source\":\"https://example.com/%s\",\"project_page\":\"https://example.com/%s\",\"tags\":[\"test\",\"%s\"],\"dependencies\":[%s]}"
        .formatted(
            author, name, version, author, name, name, name, name, String.join(",", dependencies));
  }

  /** A sound module tarball at {@code dir/<author>-<name>-<version>.tar.gz}. */
  public static Path module(Path dir, String author, String name, String version, String... deps)
      throws IOException {
    String top = author + "-" + name + "-" + version + "/";
    Path file = dir.resolve(author + "-" + name + "-" + version + ".tar.gz");
    write(
        file,
        List.of(
            new Entry(top, '5', "", new byte[0]),
            Entry.file(top + "metadata.json", metadata(author, name, version, deps)),
            Entry.file(top + "manifests/init.pp", "class " + name + " {}\n"),
            Entry.file(top + "README.md", "# " + name + " " + version + "\n")));
    return file;
  }

  /**
   * Builds a sound module tarball in a new directory below {@code dir} and uploads it through
   * {@code puppet_importer} into {@code content}'s repository, as the upload API would.
   *
   * @return the tarball
   */
  public static Path upload(
      InMemoryContent content, Path dir, String author, String name, String version, String... deps)
      throws IOException {
    Path tarball = module(Files.createTempDirectory(dir, "up"), author, name, version, deps);
    UploadReport report =
        new PuppetImporter()
            .uploadUnit(
                content.repository(),
                PuppetTypes.MODULE,
                Map.of(),
                Map.of(),
                tarball,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    if (!(report instanceof UploadReport.Imported)) {
      throw new IllegalStateException("upload of " + tarball + " refused: " + report.summary());
    }
    return tarball;
  }

  /** A gzip-compressed tar of {@code entries}, as GNU tar writes ustar. */
  public static Path write(Path file, List<Entry> entries) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, gzip(tar(entries)));
    return file;
  }

  public static byte[] tar(List<Entry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry entry : entries) {
      out.write(header(entry));
      out.write(entry.body());
      out.write(new byte[(512 - entry.body().length % 512) % 512]);
    }
    out.write(new byte[1024]);
    return out.toByteArray();
  }

  public static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] header(Entry entry) {
    byte[] h = new byte[512];
    put(h, 0, entry.path(), 100);
    put(h, 100, entry.type() == '5' ? "0000755" : "0000644", 8);
    put(h, 108, "0001750", 8);
    put(h, 116, "0001750", 8);
    put(h, 124, String.format("%011o", entry.body().length), 12);
    put(h, 136, String.format("%011o", 1_700_000_000L), 12);
    h[156] = (byte) entry.type();
    put(h, 157, entry.linkTarget(), 100);
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum), 7);
    return h;
  }

  private static void put(byte[] header, int offset, String text, int length) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
  }
}
