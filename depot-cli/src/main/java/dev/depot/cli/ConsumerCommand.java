package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot consumer ...}: this machine as a consumer (register, bind, fetch, unbind,
 * unregister), and the server's consumers for admins (list, show, history). Register and unregister
 * use admin credentials; bind, unbind and fetch use only the consumer's own certificate.
 */
@Command(
    name = "consumer",
    description = "Consumers: register this machine, bind it to repositories, fetch them.",
    subcommands = {
      ConsumerCommand.Register.class,
      ConsumerCommand.Unregister.class,
      ConsumerCommand.Update.class,
      ConsumerCommand.Bind.class,
      ConsumerCommand.Unbind.class,
      ConsumerCommand.Fetch.class,
      ConsumerProfileCommands.Upload.class,
      ConsumerApplicabilityCommand.class,
      ConsumerAdminCommands.ListConsumers.class,
      ConsumerAdminCommands.SearchConsumers.class,
      ConsumerAdminCommands.Show.class,
      ConsumerAdminCommands.History.class
    },
    footer = {
      "",
      "Files are written under --root (default /): the certificate in etc/pki/depot/consumer/,"
          + " the consumer's settings in etc/depot/consumer.conf, bindings in"
          + " etc/depot/repos.d/, and the files a type's own client reads (a yum binding's"
          + " etc/yum.repos.d/depot-<repo>.repo). Unbind and unregister remove them.",
      "",
      "Example:",
      "  depot consumer register --id web01",
      "  depot consumer bind zoo web",
      "  depot consumer fetch zoo --dest /srv/zoo"
    })
final class ConsumerCommand {
  private ConsumerCommand() {}

  /** What every consumer-side command shares: the root its files live under. */
  abstract static class Local extends ApiCommand {
    @Option(
        names = "--root",
        paramLabel = "DIR",
        defaultValue = "/",
        description = "Root the consumer's files live under (default /).")
    String root;

    /** This machine's consumer id, or null when it is not registered under {@link #root}. */
    String localId() {
      ConsumerFiles files = files();
      return Files.isRegularFile(files.config()) ? files.registration().path("id").asText() : null;
    }

    /**
     * The consumer a command acts on: {@code --id}, else this machine's.
     *
     * @param verb what the command does, for the error when there is neither
     */
    String target(String id, String verb) {
      String target = id != null ? id : localId();
      if (target == null) {
        throw new IllegalArgumentException(
            "no consumer to " + verb + ": give --id, or --root of a registered machine");
      }
      return target;
    }

    /**
     * The client to act on {@code target} with: this machine's own certificate when it is this
     * machine (as Pulp's consumer client does, no admin password needed), else the admin's.
     */
    ApiClient clientFor(String target) {
      return target.equals(localId()) ? files().consumerApi() : api();
    }

    ConsumerFiles files() {
      return new ConsumerFiles(root);
    }
  }

  @Command(
      name = "register",
      description = "Register this machine as a consumer and store its certificate (admin).")
  static final class Register extends Local {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The consumer id.")
    String id;

    @Option(names = "--display-name", paramLabel = "NAME", description = "A human-readable name.")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT", description = "A free-text description.")
    String description;

    @Option(names = "--note", paramLabel = "KEY=VALUE", description = "A note (repeatable).")
    List<String> notes;

    @Override
    public Integer call() {
      ConsumerFiles files = files();
      if (Files.exists(files.config())) {
        throw new IllegalArgumentException(
            "this machine is already registered ("
                + files.config()
                + "); run depot consumer unregister first");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      if (displayName != null) {
        body.put("display_name", displayName);
      }
      if (description != null) {
        body.put("description", description);
      }
      if (notes != null) {
        body.put("notes", Options.notes(notes));
      }
      JsonNode reply = api().post("consumers/", body);
      String ca = reply.path("server").path("ca_certificate").asText(null);
      String httpsUrl = reply.path("server").path("https_url").asText(null);
      if (ca == null || httpsUrl == null) {
        throw new IllegalArgumentException(
            "the server gave no HTTPS URL and CA with the registration; cannot bind later");
      }
      ConsumerFiles.write(files.identity(), reply.path("certificate").asText(), true);
      ConsumerFiles.write(files.serverCa(), ca, false);
      ObjectNode config = ApiClient.JSON.createObjectNode();
      config.put("id", id);
      config.put("https_url", httpsUrl);
      ConsumerFiles.writeJson(files.config(), config, false);
      // The key never goes to the terminal, not even with --json.
      print(
          reply.path("consumer"),
          () ->
              out()
                  .println(
                      "Consumer " + id + " registered; certificate stored in " + files.identity()));
      return 0;
    }
  }

  @Command(
      name = "unregister",
      description = "Unregister this machine (or --id another consumer) and remove its files.")
  static final class Unregister extends Local {
    @Option(names = "--id", paramLabel = "ID", description = "Default: this machine's id.")
    String id;

    @Override
    public Integer call() throws IOException {
      ConsumerFiles files = files();
      String target = target(id, "unregister");
      boolean self = target.equals(localId());
      boolean gone = !ConsumerFiles.unregister(clientFor(target), target, self);
      if (self) {
        BindingFiles.removeAll(files);
        ConsumerFiles.delete(files.identity());
        ConsumerFiles.delete(files.serverCa());
        ConsumerFiles.delete(files.config());
      }
      String said =
          gone ? " was no longer registered; removed this machine's files" : " unregistered";
      print(
          ApiClient.JSON.createObjectNode().put("unregistered", target),
          () -> out().println("Consumer " + target + said));
      return 0;
    }
  }

