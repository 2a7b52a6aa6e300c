package dev.depot.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/plugin-guide.md quotes the example plugin's tagged code exactly, so the guide cannot rot:
 * change the code and this fails, printing the block to paste (or rewrite the guide with {@code
 * -Ddepot.guide.fix=true}).
 */
class GuideSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("depot.root", "../.."));
  private static final Path GUIDE = ROOT.resolve("docs/plugin-guide.md");
  private static final Path MODULE = ROOT.resolve("depot-plugins/example");

  @Test
  void theGuideQuotesEveryTaggedRegionExactly() throws Exception {
    Map<String, String> regions =
        GuideSnippets.regions(
            List.of(MODULE.resolve("src/main/java"), MODULE.resolve("src/test/java")));
    String guide = Files.readString(GUIDE);
    if (Boolean.getBoolean("depot.guide.fix")) {
      guide = GuideSnippets.fixed(guide, regions);
      Files.writeString(GUIDE, guide);
    }

    assertThat(regions).as("tagged regions in depot-plugins/example").isNotEmpty();
    assertThat(GuideSnippets.problems(guide, regions)).as(GUIDE.toString()).isEmpty();
  }

  private static final Map<String, String> REGIONS =
      Map.of("hello", "void hello() {\n  System.out.println(\"hi\");\n}");

  private static final String GOOD =
      """
      Intro.

      <!-- snippet: hello -->
      ```java
      void hello() {
        System.out.println("hi");
      }
      ```
      """;

  @Test
  void aRegionIsCutBetweenItsMarkersWithoutItsIndentation() {
    Map<String, String> regions = new java.util.LinkedHashMap<>();
    GuideSnippets.regions(
        """
        class A {
          %1$s tag::hello[]
          void hello() {
            System.out.println("hi");
          }
          %1$s end::hello[]
        }
        """
            .formatted("//"), // not written out: this file would hold the tag itself
        "A.java",
        regions);

    assertThat(regions).isEqualTo(REGIONS);
    assertThat(GuideSnippets.problems(GOOD, regions)).isEmpty();
  }

  @Test
  void aSnippetThatDiffersFromItsCodeFailsAndPrintsTheFix() {
    String stale = GOOD.replace("\"hi\"", "\"hello\"");

    assertThat(GuideSnippets.problems(stale, REGIONS))
        .singleElement()
        .asString()
        .contains("snippet 'hello' differs")
        .contains("System.out.println(\"hi\");");
    assertThat(GuideSnippets.fixed(stale, REGIONS)).isEqualTo(GOOD);
  }

  @Test
  void aSnippetNamingAMissingTagFailsNamingIt() {
    String missing = GOOD.replace("snippet: hello", "snippet: goodbye");

    assertThat(GuideSnippets.problems(missing, REGIONS))
        .anySatisfy(p -> assertThat(p).contains("'goodbye'", "no source", "[hello]"))
        .anySatisfy(p -> assertThat(p).contains("tag 'hello' is quoted nowhere"));
  }

  @Test
  void aMarkerWithoutAJavaBlockFails() {
    String bare = GOOD.replace("```java", "```");

    assertThat(GuideSnippets.problems(bare, REGIONS))
        .anySatisfy(p -> assertThat(p).contains("must be followed at once by a ```java"));
  }
}
