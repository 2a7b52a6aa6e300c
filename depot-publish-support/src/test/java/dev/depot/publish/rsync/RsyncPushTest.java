package dev.depot.publish.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.FileTrees;
import dev.depot.plugin.testkit.LocalSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rsync publisher against a real sshd on 127.0.0.1. */
class RsyncPushTest {
  @TempDir static Path sshdDir;
  static LocalSshd sshd;

  @TempDir Path dir;
  Path unitsRoot;
  Path tree;
  Path remote;
  final List<Path> units = new ArrayList<>();
  final List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LocalSshd.start(sshdDir.resolve("sshd"));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @BeforeEach
  void content() throws Exception {
    unitsRoot = Files.createDirectories(dir.resolve("data/content/units"));
    tree = Files.createDirectories(dir.resolve("published/tree"));
    remote = dir.resolve("remote");
    addUnit("alpha.iso", "alpha");
    addUnit("images/beta.img", "beta");
    Files.writeString(tree.resolve("PULP_MANIFEST"), "alpha.iso,x,5\nimages/beta.img,y,4\n");
  }

  private Path addUnit(String name, String content) throws Exception {
    String digest = Integer.toHexString(name.hashCode() & 0xffffff);
    Path file = unitsRoot.resolve("iso/" + digest.substring(0, 2) + "/" + digest + "/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    units.add(file);
    Path link = tree.resolve(name);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, file);
    return file;
  }

  private RsyncTarget target(int port, Path key) {
    return new RsyncTarget(
        "127.0.0.1",
        port,
        LocalSshd.user(),
        key,
        dir.resolve("known_hosts"),
        remote.toString(),
        "content/units");
  }

  private RsyncPush.Result push(String previous, boolean delete, boolean force, List<String> extra)
      throws Exception {
    return push(target(sshd.port, sshd.clientKey), tree, previous, delete, force, extra);
  }

  private RsyncPush.Result push(
      RsyncTarget target,
      Path published,
      String previous,
      boolean delete,
      boolean force,
      List<String> extra)
      throws Exception {
    RsyncPush.Request request =
        new RsyncPush.Request(
            target,
            unitsRoot,
            published,
            "repos/zoo",
            delete,
            force,
            previous,
            extra,
            dir.resolve("state"),
            List.of());
    return new RsyncPush(request, reports::add).push(units.stream());
  }

  @Test
  void pushesUnitsThenATreeWhoseRelativeLinksResolveOnTheRemote() throws Exception {
    RsyncPush.Result result = push(null, false, false, List.of());

    assertThat(result.unitsSent()).isEqualTo(2);
    assertThat(result.treeSent()).isEqualTo(3);
    Path remoteTree = remote.resolve("repos/zoo");
    assertThat(remoteTree.resolve("alpha.iso")).hasContent("alpha");
    assertThat(remoteTree.resolve("images/beta.img")).hasContent("beta");
    assertThat(remoteTree.resolve("PULP_MANIFEST"))
        .hasContent("alpha.iso,x,5\nimages/beta.img,y,4");
    Path link = Files.readSymbolicLink(remoteTree.resolve("images/beta.img"));
    assertThat(link.isAbsolute()).isFalse();
    assertThat(link.toString()).startsWith("../../../content/units/iso/");
    assertThat(reports).last().extracting(r -> r.get("state")).isEqualTo("finished");
    assertThat(reports).anyMatch(r -> "units".equals(r.get("step")));
  }

  @Test
  void onlyListedUnitFilesAreSentWithTheirTimesAndNoStagedLinksStayBehind() throws Exception {
    Path alpha = units.get(0);
    Files.setLastModifiedTime(alpha, FileTime.fromMillis(1_500_000_000_000L));
    // A download in progress beside a unit, and a unit of another repository: neither is listed.
    Files.writeString(alpha.resolveSibling(".alpha.iso.part-1"), "partial");
    // The publish link template beside a unit is a link to it: followed, it would be a copy.
    Files.createSymbolicLink(alpha.resolveSibling(".alpha.iso.link"), alpha);
    // A unit whose own name is hidden, and one whose name reads as an rsync pattern.
    Path hidden = addUnit(".hidden[1]*", "hidden");
    Path other = unitsRoot.resolve("iso/zz/zzother/other.iso");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "other");

