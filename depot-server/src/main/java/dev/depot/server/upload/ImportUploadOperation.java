package dev.depot.server.upload;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.UploadReport;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskErrors;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an upload request into a repository as a unit, through the repository importer's {@code
 * uploadUnit}, as Pulp's {@code import_upload} action does. The upload request stays until the
 * client deletes it.
 */
public final class ImportUploadOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE = "pulp.server.managers.content.upload.import_uploaded_unit";

  private final RepositoryServices services;
  private final UploadStore uploads;

  /** Wires the operation. */
  public ImportUploadOperation(RepositoryServices services, UploadStore uploads) {
    this.services = services;
    this.uploads = uploads;
  }

  /** The task importing one upload. */
  public static NewTask task(
      String repoId,
      String uploadId,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Map<String, Object> override) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("repo_id", repoId);
    args.put("upload_id", uploadId);
    args.put("unit_type_id", typeId);
    args.put("unit_key", unitKey);
    args.put("unit_metadata", metadata);
    args.put("override_config", override);
    return NewTask.onRepository(TYPE, repoId, "import_upload", args);
  }

  @Override
  public TaskOutcome run(RunningTask task) throws Exception {
    String repoId = task.arg("repo_id");
    String typeId = task.arg("unit_type_id");
    RepositoryRecord repo = services.repository(repoId);
    ImporterRecord record = services.importer(repoId);
    Importer importer = services.plugins().newImporter(record.typeId());
    if (!importer.metadata().types().contains(typeId)) {
      return failed(
          "PLP0000",
          "Invalid unit type for repository: importer "
              + record.typeId()
              + " takes "
              + importer.metadata().types()
              + ", not "
              + typeId,
          Map.of("unit_type_id", typeId));
    }
    Path file = uploads.file(task.arg("upload_id"));
    PluginCallConfiguration config =
        new PluginCallConfiguration(
            services.defaults().forPlugin(record.typeId()),
            record.config(),
            task.mapArg("override_config"));
    Repository view = services.jdbi().withHandle(h -> services.views().view(h, repo));
    UploadReport report =
        importer.uploadUnit(
            view,
            typeId,
            task.mapArg("unit_key"),
            task.mapArg("unit_metadata"),
            file,
            new TaskUploadConduit(services, repoId),
            config);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("success_flag", report instanceof UploadReport.Imported);
    result.put("summary", report.summary());
    result.put("details", report.details());
    return switch (report) {
      case UploadReport.Imported imported -> new TaskOutcome.Finished(result, List.of());
      case UploadReport.Refused refused -> {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", String.valueOf(refused.summary()));
        data.put("details", refused.details());
        yield new TaskOutcome.Failed(
            result,
            TaskErrors.error("PLP0047", "Error importing upload: " + refused.summary(), data),
            null);
      }
    };
  }

  private static TaskOutcome failed(String code, String message, Map<String, Object> data) {
    return new TaskOutcome.Failed(null, TaskErrors.error(code, message, data), null);
  }
}
