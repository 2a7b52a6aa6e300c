package dev.depot.server.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One real TLS connection between a JSSE server socket and a client socket on loopback, recording
 * what each side saw. The client verifies the host name as HTTPS clients do.
 */
final class Handshake {
  private static final int TIMEOUT_MILLIS = 10_000;

  /**
   * How the connection went.
   *
   * @param server the server's failure, or null
   * @param client the client's failure, or null
   * @param clientSeenByServer the client certificate's subject, if the server asked for one
   */
  record Outcome(Throwable server, Throwable client, String clientSeenByServer) {
    boolean succeeded() {
      return server == null && client == null;
    }
  }

  private Handshake() {}

  /**
   * Connects to {@code 127.0.0.1} but presents and verifies {@code hostName}, so "localhost" is
   * checked against the certificate however the machine resolves it.
   */
  static Outcome run(SSLContext server, boolean needClientAuth, SSLContext client, String hostName)
      throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        SSLServerSocket listener =
            (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      listener.setNeedClientAuth(needClientAuth);
      Future<String> served = executor.submit(() -> serve(listener, needClientAuth));
      Throwable clientFailure = null;
      try (Socket plain = new Socket(loopback, listener.getLocalPort());
          SSLSocket socket =
              (SSLSocket)
                  client.getSocketFactory().createSocket(plain, hostName, plain.getPort(), true)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.startHandshake();
        // In TLS 1.3 the server judges the client's certificate after the client has finished,
        // so a refusal reaches the client only when it reads.
        if (socket.getInputStream().read() != '!') {
          throw new IOException("the server closed the connection");
        }
      } catch (IOException e) {
        clientFailure = e;
      }
      try {
        return new Outcome(null, clientFailure, served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        return new Outcome(e.getCause(), clientFailure, null);
      }
    }
  }

  private static String serve(SSLServerSocket listener, boolean needClientAuth) throws IOException {
    try (SSLSocket socket = (SSLSocket) listener.accept()) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.startHandshake();
      Principal peer = needClientAuth ? socket.getSession().getPeerPrincipal() : null;
      socket.getOutputStream().write('!');
      socket.getOutputStream().flush();
      return peer == null ? null : peer.getName();
    }
  }

  /**
   * A context presenting the key store's entry (if any) and trusting only the given certificates
   * (or the JDK's defaults, which know nothing of our CAs, if none are given).
   */
  static SSLContext context(KeyStore keys, char[] password, X509Certificate... trusted)
      throws Exception {
    KeyManager[] keyManagers = null;
    if (keys != null) {
      KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
      factory.init(keys, password);
      keyManagers = factory.getKeyManagers();
    }
    return context(keyManagers, trusted);
  }

  /**
   * A client context that offers its certificate even to a server that names other CAs, as a
   * misconfigured or hostile client would, so the test reaches the server's own check.
   */
  static SSLContext pushyClient(IssuedCertificate identity, X509Certificate... trusted)
      throws Exception {
    X509ExtendedKeyManager alwaysOffer =
        new X509ExtendedKeyManager() {
          @Override
          public String chooseClientAlias(String[] types, Principal[] issuers, Socket socket) {
            return "me";
          }

          @Override
          public String chooseEngineClientAlias(String[] t, Principal[] i, SSLEngine engine) {
            return "me";
          }

          @Override
          public X509Certificate[] getCertificateChain(String alias) {
            return identity.chain().toArray(X509Certificate[]::new);
          }

          @Override
          public PrivateKey getPrivateKey(String alias) {
            return identity.privateKey();
          }

          @Override
          public String[] getClientAliases(String type, Principal[] issuers) {
            return new String[] {"me"};
          }

          @Override
          public String[] getServerAliases(String type, Principal[] issuers) {
            return null;
          }

          @Override
          public String chooseServerAlias(String type, Principal[] issuers, Socket socket) {
            return null;
          }
        };
    return context(new KeyManager[] {alwaysOffer}, trusted);
  }

  private static SSLContext context(KeyManager[] keyManagers, X509Certificate... trusted)
      throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    if (trusted.length == 0) {
      trust.init((KeyStore) null);
    } else {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      for (int i = 0; i < trusted.length; i++) {
        anchors.setCertificateEntry("ca" + i, trusted[i]);
      }
      trust.init(anchors);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trust.getTrustManagers(), null);
    return context;
  }
}
