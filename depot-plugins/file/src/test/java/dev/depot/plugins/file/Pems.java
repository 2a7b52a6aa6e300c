package dev.depot.plugins.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;

/**
 * A certificate and its private key made for the test by the JDK's own {@code keytool}, as PEM
 * text: real fixtures, not committed blobs.
 *
 * @param certificate the certificate PEM
 * @param privateKey the PKCS#8 private key PEM
 */
record Pems(String certificate, String privateKey) {
  static Pems generate(Path dir) throws Exception {
    Path store = dir.resolve("test-" + System.nanoTime() + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "t",
                "-keyalg",
                "EC",
                "-dname",
                "CN=depot-test",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    Base64.Encoder mime = Base64.getMimeEncoder(64, new byte[] {'\n'});
    String cert =
        "-----BEGIN CERTIFICATE-----\n"
            + mime.encodeToString(keys.getCertificate("t").getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    String key =
        "-----BEGIN PRIVATE KEY-----\n"
            + mime.encodeToString(keys.getKey("t", "changeit".toCharArray()).getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return new Pems(cert, key);
  }
}
