package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code depot consumer profile}: a machine reports what it has installed, as Pulp's consumer
 * client did (run on the machine, it acts as it, with its certificate); and {@code depot repo
 * regenerate-applicability}. {@link ConsumerApplicabilityCommand} shows what applies.
 */
final class ConsumerProfileCommands {
  private ConsumerProfileCommands() {}

  @Command(
      name = "profile",
      description =
          "Upload this machine's profile of installed units (e.g. its rpm packages); list, show"
              + " or delete the profiles uploaded.",
      subcommands = {
        ConsumerProfileReads.ListProfiles.class,
        ConsumerProfileReads.Show.class,
        ConsumerProfileReads.Delete.class
      },
      footer = {
        "",
        "--installed uploads the rpm packages installed under --root (rpm -qa) and the module"
            + " streams enabled there (dnf's etc/dnf/modules.d), or only the one --type names.",
        "",
        "Example:",
        "  depot consumer profile --installed",
        "  depot consumer profile --id web01 --type rpm --file packages.json",
        "  depot consumer profile list",
        "  depot consumer profile show rpm"
      })
  static final class Upload extends ConsumerCommand.Local {
    private static final List<String> INSTALLED_TYPES = List.of("rpm", "modulemd");

    @Option(
        names = "--id",
        paramLabel = "ID",
        description = "The consumer (default: this machine's).")
    String id;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description = "Profile type (default rpm; with --installed: rpm and modulemd).")
    String type;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description = "The profile, as the profiler takes it (JSON).")
    Path file;

    @Option(
        names = "--installed",
        description = "Read what is installed under --root: rpm packages, enabled module streams.")
    boolean installed;

    @Override
    public Integer call() throws Exception {
      String target = target(id, "upload a profile for");
      if (installed == (file != null)) {
        throw new IllegalArgumentException("give either --installed or --file");
      }
      if (!installed) {
        upload(target, type == null ? "rpm" : type, readJson(file));
        return 0;
      }
      if (type != null && !INSTALLED_TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "--installed reads the " + INSTALLED_TYPES + " profiles; give --file for " + type);
      }
      List<String> types = type == null ? INSTALLED_TYPES : List.of(type);
      if (types.size() > 1) {
        gatherJson(); // stdout holds one JSON document: the stored profiles, as an array
      }
      for (String each : types) {
        Path under = Path.of(root);
        upload(target, each, each.equals("rpm") ? rpmPackages(under) : enabledStreams(under));
      }
      if (types.size() > 1) {
        printGathered();
      }
      return 0;
    }

    private void upload(String target, String profileType, Object profile) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("content_type", profileType);
      body.put("profile", profile);
      JsonNode stored = clientFor(target).post("consumers/" + target + "/profiles/", body);
      print(
          stored,
          () ->
              out()
                  .println(
                      "Profile "
                          + profileType
                          + " of "
                          + target
                          + " stored ("
                          + stored.path("profile").size()
                          + (stored.path("profile").size() == 1 ? " entry)" : " entries)")));
    }

    private static Object readJson(Path file) throws IOException {
      return ApiClient.JSON.readValue(Files.readString(file), Object.class);
    }
  }

  /**
   * The module streams enabled under {@code root} and the modules disabled there, as dnf records
   * them in {@code etc/dnf/modules.d/<module>.module} ({@code [name]}, {@code stream=}, {@code
   * state=enabled|disabled}): the modulemd profile. Modules dnf has no state for are left out
   * (their default streams are enabled).
   */
  static List<Map<String, Object>> enabledStreams(Path root) throws IOException {
    Path dir = root.resolve("etc/dnf/modules.d");
    List<Map<String, Object>> streams = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return streams;
    }
    List<Path> files;
    try (var listing = Files.list(dir)) {
      files = listing.filter(f -> f.toString().endsWith(".module")).sorted().toList();
    }
    for (Path file : files) {
      Map<String, String> section = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (line.startsWith("[") && line.trim().endsWith("]")) {
          section.clear();
          section.put("name", line.trim().substring(1, line.trim().length() - 1));
        } else if (eq > 0) {
          section.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        String stream = section.get("stream");
        String state = section.get("state");
        if ("enabled".equals(state) && stream != null && !stream.isEmpty()) {
          Map<String, Object> enabled = new LinkedHashMap<>();
          enabled.put("name", section.get("name"));
          enabled.put("stream", stream);
          streams.add(enabled);
          section.remove("state");
        } else if ("disabled".equals(state)) { // no stream, not even the module's default one
          Map<String, Object> disabled = new LinkedHashMap<>();
          disabled.put("name", section.get("name"));
          disabled.put("state", "disabled");
          streams.add(disabled);
          section.remove("state");
        }
      }
    }
    return streams;
  }

  /** The rpm packages installed under {@code root}, as the rpm profile lists them. */
  static List<Map<String, Object>> rpmPackages(Path root) throws IOException, InterruptedException {
    Process rpm =
        new ProcessBuilder(
                "rpm",
                "-qa",
                "--root",
                root.toAbsolutePath().toString(),
                "--queryformat",
                "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\n")
            .redirectErrorStream(false)
            .start();
    String listing = new String(rpm.getInputStream().readAllBytes());
    if (!rpm.waitFor(60, TimeUnit.SECONDS) || rpm.exitValue() != 0) {
      throw new IOException(
          "rpm -qa failed: " + new String(rpm.getErrorStream().readAllBytes()).trim());
    }
    List<Map<String, Object>> packages = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length >= 5 && !f[0].equals("gpg-pubkey")) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", f[0]);
        p.put("epoch", f[1]);
        p.put("version", f[2]);
        p.put("release", f[3]);
        p.put("arch", f[4]);
        if (f.length > 5 && !f[5].equals("(none)")) {
          p.put("vendor", f[5]);
        }
        packages.add(p);
      }
    }
    return packages;
  }

  @Command(
      name = "regenerate-applicability",
      description = "Recompute the applicability of every consumer bound to a repository; waits.")
  static final class RegenerateForRepo extends ApiCommand {
    @picocli.CommandLine.Parameters(paramLabel = "REPO_ID")
    String repo;

    @picocli.CommandLine.Option(
        names = "--parallel",
        description =
            "Regenerate in batches of consumers, each a task of one task group (as Pulp's"
                + " parallel: true); waits for the whole group.")
    boolean parallel;

    @Override
    public Integer call() {
      Map<String, Object> criteria = Map.of("filters", Map.of("id", repo));
      JsonNode report =
          api()
              .post(
                  "repositories/actions/content/regenerate_applicability/",
                  Map.of("repo_criteria", criteria, "parallel", parallel));
      if (report.has("group_id")) {
        return TaskGroupCommand.await(this, report.path("group_id").asText());
      }
      return follow(report, false, "Applicability regenerated for consumers bound to " + repo);
    }
  }
}
