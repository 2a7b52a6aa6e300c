package dev.depot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedLocationTest {
  @Test
  void servedPathsOverlapWhenEqualOrNestedBySegment() {
    ServedPath zoo = new ServedPath("relative_url", "isos/zoo");
    assertThat(zoo.overlaps(new ServedPath("x", "isos/zoo"))).isTrue();
    assertThat(zoo.overlaps(new ServedPath("x", "isos"))).isTrue();
    assertThat(zoo.overlaps(new ServedPath("x", "isos/zoo/old"))).isTrue();
    assertThat(zoo.overlaps(new ServedPath("x", "isos/zoo2"))).isFalse();
    assertThat(zoo.overlaps(new ServedPath("x", "repos/zoo"))).isFalse();
  }

  @Test
  void servedPathRefusesSlashesAtEitherEndAndEmptySegments() {
    for (String bad : List.of("", "/isos", "isos/", "isos//zoo")) {
      assertThatThrownBy(() -> new ServedPath("relative_url", bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void locationNeedsAnAbsoluteTreeAndLowerCaseProtocol() {
    assertThatThrownBy(() -> new PublishedLocation("https", "/pulp/x/", Path.of("rel")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PublishedLocation("HTTPS", "/pulp/x/", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PublishedLocation("rsync", "host:/srv/x", null).treePath()).isNull();
  }

  @Test
  void publishedReportsKeepTheirLocationsAndNullMeansNone() {
    PublishedLocation web = new PublishedLocation("http", "/pulp/x/", Path.of("/srv/x"));
    PublishReport report = PublishReport.success("ok", null).publishedAt(List.of(web));
    assertThat(report)
        .isInstanceOfSatisfying(
            PublishReport.Published.class,
            published -> assertThat(published.locations()).containsExactly(web));
    assertThat(PublishReport.success("ok", null).locations()).isEmpty();
    assertThat(new PublishReport.Published("ok", null, null).locations()).isEmpty();
  }
}
