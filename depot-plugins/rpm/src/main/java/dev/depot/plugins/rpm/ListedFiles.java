package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The files (and directories) a package holds as its stored filelists.xml element names them. A
 * requirement of a file path is met by any package holding that file, but createrepo_c lists in
 * primary only the files under {@code /etc} and the {@code bin} directories: a package requiring
 * {@code /usr/share/foo/data.conf} is met only through filelists, which dnf reads for it and Pulp's
 * libsolv copy loaded too. Read only for the paths a copy is looking for, so a repository's whole
 * file lists are never held.
 */
final class ListedFiles {
  private ListedFiles() {}

  /** Which of {@code wanted} the unit's filelists element lists; none when it has no element. */
  static Set<String> among(Unit unit, Set<String> wanted) {
    Set<String> found = new LinkedHashSet<>();
    if (!(unit.metadata().get(RpmUnit.REPODATA) instanceof Map<?, ?> fragments)
        || !(fragments.get("filelists") instanceof String filelists)) {
      return found;
    }
    try {
      XMLStreamReader xml = StaxReading.FACTORY.createXMLStreamReader(new StringReader(filelists));
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("file")) {
            String path = xml.getElementText();
            if (wanted.contains(path)) {
              found.add(path);
            }
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException(
          "unit " + unit.unitKey() + " has unreadable filelists metadata: " + e.getMessage(), e);
    }
    return found;
  }
}
