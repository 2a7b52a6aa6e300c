package dev.depot.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.config.InputLimits;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads against a real small disk: a tmpfs of 2 MiB mounted at the server's uploads directory
 * (the test needs root, as CI has). A chunk the disk cannot hold answers 507 and leaves the upload
 * as it was; an upload nobody writes to is deleted after the expiry.
 */
class UploadDiskTest {
  private static final String UPLOADS = "/pulp/api/v2/content/uploads/";

  @TempDir Path dir;
  RunningDepot server;
  Path mount;
  final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  void aChunkThatFillsTheDiskAnswers507AndLeavesNothingBehind() throws Exception {
    smallDisk();
    start(new InputLimits(1 << 20, 64L << 20, 0, Duration.ofHours(1)));
    String upload = createUpload();
    assertThat(put(upload, 0, new byte[512 * 1024], false).statusCode()).isEqualTo(200);

    HttpResponse<String> full = put(upload, 512 * 1024, new byte[3 << 20], true);

    assertThat(full.statusCode()).isEqualTo(507);
    JsonNode error = new dev.depot.server.support.TestApi.Reply(507, full.body(), null).json();
    assertThat(error.at("/http_status").asInt()).isEqualTo(507);
    assertThat(error.at("/error_message").asText()).contains("Not enough disk space");
    assertThat(Files.size(mount.resolve(upload))).isEqualTo(512 * 1024);
    // The space the failed chunk took is free again: a chunk that fits goes through.
    assertThat(put(upload, 512 * 1024, new byte[256 * 1024], true).statusCode()).isEqualTo(200);
    assertThat(Files.size(mount.resolve(upload))).isEqualTo(768 * 1024);
  }

  @Test
  void aChunkThatWouldEatTheReserveIsRefusedBeforeItIsRead() throws Exception {
    smallDisk();
    start(new InputLimits(1 << 20, 64L << 20, 1 << 20, Duration.ofHours(1)));
    String upload = createUpload();
    assertThat(put(upload, 0, new byte[256 * 1024], false).statusCode()).isEqualTo(200);

    HttpResponse<String> refused = put(upload, 256 * 1024, new byte[1 << 20], false);

    assertThat(refused.statusCode()).isEqualTo(507);
    assertThat(Files.size(mount.resolve(upload))).isEqualTo(256 * 1024);
  }

  @Test
  void aChunkFarPastTheEndNeedsTheSpaceOfTheHoleItLeaves() throws Exception {
    smallDisk();
    start(new InputLimits(1 << 20, 64L << 20, 0, Duration.ofHours(1)));
    String upload = createUpload();
    assertThat(put(upload, 0, new byte[1024], false).statusCode()).isEqualTo(200);

    // One byte a terabyte in: a sparse file the 2 MiB disk takes, which an import would read
    // (and the content store write) whole.
    HttpResponse<String> wild = put(upload, 1L << 40, new byte[1], false);
    HttpResponse<String> overflowing = put(upload, Long.MAX_VALUE - 1, new byte[16], false);

    assertThat(wild.statusCode()).isEqualTo(507);
    assertThat(overflowing.statusCode()).isEqualTo(507);
    assertThat(Files.size(mount.resolve(upload))).isEqualTo(1024);
    // Chunks out of order within what the disk holds still go through, as parallel clients send.
    assertThat(put(upload, 512 * 1024, new byte[1024], false).statusCode()).isEqualTo(200);
    assertThat(put(upload, 1024, new byte[512 * 1024 - 1024], false).statusCode()).isEqualTo(200);
    assertThat(Files.size(mount.resolve(upload))).isEqualTo(513 * 1024);
  }

  @Test
  void anUploadNobodyWritesToIsDeletedAfterTheExpiry() throws Exception {
    start(new InputLimits(1 << 20, 64L << 20, 0, Duration.ofSeconds(2)));
    String abandoned = createUpload();
    assertThat(put(abandoned, 0, new byte[1024], false).statusCode()).isEqualTo(200);
    Thread.sleep(2_500);

    String fresh = createUpload();

    JsonNode ids = server.call("GET", UPLOADS, null).json().at("/upload_ids");
    assertThat(ids.toString()).contains(fresh).doesNotContain(abandoned);
    assertThat(put(abandoned, 1024, new byte[1], false).statusCode()).isEqualTo(404);
    assertThat(Files.exists(dir.resolve("uploads").resolve(abandoned))).isFalse();
  }

  private void smallDisk() throws Exception {
    assumeThat(new com.sun.security.auth.module.UnixSystem().getUid())
        .as("mounting a small tmpfs needs root")
        .isZero();
    Path uploads = Files.createDirectories(dir.resolve("uploads"));
    run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", uploads.toString());
    mount = uploads;
  }

  private void start(InputLimits limits) throws Exception {
    server = RunningDepot.start(TestDatabase.H2, dir, limits);
  }

  private String createUpload() throws Exception {
    return server.call("POST", UPLOADS, "{}").json().at("/upload_id").asText();
  }

  private HttpResponse<String> put(String upload, long offset, byte[] bytes, boolean chunked)
      throws Exception {
    HttpRequest.BodyPublisher body =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
            : HttpRequest.BodyPublishers.ofByteArray(bytes);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + UPLOADS + upload + "/" + offset + "/"))
            // As curl does for large bodies: the body is sent only once the server asks for it, so
            // a chunk refused before it is read gets its 507, not a connection reset mid-send.
            .expectContinue(true)
            .PUT(body)
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + RunningDepot.PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
