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
 * {@code depot consumer profile} and {@code depot consumer applicability}: a machine reports what
 * it has installed, and learns which units of its bound repositories apply to it (newer packages,
 * errata), as Pulp's consumer client did. Run on the machine, they act as it, with its certificate.
 */
final class ConsumerProfileCommands {
  private ConsumerProfileCommands() {}

  @Command(
      name = "profile",
      description = "Upload this machine's profile of installed units (e.g. its rpm packages).",
      footer = {
        "",
        "Example:",
        "  depot consumer profile --type rpm --installed        # rpm -qa of --root",
        "  depot consumer profile --id web01 --type rpm --file packages.json"
      })
  static final class Upload extends ConsumerCommand.Local {
    @Option(names = "--id", description = "The consumer (default: this machine's).")
    String id;

    @Option(names = "--type", defaultValue = "rpm", description = "Profile type (default rpm).")
    String type;

    @Option(names = "--file", description = "The profile, as the profiler takes it (JSON).")
    Path file;

    @Option(
        names = "--installed",
        description = "Read the rpm packages installed under --root with rpm -qa.")
    boolean installed;

    @Override
    public Integer call() throws Exception {
      String target = target(id, "upload a profile for");
      if (installed == (file != null)) {
        throw new IllegalArgumentException("give either --installed or --file");
      }
      Object profile = installed ? rpmPackages(Path.of(root)) : readJson(file);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("content_type", type);
      body.put("profile", profile);
      JsonNode stored = clientFor(target).post("consumers/" + target + "/profiles/", body);
      print(
          stored,
          () ->
              out()
                  .println(
                      "Profile "
                          + type
                          + " of "
                          + target
                          + " stored ("
                          + stored.path("profile").size()
                          + " entries)"));
      return 0;
    }

    private static Object readJson(Path file) throws IOException {
      return ApiClient.JSON.readValue(Files.readString(file), Object.class);
    }
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
      name = "applicability",
      description = "Show which units of the bound repositories apply to this machine.",
      footer = {"", "Example:", "  depot consumer applicability --regenerate"})
  static final class Show extends ConsumerCommand.Local {
    @Option(names = "--id", description = "The consumer (default: this machine's).")
    String id;

    @Option(
        names = "--regenerate",
        description = "Compute it afresh first and wait for it (admin credentials).")
    boolean regenerate;

    @Override
    public Integer call() {
      String target = target(id, "show the applicability of");
      if (regenerate) { // waiting on a task takes the admin's credentials, as every task does
        JsonNode report =
            api()
                .post(
                    "consumers/" + target + "/actions/content/regenerate_applicability/", Map.of());
        int code = follow(report, false, "Applicability of " + target + " regenerated");
        if (code != 0) {
          return code;
        }
      }
      JsonNode applicability = clientFor(target).get("consumers/" + target + "/applicability/");
      print(applicability, () -> out().print(table(applicability)));
      return 0;
    }

    private static String table(JsonNode applicability) {
      Table t = new Table("TYPE", "UNIT ID");
      applicability
          .properties()
          .forEach(e -> e.getValue().forEach(unit -> t.row(e.getKey(), unit.asText())));
      return t.isEmpty() ? "Nothing applies\n" : t.render();
    }
  }

  @Command(
      name = "regenerate-applicability",
      description = "Recompute the applicability of every consumer bound to a repository; waits.")
  static final class RegenerateForRepo extends ApiCommand {
    @picocli.CommandLine.Parameters(paramLabel = "REPO_ID")
    String repo;

    @Override
    public Integer call() {
      Map<String, Object> criteria = Map.of("filters", Map.of("id", repo));
      JsonNode report =
          api()
              .post(
                  "repositories/actions/content/regenerate_applicability/",
                  Map.of("repo_criteria", criteria));
      return follow(report, false, "Applicability regenerated for consumers bound to " + repo);
    }
  }
}
