package dev.depot.server.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class-data archive (CDS) for the JVMs tests start, as {@code ./depot server} keeps one for the
 * server: made once per build of the test class path by the server's own training run ({@code
 * ClassArchiveTraining}) and mapped by every child after, which then loads and links far fewer
 * classes itself. A server process took 4.4-5.5 s of CPU to answer its first call with the archive,
 * 6.7-7.4 s without. CDS archives classes from jars only, so the class path's directories (the
 * module's compiled classes) go into jars first; the child runs the same classes from them.
 *
 * <p>Kept in the module's {@code target}, keyed by the class path and its directories' files, and
 * made under a file lock: the build's two test JVMs share one. Anything going wrong leaves the
 * children on the plain class path, as before.
 */
final class ChildClassArchive {
  /** JVM options and class path of a child. */
  record Launch(List<String> options, String classPath) {}

  private static final String TRAINING = "dev.depot.server.ClassArchiveTraining";
  private static final List<String> QUIET = List.of("-Xlog:cds*=off");

  private static Launch launch;

  private ChildClassArchive() {}

  /** How to start a child JVM on this JVM's class path; made on first use. */
  static synchronized Launch launch() {
    if (launch == null) {
      String classPath = System.getProperty("java.class.path");
      try {
        launch = archived(classPath);
      } catch (IOException | RuntimeException e) {
        launch = new Launch(List.of(), classPath);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Launch(List.of(), classPath);
      }
    }
    return launch;
  }

  private static Launch archived(String classPath) throws IOException, InterruptedException {
    Path target = Path.of(System.getProperty("user.dir"), "target");
    if (!Files.isDirectory(target)) {
      return new Launch(List.of(), classPath);
    }
    List<Path> entries = Stream.of(classPath.split(File.pathSeparator)).map(Path::of).toList();
    Path dir = target.resolve("child-class-archive").resolve(key(entries));
    Files.createDirectories(dir);
    try (FileChannel lock =
            FileChannel.open(
                dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var held = lock.lock()) {
      List<String> jarred = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Path entry = entries.get(i);
        if (Files.isDirectory(entry)) {
          Path jar = dir.resolve(i + ".jar");
          if (!Files.exists(jar)) {
            jar(entry, jar);
          }
          entry = jar;
        }
        jarred.add(entry.toString());
      }
      String jars = String.join(File.pathSeparator, jarred);
      Path archive = dir.resolve("classes.jsa");
      if (!Files.exists(archive)) {
        train(jars, dir, archive);
      }
      List<String> options = new ArrayList<>(QUIET);
      if (Files.size(archive) > 0) {
        options.add(0, "-XX:SharedArchiveFile=" + archive);
      }
      return new Launch(options, jars);
    }
  }

  /** The server's training run, dumping what it loaded; an empty archive if it fails. */
  private static void train(String jars, Path dir, Path archive)
      throws IOException, InterruptedException {
    Path making = dir.resolve("classes.jsa.making");
    Files.deleteIfExists(making);
    List<String> command =
        List.of(
            ChildJvm.java(),
            "-XX:TieredStopAtLevel=1",
            "-XX:ArchiveClassesAtExit=" + making,
            QUIET.get(0),
            "-cp",
            jars,
            TRAINING);
    Process training =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("training.log").toFile())
            .start();
    boolean done = training.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      training.destroyForcibly().waitFor();
    }
    if (done && training.exitValue() == 0 && Files.isRegularFile(making)) {
      Files.move(making, archive, StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.write(archive, new byte[0]);
    }
  }

  /** The class path's entries, the Java, and every file of its directories with size and time. */
  private static String key(List<Path> entries) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    digest.update(ChildJvm.java().getBytes(StandardCharsets.UTF_8));
    for (Path entry : entries) {
      digest.update(("\n" + entry).getBytes(StandardCharsets.UTF_8));
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.walk(entry)) {
          for (Path file : files.sorted().toList()) {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            String line =
                "\n " + entry.relativize(file) + " " + a.size() + " " + a.lastModifiedTime();
            digest.update(line.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 12);
  }

  /** A jar of a directory's files, with directory entries as the jar tool writes them. */
  private static void jar(Path from, Path jar) throws IOException {
    Path making = jar.resolveSibling(jar.getFileName() + ".making");
    try (OutputStream out = Files.newOutputStream(making);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(from)) {
      for (Path file : files.sorted().toList()) {
        if (file.equals(from)) {
          continue;
        }
        String name = from.relativize(file).toString().replace(File.separatorChar, '/');
        boolean isDirectory = Files.isDirectory(file);
        zip.putNextEntry(new JarEntry(isDirectory ? name + "/" : name));
        if (!isDirectory) {
          Files.copy(file, zip);
        }
        zip.closeEntry();
      }
    }
    Files.move(making, jar, StandardCopyOption.ATOMIC_MOVE);
  }
}
