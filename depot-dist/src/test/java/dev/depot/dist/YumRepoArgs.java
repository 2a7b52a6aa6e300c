package dev.depot.dist;

import java.util.ArrayList;
import java.util.List;

/** The CLI line creating a yum repository the RPM end-to-end tests share. */
final class YumRepoArgs {
  private YumRepoArgs() {}

  /**
   * {@code repo create <id>} with a {@code yum_importer} taking {@code importerOptions} and a
   * {@code yum_distributor} "web" serving over HTTP at relative_url {@code id}, then {@code more}.
   */
  static String[] create(String id, List<String> importerOptions, String... more) {
    List<String> args =
        new ArrayList<>(List.of("repo", "create", id, "--importer", "yum_importer"));
    for (String option : importerOptions) {
      args.addAll(List.of("--importer-option", option));
    }
    args.addAll(
        List.of(
            "--distributor",
            "yum_distributor:web",
            "--distributor-option",
            "web.relative_url=" + id,
            "--distributor-option",
            "web.http=true"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
