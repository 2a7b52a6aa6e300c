package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java header reader agrees with {@code rpm -qp} on packages rpmbuild made, and refuses junk.
 */
class RpmReaderTest {
  @TempDir static Path dir;
  static TestRpms.Built built;

  @BeforeAll
  static void build() throws Exception {
    built = TestRpms.build(dir, "hello-depot", "1.2", "bash >= 4.0", "coreutils");
  }

  private static String rpmQuery(Path file, String format) throws Exception {
    return TestRpms.run(
        dir, List.of("rpm", "-qp", "--nosignature", "--queryformat", format, file.toString()));
  }

  @Test
  void readsWhatRpmReads() throws Exception {
    RpmPackage p = RpmReader.read(built.rpm());
    RpmPackage.Nevra n = p.nevra();
    String expected =
        rpmQuery(
            built.rpm(),
            "%{NAME}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SUMMARY}|%{LICENSE}"
                + "|%{URL}|%{BUILDTIME}|%{SIZE}|%{SOURCERPM}|%{BUILDHOST}");
    assertThat(
            String.join(
                "|",
                n.name(),
                n.version(),
                n.release(),
                n.arch(),
                p.text("summary"),
                p.text("license"),
                p.text("url"),
                String.valueOf(p.sizes().buildTime()),
                String.valueOf(p.sizes().installed()),
                p.text("sourcerpm"),
                p.text("buildhost")))
        .isEqualTo(expected);
    assertThat(n.epoch()).isEqualTo("0");
    assertThat(p.source()).isFalse();
    assertThat(p.text("description")).isEqualTo("Says hello.\nTwo lines.");
    assertThat(p.sha256())
        .isEqualTo(
            TestRpms.run(dir, List.of("sha256sum", built.rpm().toString())).substring(0, 64));
    assertThat(p.fileSize()).isEqualTo(Files.size(built.rpm()));
  }

  @Test
  void readsDependenciesFilesAndChangelogAsRpmLists() throws Exception {
    RpmPackage p = RpmReader.read(built.rpm());
    List<String> requires =
        p.dependencies().get(RpmTags.Dependency.REQUIRES).stream()
            .map(RpmDependency::name)
            .toList();
    List<String> expected =
        Arrays.stream(rpmQuery(built.rpm(), "[%{REQUIRENAME}\\n]").split("\n"))
            .filter(name -> !name.startsWith("rpmlib("))
            .distinct()
            .toList();
    assertThat(requires).isEqualTo(expected).contains("bash", "coreutils");
    RpmDependency bash =
        p.dependencies().get(RpmTags.Dependency.REQUIRES).stream()
            .filter(d -> d.name().equals("bash"))
            .findFirst()
            .orElseThrow();
    assertThat(bash).isEqualTo(new RpmDependency("bash", "GE", "0", "4.0", null, false));
    assertThat(p.dependencies().get(RpmTags.Dependency.PROVIDES))
        .contains(new RpmDependency("greeter-hello-depot", "EQ", "0", "2.0", null, false))
        .contains(new RpmDependency("hello-depot", "EQ", "0", "1.2", "1", false));
    assertThat(p.files().stream().map(RpmPackage.PackageFile::path).toList())
        .isEqualTo(List.of(rpmQuery(built.rpm(), "[%{FILENAMES}\\n]").split("\n")));
    assertThat(p.files())
        .contains(new RpmPackage.PackageFile("/usr/share/hello-depot", "dir"))
        .contains(new RpmPackage.PackageFile("/usr/share/hello-depot/ghost.log", "ghost"))
        .contains(new RpmPackage.PackageFile("/usr/bin/hello-depot", null));
    assertThat(p.changelogs()).hasSize(2);
    assertThat(p.changelogs().get(1).text()).isEqualTo("- Second & <better>");
    assertThat(p.changelogs().get(1).date())
        .isEqualTo(Long.parseLong(rpmQuery(built.rpm(), "%{CHANGELOGTIME}")));
  }

  @Test
  void aSourcePackageIsAnSrpm() throws Exception {
    RpmPackage p = RpmReader.read(built.srpm());
    assertThat(p.source()).isTrue();
    assertThat(p.nevra().arch()).isEqualTo("src");
    assertThat(p.nevra().fileName()).isEqualTo("hello-depot-1.2-1.src.rpm");
    assertThat(p.files().stream().map(RpmPackage.PackageFile::path)).contains("hello-depot.spec");
  }

  @Test
  void refusesWhatIsNotAnRpm() throws Exception {
    Path text =
        Files.writeString(dir.resolve("notes.rpm"), "not a package at all, not at all ".repeat(10));
    assertThatThrownBy(() -> RpmReader.read(text))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessageContaining("is not an RPM package");
    Path tiny = Files.writeString(dir.resolve("tiny.rpm"), "x");
    assertThatThrownBy(() -> RpmReader.read(tiny)).hasMessageContaining("is not an RPM package");
  }

  @Test
  void refusesATruncatedPackageWhereverItEnds() throws Exception {
    byte[] whole = Files.readAllBytes(built.rpm());
    RpmPackage p = RpmReader.read(built.rpm());
    for (long cut :
        new long[] {50, 120, p.headerStart() + 40, p.headerEnd() - 3, whole.length - 10}) {
      Path part = Files.write(dir.resolve("cut" + cut + ".rpm"), Arrays.copyOf(whole, (int) cut));
      assertThatThrownBy(() -> RpmReader.read(part))
          .as("cut at %d", cut)
          .isInstanceOf(InvalidRpmException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void refusesACorruptHeader() throws Exception {
    byte[] bytes = Files.readAllBytes(built.rpm());
    RpmPackage p = RpmReader.read(built.rpm());
    byte[] badStore = bytes.clone();
    badStore[(int) p.headerEnd() - 20] ^= 0x55; // a byte of the main header's store
    Path corrupt = Files.write(dir.resolve("corrupt.rpm"), badStore);
    assertThatThrownBy(() -> RpmReader.read(corrupt))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessageContaining("corrupt");
    byte[] badPayload = bytes.clone();
    badPayload[bytes.length - 100] ^= 0x55;
    Path damaged = Files.write(dir.resolve("payload.rpm"), badPayload);
    assertThatThrownBy(() -> RpmReader.read(damaged))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessageContaining("payload is corrupt");
    byte[] hugeIndex = bytes.clone();
    int count = (int) p.headerStart() + 8; // the main header's entry count
    hugeIndex[count] = 0x7f;
    Path huge = Files.write(dir.resolve("huge.rpm"), hugeIndex);
    assertThatThrownBy(() -> RpmReader.read(huge))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessageContaining("corrupt");
  }

  /**
   * Random damage to the lead and headers (the signature header is not digest-protected, so its
   * parser meets the damage) is refused as an invalid RPM or read, never a crash of another kind.
   */
  @Test
  void damageAnywhereInTheHeadersIsRefusedCleanly() throws Exception {
    byte[] whole = Files.readAllBytes(built.rpm());
    int headers = (int) RpmReader.read(built.rpm()).headerEnd();
    java.util.Random random = new java.util.Random(42);
    Path damaged = dir.resolve("damaged.rpm");
    for (int i = 0; i < 400; i++) {
      byte[] copy = whole.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        copy[random.nextInt(headers)] = (byte) random.nextInt(256);
      }
      Files.write(damaged, copy);
      try {
        RpmReader.read(damaged);
      } catch (InvalidRpmException refused) {
        assertThat(refused.getMessage()).isNotBlank();
      }
    }
  }
}
