/**
 * HTTPS for Depot without outside tools: a built-in certificate authority ({@link
 * dev.depot.server.tls.CertificateAuthority}) issues the server's certificate and client
 * certificates in pure Java, {@link dev.depot.server.tls.ServerTls} keeps the server's TLS files
 * across restarts or takes the user's own, and {@link dev.depot.server.tls.PemFiles} reads and
 * writes the PEM files both use.
 */
package dev.depot.server.tls;
