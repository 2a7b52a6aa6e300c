package dev.depot.plugins.rpm;

/** Escaping for the repodata XML Depot writes by hand (streamed, one package at a time). */
final class Xml {
  private Xml() {}

  /**
   * Text or an attribute value escaped: markup characters as entities, and characters XML 1.0
   * forbids (control characters from a package's header) dropped, so dnf's parser never fails.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                  if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                    if (c != 0xfffe && c != 0xffff) {
                      out.appendCodePoint(c);
                    }
                  }
                }
              }
            });
    return out.toString();
  }
}