  @Command(
      name = "update",
      description =
          "Change this machine's display name, description or notes (as the consumer), or --id"
              + " another consumer's (admin).")
  static final class Update extends Local {
    @Option(names = "--id", paramLabel = "ID", description = "Default: this machine's id.")
    String id;

    @Option(names = "--display-name", paramLabel = "NAME", description = "A human-readable name.")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT", description = "A free-text description.")
    String description;

    @Option(
        names = "--note",
        paramLabel = "KEY=VALUE",
        description = "Set a note; KEY= removes it (repeatable).")
    List<String> notes;

    @Override
    public Integer call() {
      String target = target(id, "update");
      Map<String, Object> delta = new LinkedHashMap<>();
      if (displayName != null) {
        delta.put("display_name", displayName);
      }
      if (description != null) {
        delta.put("description", description);
      }
      if (notes != null) {
        delta.put("notes", Options.notes(notes));
      }
      if (delta.isEmpty()) {
        throw new IllegalArgumentException(
            "nothing to change: give --display-name, --description or --note");
      }
      JsonNode updated = clientFor(target).put("consumers/" + target + "/", Map.of("delta", delta));
      print(updated, () -> out().println("Consumer " + target + " updated"));
      return 0;
    }
  }

  @Command(
      name = "bind",
      description =
          "Bind this machine to a repository's distributor (as the consumer) and write its config.")
  static final class Bind extends Local {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repoId;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String distributorId;

    @Option(
        names = "--binding-config",
        paramLabel = "JSON|@FILE",
        description = "Options handed to the distributor's payload.")
    String bindingConfig;

    @Override
    public Integer call() {
      ConsumerFiles files = files();
      String consumerId = files.registration().path("id").asText();
      BindingFiles.refuseAnother(files, repoId, distributorId);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("repo_id", repoId);
      body.put("distributor_id", distributorId);
      body.put("notify_agent", false);
      body.put("binding_config", Options.jsonObject(bindingConfig));
      JsonNode binding =
          files.consumerApi().post("consumers/" + consumerId + "/bindings/", body).path("result");
      Path written = BindingFiles.write(files, repoId, distributorId, binding, Path.of(root));
      Optional<String> usage =
          BindingHandlers.forType(binding.path("type_id").asText())
              .flatMap(handler -> handler.usage(ConsumerFiles.read(written)));
      ObjectNode shown = binding.deepCopy();
      usage.ifPresent(line -> shown.put("usage", line));
      print(
          shown,
          () -> {
            out()
                .println(
                    "Bound to distributor "
                        + distributorId
                        + " of repository "
                        + repoId
                        + "; wrote "
                        + writtenFiles(written));
            usage.ifPresent(line -> out().println("Install with: " + line));
          });
      return 0;
    }

    /**
     * The config file, the CA it trusts (the install line names it, so the list must too), then the
     * files of the type's own client (dnf's {@code .repo}).
     */
    private static String writtenFiles(Path config) {
      StringBuilder all = new StringBuilder(config.toString());
      JsonNode written = ConsumerFiles.read(config);
      if (written.path("ca_cert").isTextual()) { // null: the repository is not served over TLS
        all.append(", ").append(written.path("ca_cert").asText());
      }
      written.path("client_files").forEach(f -> all.append(", ").append(f.asText()));
      return all.toString();
    }
  }

  @Command(
      name = "unbind",
      description = "Unbind this machine from a distributor and remove the config bind wrote.")
  static final class Unbind extends Local {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repoId;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String distributorId;

    @Override
    public Integer call() {
      ConsumerFiles files = files();
      String consumerId = files.registration().path("id").asText();
      files
          .consumerApi()
          .delete("consumers/" + consumerId + "/bindings/" + repoId + "/" + distributorId + "/");
      BindingFiles.remove(files, repoId, distributorId);
      print(
          ApiClient.JSON
              .createObjectNode()
              .put("repo_id", repoId)
              .put("distributor_id", distributorId),
          () -> out().println("Unbound from distributor " + distributorId + " of " + repoId));
      return 0;
    }
  }

  @Command(
      name = "fetch",
      description =
          "Download a bound repository into DIR, each file verified against its metadata (a file"
              + " repository's PULP_MANIFEST).")
  static final class Fetch extends Local {
    @Parameters(paramLabel = "REPO_ID")
    String repoId;

    @Option(
        names = "--dest",
        required = true,
        paramLabel = "DIR",
        description = "The directory to download the repository into.")
    Path dest;

    @Override
    public Integer call() throws IOException, InterruptedException {
      ConsumerFiles files = files();
      Path config = files.repoConfig(repoId);
      if (!Files.isRegularFile(config)) {
        throw new IllegalArgumentException(
            "repository "
                + repoId
                + " is not bound here (no "
                + config
                + "); run depot consumer bind");
      }
      JsonNode repo = ConsumerFiles.read(config);
      String typeId = repo.path("type_id").asText();
      BindingHandler handler =
          BindingHandlers.forType(typeId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "fetch knows "
                              + BindingHandlers.known()
                              + " bindings only, not "
                              + typeId));
      BindingHandler.Fetched result;
      try {
        result = handler.fetch(repo, files.identity(), dest);
      } catch (IllegalArgumentException | IOException e) {
        // A file that fails verification, or a server that cannot be reached: the fetch failed.
        err().println("Error: " + e.getMessage());
        return DepotCli.FAILED;
      }
      print(
          ApiClient.JSON
              .createObjectNode()
              .put("files", result.files())
              .put("bytes", result.bytes())
              .put("url", result.url()),
          () ->
              out()
                  .println(
                      "Fetched "
                          + result.files()
                          + " files ("
                          + result.bytes()
                          + " bytes) from "
                          + result.url()
                          + " into "
                          + dest
                          + "; each matches "
                          + result.verifiedBy()));
      return 0;
    }
  }
}
