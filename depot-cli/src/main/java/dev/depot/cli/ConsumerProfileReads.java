package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot consumer profile list|show|delete}: the profiles a consumer has uploaded, read back
 * and removed ({@code GET|DELETE /consumers/<id>/profiles/[<type>/]}). Run on the machine they act
 * as it, with its certificate; {@code --id} reads another consumer's as the admin.
 */
final class ConsumerProfileReads {
  private ConsumerProfileReads() {}

  /** What the three share: which consumer, this machine's by default. */
  abstract static class OfConsumer extends ConsumerCommand.Local {
    @Option(
        names = "--id",
        paramLabel = "ID",
        description = "The consumer (default: this machine's).")
    String id;

    static String path(String target) {
      return "consumers/" + target + "/profiles/";
    }
  }

  @Command(
      name = "list",
      description = "List the profiles a consumer has uploaded: content type and entries.",
      footer = {"", "Example:", "  depot consumer profile list --id web01"})
  static final class ListProfiles extends OfConsumer {
    @Override
    public Integer call() {
      String target = target(id, "list the profiles of");
      JsonNode profiles = clientFor(target).get(path(target));
      print(
          profiles,
          () -> {
            Table t = new Table("CONTENT TYPE", "ENTRIES", "PROFILE HASH");
            profiles.forEach(
                p ->
                    t.row(
                        p.path("content_type").asText(),
                        p.path("profile").size(),
                        p.path("profile_hash").asText(null)));
            out().print(t.isEmpty() ? "No profiles uploaded by " + target + "\n" : t.render());
          });
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Show one of a consumer's profiles, an entry a row.",
      footer = {"", "Example:", "  depot consumer profile show rpm --id web01"})
  static final class Show extends OfConsumer {
    @Parameters(paramLabel = "CONTENT_TYPE", description = "The profile's type, e.g. rpm.")
    String type;

    @Override
    public Integer call() {
      String target = target(id, "show a profile of");
      JsonNode stored = clientFor(target).get(path(target) + type + "/");
      print(stored, () -> out().print(entries(stored.path("profile"))));
      return 0;
    }

    /**
     * A profile as a table when it is a list of objects (rpm's packages, modulemd's streams), the
     * columns every key any entry has, in the order they first appear; else its JSON.
     */
    static String entries(JsonNode profile) {
      if (!profile.isArray() || !profile.valueStream().allMatch(JsonNode::isObject)) {
        return profile.toPrettyString() + "\n";
      }
      if (profile.isEmpty()) {
        return "No entries\n";
      }
      Set<String> columns = new LinkedHashSet<>();
      profile.forEach(entry -> entry.fieldNames().forEachRemaining(columns::add));
      Table t =
          new Table(
              columns.stream()
                  .map(c -> c.toUpperCase(java.util.Locale.ROOT))
                  .toArray(String[]::new));
      profile.forEach(
          entry -> {
            List<Object> cells = new ArrayList<>();
            for (String column : columns) {
              JsonNode value = entry.path(column);
              cells.add(
                  value.isMissingNode() || value.isNull()
                      ? null
                      : value.isValueNode() ? value.asText() : value.toString());
            }
            t.row(cells.toArray());
          });
      return t.render();
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete one of a consumer's profiles; its applicability is dropped until regenerated.",
      footer = {"", "Example:", "  depot consumer profile delete modulemd --id web01"})
  static final class Delete extends OfConsumer {
    @Parameters(paramLabel = "CONTENT_TYPE", description = "The profile's type, e.g. rpm.")
    String type;

    @Override
    public Integer call() {
      String target = target(id, "delete a profile of");
      clientFor(target).delete(path(target) + type + "/");
      print(
          ApiClient.JSON.createObjectNode().put("consumer_id", target).put("content_type", type),
          () -> out().println("Profile " + type + " of " + target + " deleted"));
      return 0;
    }
  }
}
