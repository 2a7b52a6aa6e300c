package dev.depot.server.web;

import dev.depot.publish.tls.TrustEverything;
import dev.depot.publish.tree.ServedTreeChanges;
import dev.depot.server.tls.ServerTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.PreCompressedHttpContentFactory;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.http.content.ValidatingCachingHttpContentFactory;
import org.eclipse.jetty.http.content.VirtualHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The built-in content server: {@code /pulp/<path>} on a listener serves {@code
 * <publishRoot>/<protocol>/<path>}, so each protocol shows only what was published for it. GET,
 * HEAD, single and multiple byte ranges, {@code ETag}/{@code Last-Modified} and conditional
 * requests and directory listings come from Jetty's resource service. Symlinks are followed only
 * into the content store and the publish directory.
 */
public final class ContentServer {
  /**
   * Jetty's default URI rules, but for the characters RFC 3986 wants percent-encoded in a path
   * ({@code ^ ` { } | " < > [ ]}), which clients send raw: an RPM's version may hold {@code ^}
   * ({@code 1.0^git3}), and curl or wget of a package URL as createrepo_c writes it got a 400 where
   * nginx serves it. The path they decode to is the one their encoded form reached already; a
   * backslash stays refused (Jetty's suspicious characters).
   */
  public static final UriCompliance URI_COMPLIANCE =
      UriCompliance.DEFAULT.with("DEPOT", UriCompliance.Violation.ILLEGAL_PATH_CHARACTERS);

  /** The Jetty connector names the two listeners carry; contexts select on them. */
  public static final String HTTP_CONNECTOR = "http";

  /** See {@link #HTTP_CONNECTOR}. */
  public static final String HTTPS_CONNECTOR = "https";

  private ContentServer() {}

  /**
   * The HTTPS listener: the server's certificate, and every client certificate accepted at the TLS
   * layer so that {@link ClientCertificateGate} can judge it per repository.
   */
  public static ServerConnector httpsConnector(
      Server server, ServerTls tls, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(sslContext(tls));
    ssl.setWantClientAuth(true);
    ssl.setSniRequired(false);
    HttpConfiguration https = new HttpConfiguration();
    https.setSendServerVersion(false); // no "Server: Jetty(12.x)" telling scanners what to try
    https.setUriCompliance(URI_COMPLIANCE);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Clients may reach the server by any name or address; the certificate is theirs to check.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setName(HTTPS_CONNECTOR);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /**
   * The handler serving one protocol's tree, answering only requests that arrived on that
   * protocol's connector.
   */
  public static Handler forProtocol(String protocol, Path publishRoot, Path contentRoot)
      throws IOException {
    Path served = Files.createDirectories(publishRoot.resolve(protocol));
    ContextHandler context = new ContextHandler("/pulp");
    context.setVirtualHosts(List.of("@" + protocol));
    context.setBaseResource(ResourceFactory.root().newResource(served));
    // Confinement is decided by ConfinedResources on the real path; Jetty's own alias checks
    // would refuse every link into the content store.
    context.clearAliasChecks();
    context.addAliasCheck((path, resource) -> true);
    ResourceHandler files = new ConfinedResourceHandler(List.of(contentRoot, publishRoot));
    files.setDirAllowed(true);
    files.setEtags(true);
    files.setAcceptRanges(true);
    files.setWelcomeFiles(List.of());
    context.setHandler(
        protocol.equals(HTTPS_CONNECTOR) ? new ClientCertificateGate(publishRoot, files) : files);
    return context;
  }

  private static SSLContext sslContext(ServerTls tls) {
    try {
      char[] password = UUID.randomUUID().toString().toCharArray();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(tls.keyStore(password), password);
      SSLContext context = SSLContext.getInstance("TLS");
      // Jetty would otherwise check client certificates against its own key store and refuse
      // every one a repository's CA signed before the gate could see it.
      context.init(
          keys.getKeyManagers(), new TrustManager[] {new TrustEverything()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the HTTPS listener: " + e.getMessage(), e);
    }
  }

  private static final class ConfinedResourceHandler extends ResourceHandler {
    /** How often a cached file is checked against the file system (Jetty's default). */
    private static final long VALIDATION_MILLIS = 1_000;

    private final List<Path> allowedRoots;
    private volatile Runnable forget = () -> {};

    ConfinedResourceHandler(List<Path> allowedRoots) {
      this.allowedRoots = allowedRoots;
    }

    /**
     * Jetty's own chain, its cache forgotten whenever a served link changes in this process: the
     * cache checks a file's modification time only once a second, and a deleted repository's files,
     * or a file a publish switched to other content, were served from memory until then. (Checked
     * on every request instead, serving a 1 KiB file lost 15% of its pace.)
     */
    @Override
    protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized pool) {
      HttpContent.Factory files =
          new ResourceHttpContentFactory(getBaseResource(), getMimeTypes(), pool);
      files = new VirtualHttpContentFactory(files, getStyleSheet(), "text/css", pool);
      files = new PreCompressedHttpContentFactory(files, getPrecompressedFormats());
      ValidatingCachingHttpContentFactory cache =
          new ValidatingCachingHttpContentFactory(files, VALIDATION_MILLIS, pool);
      forget = cache::flushCache;
      ServedTreeChanges.listen(forget);
      return new ConfinedResources(cache, allowedRoots);
    }

    @Override
    protected void doStop() throws Exception {
      ServedTreeChanges.unlisten(forget);
      super.doStop();
    }
  }
}
