package dev.depot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code depot webserver-config apache|nginx}: prints a configuration that serves a data
 * directory's published trees the way the built-in content server does, for sites that front Depot
 * with their own web server. By default only the data directory is read, so it works with the
 * server down: every distributor of every type publishes its HTTP and HTTPS trees under {@code
 * <data>/published/{http,https}} (the plugin contract's {@code Platform.servedRoot}), so one alias
 * per protocol serves every type's paths, and a new repository or type needs no new config. With
 * {@code --from-server} it also reads where each distributor recorded it published, lists those
 * paths and checks they lie under the aliased trees. The paths of plugins' HTTP APIs cannot be
 * served from files: each gets a proxy block to Depot ({@link ContentApiProxies}).
 */
@Command(
    name = "webserver-config",
    description = {
      "Print an Apache or nginx configuration serving this server's published trees under /pulp/"
          + " (HTTP tree on --http-port, HTTPS tree on --https-port), as the built-in server does.",
      "Reads only the data directory (--data-dir), so it works with the server down: every"
          + " distributor, of any content type, publishes under <data>/published/http and"
          + " <data>/published/https, which the config serves whole; adding a repository or a type"
          + " needs no new config. The HTTP APIs plugins serve beside their trees (listed by the"
          + " server at start) are proxied to Depot (--depot-url, --depot-https-url)."
    })
final class WebserverConfigCommand implements Callable<Integer> {
  @ParentCommand DepotCli root;

  @Parameters(paramLabel = "apache|nginx", description = "Which web server.")
  String server;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "80",
      description = "Default: 80.")
  int httpPort;

  @Option(
      names = "--https-port",
      paramLabel = "PORT",
      defaultValue = "443",
      description = "Default: 443.")
  int httpsPort;

  @Option(
      names = "--server-name",
      paramLabel = "NAME",
      defaultValue = "_",
      description = "Default: any name.")
  String serverName;

  @Option(
      names = "--from-server",
      description =
          "Also ask the server (--url, credentials) where each distributor last published: the"
              + " config lists those paths, and is refused if one lies outside this data"
              + " directory.")
  boolean fromServer;

  @Option(
      names = "--depot-url",
      paramLabel = "URL",
      description =
          "Where Depot's HTTP listener is, for the plugin APIs the HTTP server proxies to it."
              + " Default: --url (or $DEPOT_URL) when it is http://; for an https:// one, its"
              + " host on the HTTP port its status names; else "
              + Credentials.DEFAULT_URL
              + " (the server's default port).")
  String depotUrl;

  @Option(
      names = "--depot-https-url",
      paramLabel = "URL",
      description =
          "Where Depot's HTTPS listener is, for the plugin APIs the HTTPS server proxies to it."
              + " Default: --url (or $DEPOT_URL) when it is https://; for an http:// one, its"
              + " host on the HTTPS port its status names; else "
              + DEFAULT_HTTPS_URL
              + " (the server's default HTTPS port).")
  String depotHttpsUrl;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Where Depot's HTTPS listener is on its defaults. */
  private static final String DEFAULT_HTTPS_URL = "https://127.0.0.1:8443";

  /** Where Depot's HTTP listener is on its defaults. */
  private static final String DEFAULT_URL = Credentials.DEFAULT_URL;

  @Override
  public Integer call() {
    String serverUrl = root.url != null ? root.url : root.env.get("DEPOT_URL");
    if (depotUrl == null) {
      depotUrl =
          scheme(serverUrl, "http") ? serverUrl : otherListener(serverUrl, "http", DEFAULT_URL);
    }
    if (depotHttpsUrl == null) {
      depotHttpsUrl =
          scheme(serverUrl, "https")
              ? serverUrl
              : otherListener(serverUrl, "https", DEFAULT_HTTPS_URL);
    }
    Path data =
        Path.of(
                root.dataDir != null
                    ? root.dataDir
                    : root.env.getOrDefault("DEPOT_DATA_DIR", "depot-data"))
            .toAbsolutePath()
            .normalize();
    Path published = data.resolve("published");
    Path tls = data.resolve("tls");
    List<String> protectedPaths = protectedPaths(published.resolve("protection"));
    List<ContentApiProxies.Api> apis = ContentApiProxies.read(published);
    String text =
        switch (server) {
          case "nginx" -> nginx(published, tls, protectedPaths, apis);
          case "apache" -> apache(published, tls, protectedPaths, apis);
          default ->
              throw new IllegalArgumentException(
                  "unknown web server " + server + "; choose apache or nginx");
        };
    if (fromServer) {
      List<ServedLocations.Location> locations = ServedLocations.fetch(root.client());
      ServedLocations.requireUnder(published, locations);
      text = ServedLocations.comments(locations) + text;
    }
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * Where the server given by {@code --url} listens over the other protocol: its host, with the
   * port its status names for that listener (a server on other ports than the defaults is proxied
   * to where it is); the default when no server was given or it cannot be asked.
   */
  private String otherListener(String serverUrl, String protocol, String fallback) {
    if (!scheme(serverUrl, "http") && !scheme(serverUrl, "https")) {
      return fallback;
    }
    try {
      String listener = root.client().get("status/").path("listeners").path(protocol).asText(null);
      return ListenerUrls.at(URI.create(serverUrl), protocol, listener)
          .map(URI::toString)
          .orElse(fallback);
    } catch (RuntimeException e) {
      spec.commandLine()
          .getErr()
          .println(
              "note: could not ask "
                  + serverUrl
                  + " where its "
                  + protocol
                  + " listener is ("
                  + e.getMessage()
                  + "); using "
                  + fallback);
      return fallback;
    }
  }

  /** Served paths published with ssl_auth_ca_cert: the generated config refuses them. */
  static List<String> protectedPaths(Path protection) {
    if (!Files.isDirectory(protection)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(protection)) {
      return files
          .filter(p -> p.toString().endsWith(".pem"))
          .map(p -> protection.relativize(p).toString())
          .map(p -> p.substring(0, p.length() - ".pem".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String nginx(
      Path published, Path tls, List<String> protectedPaths, List<ContentApiProxies.Api> apis) {
    StringBuilder denied = new StringBuilder();
    for (String path : protectedPaths) {
      denied.append("    location /pulp/").append(path).append("/ { return 403; }\n");
    }
    return """
        # Depot published trees for nginx (generated by `depot webserver-config nginx`).
        # /pulp/<path> serves <data>/published/{http,https}/<path>; each tree is a symlink farm
        # into the content store, switched atomically at every publish, so nothing needs reloading.
        # Repositories published with ssl_auth_ca_cert are refused here (403): their per-repository
        # client-certificate check is done by Depot's built-in content server only.
        # nginx follows every symlink; Depot's own server follows links only into its data.
        # Plugin APIs (listed by the server in <data>/published/content-apis) are proxied to Depot.
        server {
            listen %d;
            server_name %s;
        %s%s    location /pulp/ {
                alias %s/;
                autoindex on;
                sendfile on;
            }
        }
        server {
            listen %d ssl;
            server_name %s;
            ssl_certificate %s;
            ssl_certificate_key %s;
        %s%s    location /pulp/ {
                alias %s/;
                autoindex on;
                sendfile on;
            }
        }
        """
        .formatted(
            httpPort,
            serverName,
            denied,
            ContentApiProxies.nginx(apis, depotUrl, false),
            published.resolve("http"),
            httpsPort,
            serverName,
            tls.resolve("server.crt"),
            tls.resolve("server.key"),
            denied,
            ContentApiProxies.nginx(apis, depotHttpsUrl, true),
            published.resolve("https"));
  }

  private static boolean scheme(String url, String scheme) {
    return url != null && url.regionMatches(true, 0, scheme + "://", 0, scheme.length() + 3);
  }

  private String apache(
      Path published, Path tls, List<String> protectedPaths, List<ContentApiProxies.Api> apis) {
    StringBuilder denied = new StringBuilder();
    for (String path : protectedPaths) {
      denied
          .append("    <Location /pulp/")
          .append(path)
          .append("/>\n        Require all denied\n    </Location>\n");
    }
    String name = serverName.equals("_") ? "" : "    ServerName " + serverName + "\n";
    return """
        # Depot published trees for Apache httpd (generated by `depot webserver-config apache`).
        # Needs mod_alias, mod_autoindex and mod_ssl. Trees are symlink farms into the content
        # store, switched atomically at every publish. Repositories published with
        # ssl_auth_ca_cert are refused here: only Depot's built-in server checks their clients.
        # Plugin APIs (listed by the server in <data>/published/content-apis) are proxied to Depot,
        # which needs mod_proxy and mod_proxy_http.
        Listen %d
        <VirtualHost *:%d>
        %s    Alias /pulp %s
            <Directory %s>
                Options FollowSymLinks Indexes
                Require all granted
            </Directory>
        %s%s</VirtualHost>
        Listen %d
        <VirtualHost *:%d>
        %s    SSLEngine on
            SSLCertificateFile %s
            SSLCertificateKeyFile %s
            Alias /pulp %s
            <Directory %s>
                Options FollowSymLinks Indexes
                Require all granted
            </Directory>
        %s%s</VirtualHost>
        """
        .formatted(
            httpPort,
            httpPort,
            name,
            published.resolve("http"),
            published.resolve("http"),
            denied,
            ContentApiProxies.apache(apis, depotUrl, false),
            httpsPort,
            httpsPort,
            name,
            tls.resolve("server.crt"),
            tls.resolve("server.key"),
            published.resolve("https"),
            published.resolve("https"),
            denied,
            ContentApiProxies.apache(apis, depotHttpsUrl, true));
  }
}
