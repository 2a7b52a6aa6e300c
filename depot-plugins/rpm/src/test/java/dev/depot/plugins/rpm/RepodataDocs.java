package dev.depot.plugins.rpm;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Reads a yum repository's metadata as tests compare it: each package as canonical text. */
final class RepodataDocs {
  private RepodataDocs() {}

  static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    try (InputStream in =
        file.toString().endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(file))
            : Files.newInputStream(file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  /** The file repomd.xml names for {@code type}, in the repository at {@code repo}. */
  static Path data(Path repo, String type) throws Exception {
    Document repomd = parse(repo.resolve("repodata/repomd.xml"));
    var datas = repomd.getElementsByTagName("data");
    for (int i = 0; i < datas.getLength(); i++) {
      Element data = (Element) datas.item(i);
      if (data.getAttribute("type").equals(type)) {
        Element location = (Element) data.getElementsByTagName("location").item(0);
        return repo.resolve(location.getAttribute("href"));
      }
    }
    throw new AssertionError("repomd.xml lists no " + type);
  }

  /**
   * Each package of a primary, filelists or other file, keyed by {@code name.arch}, as canonical
   * text: attributes sorted, text trimmed, the {@code location} element left out (its path is the
   * publisher's choice).
   */
  static Map<String, String> packages(Path file) throws Exception {
    Document doc = parse(file);
    Map<String, String> packages = new TreeMap<>();
    var list = doc.getDocumentElement().getChildNodes();
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i) instanceof Element p && p.getTagName().equals("package")) {
        String name = p.hasAttribute("name") ? p.getAttribute("name") : text(p, "name");
        String arch = p.hasAttribute("arch") ? p.getAttribute("arch") : text(p, "arch");
        packages.put(name + "." + arch, canonical(p));
      }
    }
    return packages;
  }

  static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }

  static String canonical(Node node) {
    if (node instanceof Element e) {
      if (e.getTagName().equals("location")) {
        return "";
      }
      StringBuilder out = new StringBuilder("<").append(e.getTagName());
      NamedNodeMap attrs = e.getAttributes();
      Map<String, String> sorted = new TreeMap<>();
      for (int i = 0; i < attrs.getLength(); i++) {
        sorted.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
      }
      sorted.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(v).append('"'));
      out.append('>');
      List<String> children = new ArrayList<>();
      for (int i = 0; i < e.getChildNodes().getLength(); i++) {
        children.add(canonical(e.getChildNodes().item(i)));
      }
      children.forEach(out::append);
      return out.append("</").append(e.getTagName()).append(">\n").toString();
    }
    return node.getNodeType() == Node.TEXT_NODE ? node.getNodeValue().trim() : "";
  }
}
