package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code depot login}: trades the password for a key and certificate from the server's CA, as
 * {@code pulp-admin login} does, so later commands need no password ({@code --client-cert}).
 */
@Command(
    name = "login",
    description =
        "Get a key and certificate (valid 7 days unless the server says otherwise) that authenticate you over HTTPS without the"
            + " password; use them with --client-cert FILE.")
final class LoginCommand extends ApiCommand {
  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write them (owner-only; default ~/.depot/user-cert.pem).")
  Path outFile;

  @Override
  public Integer call() {
    JsonNode issued = api().post("actions/login/", Map.of());
    Path file =
        outFile != null
            ? outFile
            : Path.of(env().getOrDefault("HOME", "."), ".depot", "user-cert.pem");
    ConsumerFiles.write(
        file, issued.path("key").asText() + issued.path("certificate").asText(), true);
    ObjectNode result = ApiClient.JSON.createObjectNode().put("certificate_file", file.toString());
    // The key never goes to the terminal, not even with --json.
    print(
        result,
        () ->
            out()
                .println(
                    "Key and certificate written to "
                        + file
                        + "; use them with --client-cert "
                        + file
                        + " and an https:// --url"));
    return 0;
  }
}
