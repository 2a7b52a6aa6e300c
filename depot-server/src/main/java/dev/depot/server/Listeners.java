package dev.depot.server;

import dev.depot.server.api.ApiErrorPages;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.tls.ServerTls;
import dev.depot.server.web.ContentServer;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's HTTP and HTTPS listeners, on virtual threads: HTTP first and HTTPS second, which is
 * how {@link Depot#port()} and {@link Depot#httpsPort()} find them.
 */
final class Listeners {
  private Listeners() {}

  /** Starts both listeners, each request going through the handlers in turn. */
  static Server start(ServerConfig config, ServerTls tls, List<Handler> handlers) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("depot-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false); // as over HTTPS: the server's software is nobody's business
    http.setUriCompliance(ContentServer.URI_COMPLIANCE);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setName(ContentServer.HTTP_CONNECTOR);
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    server.addConnector(connector);
    server.addConnector(
        ContentServer.httpsConnector(server, tls, config.bindAddress(), config.httpsPort()));
    server.setHandler(new Handler.Sequence(handlers));
    server.setErrorHandler(new ApiErrorPages());
    server.start();
    return server;
  }
}