    push(null, false, false, List.of());

    Path pushed = remote.resolve("content/units").resolve(unitsRoot.relativize(alpha));
    assertThat(pushed).hasContent("alpha");
    assertThat(Files.isSymbolicLink(pushed)).isFalse();
    assertThat(Files.getLastModifiedTime(pushed).toMillis()).isEqualTo(1_500_000_000_000L);
    assertThat(pushed.resolveSibling(".alpha.iso.part-1")).doesNotExist();
    assertThat(pushed.resolveSibling(".alpha.iso.link")).doesNotExist();
    try (Stream<Path> unitDir = Files.list(pushed.getParent())) {
      assertThat(unitDir).containsExactly(pushed);
    }
    assertThat(remote.resolve("content/units").resolve(unitsRoot.relativize(hidden)))
        .hasContent("hidden");
    assertThat(remote.resolve("content/units/iso/zz")).doesNotExist();
    try (Stream<Path> state = Files.list(dir.resolve("state"))) {
      assertThat(state.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".stage"));
    }
  }

  @Test
  void aPrefixDirectoryWhoseUnitsAreAllListedIsSentWholeAndTheStoreStaysIntact() throws Exception {
    // Many units in few prefix directories: most prefixes are whole, one holds an unlisted unit.
    for (int i = 0; i < 300; i++) {
      Path file = unitsRoot.resolve("iso/%02x/unit%03d/u%03d.bin".formatted(i % 4, i, i));
      Files.createDirectories(file.getParent());
      Files.writeString(file, "unit " + i);
      units.add(file);
    }
    Path unlisted = unitsRoot.resolve("iso/00/stranger/stranger.bin");
    Files.createDirectories(unlisted.getParent());
    Files.writeString(unlisted, "not this repository's");
    List<String> storeBefore = storeFiles();

    RsyncPush.Result result = push(null, false, false, List.of());

    assertThat(result.unitsSent()).isEqualTo(units.size());
    for (Path unit : units) {
      assertThat(remote.resolve("content/units").resolve(unitsRoot.relativize(unit)))
          .hasSameTextualContentAs(unit);
    }
    assertThat(remote.resolve("content/units/iso/00/stranger")).doesNotExist();
    // Removing the stage went through no link into the store.
    assertThat(storeFiles()).isEqualTo(storeBefore);
    assertThat(dir.resolve("state")).isDirectoryNotContaining(p -> p.toString().endsWith(".stage"));
  }

  private List<String> storeFiles() throws Exception {
    try (Stream<Path> files = Files.walk(unitsRoot)) {
      return files.map(p -> unitsRoot.relativize(p).toString()).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> units(RsyncPush.Result result) {
    return (Map<String, Object>) result.report().get("units");
  }

  @Test
  void aPushWithoutTheLastDigestStillListsOnlyWhatTheLastPushLacked() throws Exception {
    push(null, false, false, List.of());
    addUnit("gamma.txt", "gamma");

    RsyncPush.Result second = push(null, false, false, List.of());
    assertThat(units(second).get("files_listed")).isEqualTo(1L);
    RsyncPush.Result third = push(null, false, false, List.of());
    assertThat(third.unitsSkipped()).isTrue();
    assertThat(third.treeSent()).isZero();
  }

  @Test
  void anUnchangedPushSkipsTheUnitsAndSendsNothing() throws Exception {
    RsyncPush.Result first = push(null, false, false, List.of());

    RsyncPush.Result second = push(first.unitsDigest(), false, false, List.of());
    assertThat(second.unitsSkipped()).isTrue();
    assertThat(second.unitsSent()).isZero();
    assertThat(second.treeSent()).isZero();
    assertThat(treeState(second))
        .as("nothing changed since a push that succeeded")
        .isEqualTo("skipped");

    RsyncPush.Result forced = push(first.unitsDigest(), false, true, List.of());
    assertThat(forced.unitsSkipped()).isFalse();
    assertThat(units(forced).get("files_listed")).isEqualTo(2L);
    assertThat(forced.unitsSent()).isZero();
    assertThat(forced.unitsDigest()).isEqualTo(first.unitsDigest());
    assertThat(treeState(forced)).isEqualTo("finished");
  }

  @SuppressWarnings("unchecked")
  private static Object treeState(RsyncPush.Result result) {
    return ((Map<String, Object>) result.report().get("tree")).get("state");
  }

  @Test
  void metadataRepublishedWithTheSameBytesIsNotSentAgain() throws Exception {
    RsyncPush.Result first = push(null, false, false, List.of());
    Path manifest = tree.resolve("PULP_MANIFEST");
    String content = Files.readString(manifest);
    Files.delete(manifest);
    Files.writeString(manifest, content);
    Files.setLastModifiedTime(
        manifest, FileTime.fromMillis(Files.getLastModifiedTime(manifest).toMillis() + 60_000));

    RsyncPush.Result same = push(first.unitsDigest(), false, false, List.of());
    assertThat(same.treeSent()).isZero();
    assertThat(treeState(same)).isEqualTo("skipped");

    Files.writeString(manifest, content + "gamma.txt,z,5\n");
    RsyncPush.Result changed = push(first.unitsDigest(), false, false, List.of());
    assertThat(changed.treeSent()).isEqualTo(1);
    assertThat(remote.resolve("repos/zoo/PULP_MANIFEST")).content().contains("gamma.txt");
  }

  @Test
  void aTreePushThatFailedIsPushedAgainThoughItsCopyIsUpToDate() throws Exception {
    RsyncPush.Result first = push(null, false, false, List.of());
    Files.writeString(tree.resolve("PULP_MANIFEST"), "alpha.iso,x,5\n");
    // The remote tree's place is taken by a file: the tree step fails after restaging.
    Path remoteTree = remote.resolve("repos/zoo");
    FileTrees.delete(remoteTree);
    Files.writeString(remoteTree, "in the way");
    assertThatThrownBy(() -> push(first.unitsDigest(), false, false, List.of()))
        .isInstanceOf(RsyncFailure.class);

    Files.delete(remoteTree);
    RsyncPush.Result retried = push(first.unitsDigest(), false, false, List.of());
    assertThat(treeState(retried)).isEqualTo("finished");
    assertThat(remoteTree.resolve("PULP_MANIFEST")).hasContent("alpha.iso,x,5");
  }

  @Test
  void aNewUnitIsTheOnlyFileSentAndDeleteRemovesWhatTheTreeLost() throws Exception {
    RsyncPush.Result first = push(null, false, false, List.of());
    addUnit("gamma.txt", "gamma");

    RsyncPush.Result second = push(first.unitsDigest(), false, false, List.of());
    assertThat(second.unitsSent()).isEqualTo(1);
    assertThat(units(second).get("files_listed")).as("only the new file is listed").isEqualTo(1L);
    assertThat(second.treeSent()).isEqualTo(1);
    assertThat(remote.resolve("repos/zoo/gamma.txt")).hasContent("gamma");

    Files.delete(tree.resolve("alpha.iso"));
    push(second.unitsDigest(), false, false, List.of());
    assertThat(remote.resolve("repos/zoo/alpha.iso")).exists();
    RsyncPush.Result deleting = push(second.unitsDigest(), true, false, List.of());
    assertThat(deleting.treeDeleted()).isEqualTo(1);
    assertThat(remote.resolve("repos/zoo/alpha.iso")).doesNotExist();
    // Units may be shared by other repositories pushed to the same root: never deleted.
    assertThat(remote.resolve("content/units").resolve(unitsRoot.relativize(units.get(0))))
        .exists();
  }

  @Test
  void onlyUnitsArePushedWithoutATree() throws Exception {
    push(target(sshd.port, sshd.clientKey), null, null, false, false, List.of());

    assertThat(remote.resolve("content/units").resolve(unitsRoot.relativize(units.get(1))))
        .hasContent("beta");
    assertThat(remote.resolve("repos")).doesNotExist();
  }

  @Test
  void aRefusedConnectionFailsWithSshsMessageAndNoKeyPath() throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertThatThrownBy(
            () -> push(target(closed, sshd.clientKey), tree, null, false, false, List.of()))
        .isInstanceOf(RsyncFailure.class)
        .hasMessageContaining("Connection refused")
        .hasMessageNotContaining(sshd.clientKey.toString())
        .hasMessageNotContaining(dir.toString());
  }

  @Test
  void aKeyTheHostDoesNotKnowFailsWithPermissionDenied() throws Exception {
    String privateKey = Files.readString(sshd.otherKey);
    assertThatThrownBy(
            () -> push(target(sshd.port, sshd.otherKey), tree, null, false, false, List.of()))
        .isInstanceOf(RsyncFailure.class)
        .hasMessageContaining("Permission denied")
        .hasMessageNotContaining(sshd.otherKey.toString())
        .hasMessageNotContaining(privateKey.lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void cancelKillsRsyncPromptly() throws Exception {
    Path big = unitsRoot.resolve("iso/ff/big/big.iso");
    Files.createDirectories(big.getParent());
    Files.write(big, new byte[4 << 20]);
    units.add(big);
    Path work = Files.createTempDirectory(dir, "work");
    RsyncPush push =
        new RsyncPush(
            new RsyncPush.Request(
                target(sshd.port, sshd.clientKey),
                unitsRoot,
                tree,
                "repos/zoo",
                false,
                false,
                null,
                List.of("--bwlimit=64"),
                work,
                List.of()),
            reports::add);
    var executor = Executors.newSingleThreadExecutor();
    try {
      Future<RsyncPush.Result> running = executor.submit(() -> push.push(units.stream()));
      Thread.sleep(1500);
      long started = System.nanoTime();
      push.cancel();
      RsyncPush.Result result = running.get(10, TimeUnit.SECONDS);
      assertThat(result.canceled()).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3000);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void extraArgumentsThatRunCommandsOrMovePathsAreRefused() {
    for (String allowed :
        List.of(
            "--bwlimit=100",
            "--timeout=30",
            "--contimeout=5",
            "-z",
            "--compress",
            "--partial",
            "--omit-dir-times",
            "--chmod=Du=rwx,Fgo=r",
            "--chmod=F644",
            "-v")) {
      assertThat(RsyncArgs.refusal(allowed)).as(allowed).isEmpty();
    }
    for (String refused :
        List.of(
            "-e",
            "--rsh=sh",
            "sh -c 'touch /tmp/x'",
            "--rsync-path=evil",
            "--files-from=/etc/shadow",
            "--include-from=x",
            "--exclude-from=x",
            "--daemon",
            "--config=x",
            "--write-batch=x",
            "--read-batch=x",
            "--log-file=/tmp/l",
            "--temp-dir=/tmp",
            "--backup-dir=/tmp",
            "--password-file=x",
            "--link-dest=/",
            "--compare-dest=/",
            "--copy-dest=/",
            "--bwlimit=1;reboot",
            "--chmod=F644`id`",
            "-ze",
            "")) {
      assertThat(RsyncArgs.refusal(refused)).as(refused).isPresent();
    }
    assertThat(RsyncArgs.refusal("sh -c 'touch /tmp/x'").orElseThrow()).doesNotContain("touch");
    assertThatThrownBy(
            () ->
                new RsyncPush.Request(
                    target(1, sshd.clientKey),
                    unitsRoot,
                    tree,
                    "zoo",
                    false,
                    false,
                    null,
                    List.of("-e", "sh"),
                    dir,
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targetsRefuseValuesThatCouldBeReadAsOptionsOrShellText() {
    Path key = dir.resolve("key");
    Path hosts = dir.resolve("hosts");
    assertThatThrownBy(() -> new RsyncTarget("-oProxyCommand=x", 0, "u", key, hosts, "/r", "u"))
        .hasMessageContaining("host");
    assertThatThrownBy(() -> new RsyncTarget("h", 0, "-l", key, hosts, "/r", "u"))
        .hasMessageContaining("ssh_user");
    assertThatThrownBy(() -> new RsyncTarget("h", 0, "u", key, hosts, "relative", "u"))
        .hasMessageContaining("root");
    assertThatThrownBy(() -> new RsyncTarget("h", 0, "u", key, hosts, "/r;rm", "u"))
        .hasMessageContaining("root");
    assertThatThrownBy(() -> new RsyncTarget("h", 0, "u", key, hosts, "/r", "../up"))
        .hasMessageContaining("remote_units_path");
  }
}
