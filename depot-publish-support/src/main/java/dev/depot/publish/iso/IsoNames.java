package dev.depot.publish.iso;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives the identifiers each tree needs from real names. The primary tree gets ISO 9660 level 2
 * names (d-characters, at most 30 characters of name and extension, 31 for directories) that only
 * have to be unique and readable: Rock Ridge NM carries the real name. Joliet gets the real name in
 * UCS-2, cut to 64 units. Both are made unique within a directory deterministically: children are
 * named in the order of their real names, and a clash gets a numbered suffix.
 */
final class IsoNames {
  static final int JOLIET_MAX = 64;
  private static final int FILE_MAX = 30;
  private static final int DIR_MAX = 31;
  private static final int EXT_MAX = 8;

  /** ECMA-119 9.3: by name then extension, each padded with spaces; d-characters are all ASCII. */
  static final Comparator<IsoNode> PRIMARY_ORDER =
      Comparator.comparing((IsoNode n) -> padded(namePart(n.primaryId)))
          .thenComparing(n -> padded(extPart(n.primaryId)));

  /** Joliet directories sort by the UCS-2 code units, which is Java's own String order. */
  static final Comparator<IsoNode> JOLIET_ORDER = Comparator.comparing((IsoNode n) -> n.jolietId);

  private IsoNames() {}

  /** Names every child of {@code dir} in both trees. */
  static void assign(IsoNode dir) {
    Set<String> primary = new HashSet<>();
    Set<String> joliet = new HashSet<>();
    // Next suffix to try per clashing stem, so many similar names stay linear, not quadratic.
    Map<String, Integer> next = new HashMap<>();
    for (IsoNode child : dir.children.values()) {
      child.primaryId = uniquePrimary(child, primary, next);
      child.jolietId = uniqueJoliet(child.name, joliet, next);
    }
  }

  private static String uniquePrimary(IsoNode node, Set<String> used, Map<String, Integer> next) {
    String name = node.name;
    String ext = "";
    int dot = name.lastIndexOf('.');
    if (!node.isDirectory() && dot > 0) {
      ext = dchars(name.substring(dot + 1));
      ext = ext.substring(0, Math.min(ext.length(), EXT_MAX));
      name = name.substring(0, dot);
    }
    String base = dchars(name);
    int max = node.isDirectory() ? DIR_MAX : FILE_MAX - ext.length();
    String candidate = cut(base.isEmpty() ? "_" : base, max);
    String stem = "p/" + candidate + "." + ext;
    for (int i = next.getOrDefault(stem, 1); !used.add(candidate + "." + ext); i++) {
      String suffix = "_" + i;
      candidate = cut(base, max - suffix.length()) + suffix;
      next.put(stem, i + 1);
    }
    return node.isDirectory() ? candidate : candidate + "." + ext + ";1";
  }

  private static String uniqueJoliet(String real, Set<String> used, Map<String, Integer> next) {
    StringBuilder clean = new StringBuilder(real.length());
    for (char c : real.toCharArray()) {
      // Characters Joliet forbids in identifiers.
      clean.append(c < 0x20 || "*/:;?\\".indexOf(c) >= 0 ? '_' : c);
    }
    String name = clean.toString();
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    String base = name.substring(0, name.length() - ext.length());
    String candidate =
        name.length() <= JOLIET_MAX ? name : cut(base, JOLIET_MAX - ext.length()) + ext;
    String stem = "j/" + candidate;
    for (int i = next.getOrDefault(stem, 1); !used.add(candidate); i++) {
      String suffix = "~" + i;
      candidate = cut(base, JOLIET_MAX - ext.length() - suffix.length()) + suffix + ext;
      next.put(stem, i + 1);
    }
    return candidate;
  }

  /** Upper-cases and replaces everything that is not a d-character (A-Z, 0-9, _) by '_'. */
  static String dchars(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
      b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return b.toString();
  }

  /** Cuts to at most {@code max} UTF-16 units without splitting a surrogate pair. */
  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  private static String namePart(String id) {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  private static String extPart(String id) {
    int dot = id.indexOf('.');
    int semi = id.indexOf(';');
    return dot < 0 ? "" : id.substring(dot + 1, semi < 0 ? id.length() : semi);
  }

  private static String padded(String s) {
    return s + " ".repeat(DIR_MAX + 1 - s.length());
  }
}
