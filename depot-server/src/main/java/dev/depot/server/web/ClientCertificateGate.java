package dev.depot.server.web;

import dev.depot.publish.tls.Pem;
import dev.depot.publish.tree.Protection;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Guards protected repositories on HTTPS: a request below a path published with {@code
 * ssl_auth_ca_cert} must come with a client certificate, valid today and signed by that CA;
 * anything else gets 403. The TLS layer accepts every client certificate so that this check, which
 * knows the repository, makes the decision.
 */
final class ClientCertificateGate extends Handler.Wrapper {
  /** A few CAs guard many requests: parse each once. Keyed by the PEM, so never stale. */
  private static final int MAX_PARSED = 64;

  private final Path publishRoot;
  private final Map<String, List<X509Certificate>> parsed = new ConcurrentHashMap<>();

  ClientCertificateGate(Path publishRoot, Handler next) {
    super(next);
    this.publishRoot = publishRoot;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Optional<String> ca = Protection.caFor(publishRoot, Request.getPathInContext(request));
    if (ca.isPresent() && !presentsCertificateFrom(request, parsed(ca.get()))) {
      Response.writeError(
          request,
          response,
          callback,
          HttpStatus.FORBIDDEN_403,
          "This repository requires a client certificate issued by its certificate authority");
      return true;
    }
    return super.handle(request, response, callback);
  }

  private List<X509Certificate> parsed(String pem) {
    if (parsed.size() >= MAX_PARSED) {
      parsed.clear(); // CAs replaced over and over: start again rather than grow
    }
    return parsed.computeIfAbsent(pem, Pem::certificates);
  }

  private static boolean presentsCertificateFrom(Request request, List<X509Certificate> cas) {
    if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
        instanceof EndPoint.SslSessionData tls)) {
      return false;
    }
    X509Certificate[] chain = tls.peerCertificates();
    if (chain == null || chain.length == 0) {
      return false;
    }
    X509Certificate client = chain[0];
    try {
      client.checkValidity();
    } catch (GeneralSecurityException e) {
      return false;
    }
    for (X509Certificate ca : cas) {
      try {
        client.verify(ca.getPublicKey());
        return true;
      } catch (GeneralSecurityException e) {
        // signed by someone else: try the next CA of the bundle
      }
    }
    return false;
  }
}
