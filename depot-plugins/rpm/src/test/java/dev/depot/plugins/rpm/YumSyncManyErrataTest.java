package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An updateinfo of more advisories than the sync looks up at once (errata are checked against the
 * held ones in batches): amended ones are merged whichever batch they fall in, the rest kept as
 * they are.
 */
class YumSyncManyErrataTest {
  private static final int ADVISORIES = 1_201;

  @Test
  void amendedAdvisoriesInAnyBatchAreMergedAndTheOthersKept(@TempDir Path dir) throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", List.of()); // errata only
    writeUpdateinfo(dir, feed, Map.of());
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> config = Map.of("feed", feed.toUri().toString());
    YumSyncTest.sync(content, config);
    assertThat(titles(content)).hasSize(ADVISORIES);

    // One in the first batch, one in the third, the last one (alone in its batch).
    Map<Integer, String> amended = Map.of(3, "amended 3", 1_100, "amended 1100", 1_200, "last");
    writeUpdateinfo(dir, feed, amended);
    SyncReport report = YumSyncTest.sync(content, config);

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(report.toString()).contains("updated=3");
    Map<String, Object> titles = titles(content);
    assertThat(titles).hasSize(ADVISORIES);
    amended.forEach((i, title) -> assertThat(titles).containsEntry(id(i), title));
    assertThat(titles).containsEntry(id(4), "advisory 4").containsEntry(id(1_099), "advisory 1099");
  }

  private static String id(int i) {
    return "BULK-2026:%04d".formatted(i);
  }

  /** The feed's updateinfo: every advisory, those in {@code amended} a later edition titled so. */
  private static void writeUpdateinfo(Path dir, Path feed, Map<Integer, String> amended)
      throws Exception {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>\n");
    for (int i = 0; i < ADVISORIES; i++) {
      String title = amended.getOrDefault(i, "advisory " + i);
      String updated = amended.containsKey(i) ? "2026-12-02 00:00:00" : "2026-11-30 00:00:00";
      xml.append(
          """
            <update from="bulk@example.com" status="stable" type="bugfix" version="1">
              <id>%s</id><title>%s</title>
              <issued date="2026-11-30 00:00:00"/><updated date="%s"/>
            </update>
          """
              .formatted(id(i), title, updated));
    }
    Path file = dir.resolve("bulk").resolve("updateinfo.xml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, xml.append("</updates>\n"));
    YumSyncErrataTest.replaceUpdateinfo(dir, feed, file);
  }

  private static Map<String, Object> titles(InMemoryContent content) {
    return content.units().stream()
        .filter(u -> u.typeId().equals(RpmTypes.ERRATUM))
        .collect(
            Collectors.toMap(u -> (String) u.unitKey().get("id"), YumSyncManyErrataTest::title));
  }

  private static Object title(Unit erratum) {
    return erratum.metadata().get("title");
  }
}
