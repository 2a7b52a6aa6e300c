package dev.depot.plugins.rpm;

import java.util.List;
import java.util.Map;

/**
 * A package's {@code <package>} elements for primary.xml, filelists.xml and other.xml, in
 * createrepo_c's format. They are rendered once, when the package is imported, and kept in the
 * unit's metadata, so a publish concatenates them and never reads a package again. Only the
 * location, which depends on where the distributor publishes, is left as {@link #LOCATION_MARK}.
 */
public final class PackageXml {
  /** Stands for the location href in a stored primary element; replaced when publishing. */
  public static final String LOCATION_MARK = "@LOCATION@";

  private PackageXml() {}

  /** The primary.xml element; {@code fileTime} is the file's time as createrepo_c takes it. */
  public static String primary(RpmPackage p, long fileTime) {
    StringBuilder x = new StringBuilder(2048);
    RpmPackage.Nevra n = p.nevra();
    x.append("<package type=\"rpm\">\n");
    x.append("  <name>").append(Xml.escape(n.name())).append("</name>\n");
    x.append("  <arch>").append(Xml.escape(n.arch())).append("</arch>\n");
    x.append("  ").append(version(n)).append('\n');
    x.append("  <checksum type=\"sha256\" pkgid=\"YES\">")
        .append(p.sha256())
        .append("</checksum>\n");
    element(x, "  ", "summary", p.text("summary"));
    element(x, "  ", "description", p.text("description"));
    element(x, "  ", "packager", p.text("packager"));
    element(x, "  ", "url", p.text("url"));
    x.append("  <time file=\"").append(fileTime).append("\" build=\"");
    x.append(p.sizes().buildTime()).append("\"/>\n");
    x.append("  <size package=\"").append(p.fileSize()).append("\" installed=\"");
    x.append(p.sizes().installed()).append("\" archive=\"").append(p.sizes().archive());
    x.append("\"/>\n");
    x.append("  <location href=\"").append(LOCATION_MARK).append("\"/>\n");
    x.append("  <format>\n");
    for (String field : List.of("license", "vendor", "group", "buildhost", "sourcerpm")) {
      element(x, "    ", "rpm:" + field, p.text(field));
    }
    x.append("    <rpm:header-range start=\"").append(p.headerStart()).append("\" end=\"");
    x.append(p.headerEnd()).append("\"/>\n");
    for (Map.Entry<RpmTags.Dependency, List<RpmDependency>> kind : p.dependencies().entrySet()) {
      dependencies(x, kind.getKey(), kind.getValue());
    }
    for (RpmPackage.PackageFile file : p.files()) {
      if (inPrimary(file.path())) {
        file(x, file);
      }
    }
    x.append("  </format>\n</package>\n");
    return x.toString();
  }

  /** The filelists.xml element: every path the package owns. */
  public static String filelists(RpmPackage p) {
    StringBuilder x = new StringBuilder(1024);
    x.append(packageStart(p)).append("  ").append(version(p.nevra())).append('\n');
    for (RpmPackage.PackageFile file : p.files()) {
      x.append("  ");
      file(x, file);
    }
    return x.append("</package>\n").toString();
  }

  /** The other.xml element: the changelog, oldest first. */
  public static String other(RpmPackage p) {
    StringBuilder x = new StringBuilder(1024);
    x.append(packageStart(p)).append("  ").append(version(p.nevra())).append('\n');
    for (RpmPackage.Changelog entry : p.changelogs()) {
      x.append("  <changelog author=\"").append(Xml.escape(entry.author()));
      x.append("\" date=\"").append(entry.date()).append("\">");
      x.append(Xml.escape(entry.text())).append("</changelog>\n");
    }
    return x.append("</package>\n").toString();
  }

  /** createrepo_c's rule for the files primary lists: configuration and executables. */
  static boolean inPrimary(String path) {
    return path.startsWith("/etc/") || path.contains("bin/") || path.equals("/usr/lib/sendmail");
  }

  private static String packageStart(RpmPackage p) {
    return "<package pkgid=\""
        + p.sha256()
        + "\" name=\""
        + Xml.escape(p.nevra().name())
        + "\" arch=\""
        + Xml.escape(p.nevra().arch())
        + "\">\n";
  }

  private static String version(RpmPackage.Nevra n) {
    return "<version epoch=\""
        + Xml.escape(n.epoch())
        + "\" ver=\""
        + Xml.escape(n.version())
        + "\" rel=\""
        + Xml.escape(n.release())
        + "\"/>";
  }

  private static void element(StringBuilder x, String indent, String name, String text) {
    x.append(indent).append('<').append(name).append('>').append(Xml.escape(text));
    x.append("</").append(name).append(">\n");
  }

  private static void file(StringBuilder x, RpmPackage.PackageFile file) {
    x.append(file.type() == null ? "<file>" : "<file type=\"" + file.type() + "\">");
    x.append(Xml.escape(file.path())).append("</file>\n");
  }

  private static void dependencies(
      StringBuilder x, RpmTags.Dependency kind, List<RpmDependency> entries) {
    if (entries.isEmpty()) {
      return;
    }
    String tag = "rpm:" + kind.name().toLowerCase(java.util.Locale.ROOT);
    x.append("    <").append(tag).append(">\n");
    for (RpmDependency d : entries) {
      x.append("      <rpm:entry name=\"").append(Xml.escape(d.name())).append('"');
      if (d.flags() != null) {
        x.append(" flags=\"").append(d.flags()).append('"');
      }
      if (d.version() != null) {
        x.append(" epoch=\"").append(Xml.escape(d.epoch())).append('"');
        x.append(" ver=\"").append(Xml.escape(d.version())).append('"');
        if (d.release() != null) {
          x.append(" rel=\"").append(Xml.escape(d.release())).append('"');
        }
      }
      if (kind == RpmTags.Dependency.REQUIRES && d.pre()) {
        x.append(" pre=\"1\"");
      }
      x.append("/>\n");
    }
    x.append("    </").append(tag).append(">\n");
  }
}
