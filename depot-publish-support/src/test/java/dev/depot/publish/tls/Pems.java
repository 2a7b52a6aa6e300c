package dev.depot.publish.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A certificate and its private key made for the test by the JDK's own {@code keytool}, as PEM
 * text: real fixtures, not committed blobs.
 *
 * @param certificate the certificate PEM, as {@code keytool -exportcert -rfc} prints it
 * @param privateKey the PKCS#8 private key PEM
 */
public record Pems(String certificate, String privateKey) {
  private static final String STORE_PASSWORD = "changeit";

  /** A self-signed EC certificate and its key. */
  public static Pems generate(Path dir) throws Exception {
    return generate(dir, "EC");
  }

  /** A self-signed certificate and its key, for {@code keytool -keyalg}. */
  public static Pems generate(Path dir, String keyAlgorithm) throws Exception {
    Path store = dir.resolve("test-" + System.nanoTime() + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> storeArgs =
        List.of("-alias", "t", "-keystore", store.toString(), "-storetype", "PKCS12");
    List<String> generate = new ArrayList<>(List.of(keytool, "-genkeypair", "-keyalg"));
    generate.addAll(List.of(keyAlgorithm, "-dname", "CN=depot-test", "-validity", "2"));
    generate.addAll(storeArgs);
    generate.addAll(List.of("-storepass", STORE_PASSWORD));
    run(dir, generate);
    List<String> export = new ArrayList<>(List.of(keytool, "-exportcert", "-rfc"));
    export.addAll(storeArgs);
    export.addAll(List.of("-storepass", STORE_PASSWORD));
    String certificate = run(dir, export);

    // keytool cannot export a private key; the keystore API can.
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    return new Pems(
        certificate,
        pem("PRIVATE KEY", keys.getKey("t", STORE_PASSWORD.toCharArray()).getEncoded()));
  }

  /**
   * The PEM text {@code openssl} writes to its {@code -out} file, e.g. a traditional {@code BEGIN
   * RSA PRIVATE KEY}.
   */
  public static String openssl(Path dir, String... args) throws Exception {
    Path out = dir.resolve("openssl-" + System.nanoTime() + ".pem");
    // -out right after the command: some commands (genrsa) want their operand last.
    List<String> command = new ArrayList<>(List.of("openssl", args[0], "-out", out.toString()));
    command.addAll(List.of(args).subList(1, args.length));
    run(dir, command);
    return Files.readString(out, StandardCharsets.US_ASCII);
  }

  /** Whether the {@code openssl} command can be run here. */
  public static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  public static String pem(String type, byte[] der) {
    Base64.Encoder mime = Base64.getMimeEncoder(64, new byte[] {'\n'});
    return "-----BEGIN "
        + type
        + "-----\n"
        + mime.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** Runs the command and returns what it printed on standard output. */
  private static String run(Path dir, List<String> command) throws Exception {
    Path errors = dir.resolve("stderr-" + System.nanoTime() + ".txt");
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          command.get(0) + " failed: " + output + Files.readString(errors));
    }
    return output;
  }
}
