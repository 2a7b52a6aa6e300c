package dev.depot.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A name a feed lists becomes a URL inside the feed's directory, whatever it holds. */
class FileUrlTest {
  @ParameterizedTest
  @ValueSource(strings = {"http://mirror.example.com/isos/", "file:///srv/feed/"})
  void aNameWithAColonStaysAPathInTheFeed(String feed) {
    URI dir = URI.create(feed);

    // Read as a URL of scheme "x", the first named the host's /etc/passwd.
    assertThat(FeedSettings.fileUrl(dir, "x:/etc/passwd").getRawPath())
        .endsWith("/x:/etc/passwd")
        .startsWith(dir.getRawPath());
    assertThat(FeedSettings.fileUrl(dir, "a:b.iso").getRawPath())
        .isEqualTo(dir.getRawPath() + "a:b.iso");
    assertThat(FeedSettings.fileUrl(dir, "sub/b c.iso").getRawPath())
        .isEqualTo(dir.getRawPath() + "sub/b%20c.iso");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x.iso", "a/../../x.iso", "..", "/etc/passwd"})
  void aNameLeadingOutOfTheFeedIsRefusedNamingIt(String name) {
    URI dir = URI.create("http://mirror.example.com/isos/");

    assertThatThrownBy(() -> FeedSettings.fileUrl(dir, name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("out of the feed directory");
  }
}
