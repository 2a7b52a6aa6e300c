package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the consumer commands treat the bindings of one distributor type: what {@code depot consumer
 * bind} writes from the type's consumer payload, and how {@code depot consumer fetch} downloads a
 * bound repository. The commands themselves name no type; a type's handler is found with {@link
 * java.util.ServiceLoader} (list it in {@code META-INF/services/dev.depot.cli.BindingHandler} on
 * the CLI's class path). A binding of a type without a handler keeps the payload as is, under
 * {@code details}, and cannot be fetched.
 */
public interface BindingHandler {
  /** The distributor type id whose bindings this handles, e.g. {@code iso_distributor}. */
  String distributorTypeId();

  /**
   * Adds to the binding's config file what the payload says. The config already holds {@code
   * repo_id}, {@code distributor_id} and {@code type_id}.
   *
   * @param details the consumer payload, as the server's binding shows it
   * @param config the JSON written to {@code etc/depot/repos.d/<repo>.conf}
   * @param caFile where a CA certificate the payload carries is written (unbind removes it); a
   *     handler whose payload has none leaves it absent
   */
  void writeConfig(JsonNode details, ObjectNode config, Path caFile);

  /**
   * Writes the files the type's own client reads to use the bound repository (dnf's {@code .repo}
   * file), under the consumer's root; {@code depot consumer unbind} removes them. None by default.
   *
   * @param repoId the bound repository
   * @param config the config {@link #writeConfig} wrote
   * @param root the root the consumer's files live under ({@code /} on a real machine)
   * @return the files written
   */
  default List<Path> writeClientFiles(String repoId, JsonNode config, Path root) {
    return List.of();
  }

  /**
   * Downloads a bound repository into {@code dest}, verified as the type's metadata allows; a file
   * that fails verification never appears there.
   *
   * @param config the config {@link #writeConfig} wrote
   * @param identity the consumer's key and certificate (PEM), to present over HTTPS; may not exist
   * @throws IOException when the server cannot be reached or a file fails verification
   */
  Fetched fetch(JsonNode config, Path identity, Path dest) throws IOException, InterruptedException;

  /**
   * The line a user runs to install from the bound repository with the type's own client, printed
   * by {@code depot consumer bind}; none by default.
   *
   * @param config the config {@link #writeConfig} wrote
   */
  default Optional<String> usage(JsonNode config) {
    return Optional.empty();
  }

  /**
   * The same line for an admin, without binding (the server has no endpoint giving a consumer
   * payload unbound), from where the distributor's last publish is served; none by default.
   *
   * @param repoId the repository
   * @param served the URL of each served location the CLI can tell, by protocol ({@code http},
   *     {@code https}): the server's URL the CLI uses plus the location's served path
   */
  default Optional<String> publishedUsage(String repoId, Map<String, URI> served) {
    return Optional.empty();
  }

  /**
   * As {@link #publishedUsage(String, Map)}, for a client that must trust {@code ca} (the CA the
   * CLI trusts the server with, or null) to use an https:// URL; the line without it by default.
   */
  default Optional<String> publishedUsage(String repoId, Map<String, URI> served, Path ca) {
    return publishedUsage(repoId, served);
  }

  /**
   * What a fetch did.
   *
   * @param files how many files it wrote
   * @param bytes how many bytes
   * @param url where it fetched from
   * @param verifiedBy what each file was checked against, for the message, e.g. {@code
   *     PULP_MANIFEST}
   */
  record Fetched(int files, long bytes, String url, String verifiedBy) {}
}
