package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.repo.Repositories;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.upload.ImportUploadOperation;
import dev.depot.server.upload.UploadStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pulp's four-step upload: create a request, {@code PUT} bytes at offsets, import it into a
 * repository ({@code actions/import_upload/}, a task), delete the request.
 */
final class UploadEndpoints {
  private static final String UPLOADS = Representations.API + "content/uploads/";

  private final UploadStore uploads;
  private final Repositories repositories;
  private final TaskQueue queue;
  private final long maxChunk;
  private final Permissions permissions;

  UploadEndpoints(
      UploadStore uploads,
      Repositories repositories,
      TaskQueue queue,
      long maxChunk,
      Permissions permissions) {
    this.uploads = uploads;
    this.permissions = permissions;
    this.repositories = repositories;
    this.queue = queue;
    this.maxChunk = maxChunk;
  }

  void register(Router router) {
    router
        .add("POST", UPLOADS, this::create)
        .add("GET", UPLOADS, this::list)
        .add("PUT", UPLOADS + "{upload}/{offset}/", this::write)
        .add("DELETE", UPLOADS + "{upload}/", this::delete)
        .add(
            "POST",
            Representations.API + "repositories/{repo}/actions/import_upload/",
            this::importUpload);
  }

  private ApiResponse create(ApiRequest request) {
    String id = io(uploads::create);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("_href", UPLOADS + id + "/");
    body.put("upload_id", id);
    return ApiResponse.created(body);
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("upload_ids", io(uploads::ids)));
  }

  private ApiResponse write(ApiRequest request) {
    String id = request.param("upload");
    uploads.file(id); // 404 before reading a byte of a body meant for nowhere
    long offset;
    try {
      offset = Long.parseLong(request.param("offset"));
    } catch (NumberFormatException e) {
      throw InvalidValue.of("offset must be a whole number of bytes", "offset");
    }
    if (offset < 0) {
      throw InvalidValue.of("offset must not be negative", "offset");
    }
    ApiRequest.Body body = request.body();
    try (InputStream chunk = body.stream(maxChunk, "max-upload-chunk", "upload chunk")) {
      uploads.write(id, offset, body.declaredLength(), chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ApiResponse.ok(null);
  }

  private ApiResponse delete(ApiRequest request) {
    String id = request.param("upload");
    io(
        () -> {
          uploads.delete(id);
          return null;
        });
    return ApiResponse.ok(null);
  }

  private ApiResponse importUpload(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    String repoId = repositories.get(request.param("repo")).id();
    String uploadId = JsonFields.requiredString(body, "upload_id");
    // UPDATE on the repository is what the path asks; the import also reads the upload, which is
    // its creator's (who holds every operation on it): another user who learnt its id (READ on
    // the uploads lists them all) may not take its bytes into a repository of their own.
    String readUpload = "/v2/content/uploads/" + uploadId + "/";
    if (request.caller() instanceof Caller.User user
        && !permissions.allowed(user.name(), "READ", readUpload)) {
      throw PermissionDenied.forUser(user.name(), "READ on " + readUpload);
    }
    String typeId = JsonFields.requiredString(body, "unit_type_id");
    Map<String, Object> unitKey = JsonFields.config(body, "unit_key");
    if (unitKey == null) {
      throw InvalidValue.missing("unit_key");
    }
    Map<String, Object> metadata = JsonFields.config(body, "unit_metadata");
    Map<String, Object> override = JsonFields.config(body, "override_config");
    io(
        () -> {
          uploads.touch(uploadId); // it must not expire while the import waits in the queue
          return null;
        });
    return ApiResponse.accepted(
        queue.enqueue(
            ImportUploadOperation.task(
                repoId,
                uploadId,
                typeId,
                unitKey,
                metadata == null ? Map.of() : metadata,
                override == null ? Map.of() : override)));
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private static <T> T io(IoCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
