package dev.depot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The paths a fronting web server must leave to Depot: the HTTP APIs plugins serve beside their
 * trees (Puppet's Forge API, ...). The server lists them in {@code <data>/published/content-apis}
 * at start, one {@code <prefix> <class>} line each, so this works with the server down; a data
 * directory without the file (a server from before APIs, or never started) gets no proxy block.
 */
final class ContentApiProxies {
  /** The file the server writes, below the publish root. */
  static final String LIST_FILE = "content-apis";

  /** One API: where it answers, and the plugin class answering there. */
  record Api(String prefix, String className) {}

  private ContentApiProxies() {}

  /** The listed APIs, in the file's order; none when it is absent. */
  static List<Api> read(Path published) {
    Path file = published.resolve(LIST_FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(line -> line.startsWith("/"))
          .map(ContentApiProxies::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Api parse(String line) {
    int space = line.indexOf(' ');
    return space < 0
        ? new Api(line, "a plugin")
        : new Api(line.substring(0, space), line.substring(space + 1).strip());
  }

  /** nginx {@code location} blocks proxying each API to {@code depotUrl}. */
  static String nginx(List<Api> apis, String depotUrl, boolean https) {
    StringBuilder out = new StringBuilder();
    for (Api api : apis) {
      out.append("    # ").append(api.prefix()).append("/ is served by Depot's ");
      out.append(api.className()).append(" API: must stay with Depot.\n");
      out.append("    location ").append(api.prefix()).append("/ {\n");
      out.append("        proxy_pass ").append(stripSlash(depotUrl)).append(";\n");
      out.append("        proxy_set_header Host $http_host;\n");
      out.append("        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
      if (https) {
        // Depot's own certificate is signed by its CA, which nginx does not know.
        out.append("        proxy_ssl_verify off;\n");
      }
      out.append("    }\n");
    }
    return out.toString();
  }

  /** Apache {@code ProxyPass} lines sending each API to {@code depotUrl}. */
  static String apache(List<Api> apis, String depotUrl, boolean https) {
    if (apis.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("    ProxyPreserveHost On\n");
    if (https) {
      out.append("    SSLProxyEngine on\n");
      out.append("    SSLProxyVerify none\n");
      out.append("    SSLProxyCheckPeerName off\n");
    }
    for (Api api : apis) {
      String target = stripSlash(depotUrl) + api.prefix() + "/";
      out.append("    # ").append(api.prefix()).append("/ is served by Depot's ");
      out.append(api.className()).append(" API: must stay with Depot.\n");
      out.append("    ProxyPass ").append(api.prefix()).append("/ ").append(target).append('\n');
      out.append("    ProxyPassReverse ").append(api.prefix()).append("/ ").append(target);
      out.append('\n');
    }
    return out.toString();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
