package dev.depot.plugins.puppet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a module tarball as the Forge serves it: a gzip-compressed tar whose top directory holds
 * {@code metadata.json}. The whole archive is read (so a truncated or corrupt one is refused, not
 * half-trusted) and every entry checked: no absolute path, no {@code ..}, no link out of the
 * archive — {@code puppet_install_distributor} extracts these files later.
 */
final class ModuleTarball {
  private static final int METADATA_LIMIT = 1024 * 1024;

  /** The most a read buffer takes; a module of a few hundred bytes gets one of its own size. */
  private static final int BUFFER = 64 * 1024;

  private ModuleTarball() {}

  /**
   * The release the tarball holds, with the tarball's digests.
   *
   * @throws InvalidModuleException naming what is wrong, for anything that is not a sound module
   */
  static ModuleRelease read(Path tarball) throws IOException {
    MessageDigest md5 = digest("MD5");
    MessageDigest sha256 = digest("SHA-256");
    byte[] metadata = null;
    String metadataPath = null;
    byte[] checksums = null;
    long size = Files.size(tarball);
    // Sized to the file: most modules are a few KB, and a sync reads thousands of them.
    int buffer = (int) Math.min(BUFFER, Math.max(512, size + 1));
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), buffer);
        InputStream digested = new DigestInputStream(new DigestInputStream(raw, md5), sha256);
        InputStream tar = new GZIPInputStream(digested, buffer)) {
      TarEntries entries = new TarEntries(tar);
      for (Optional<TarEntries.Entry> e = entries.next(); e.isPresent(); e = entries.next()) {
        TarEntries.Entry entry = e.get();
        ArchivePaths.check(entry);
        boolean top = entry.isFile() && ArchivePaths.isTopLevelFile(entry.path(), "metadata.json");
        if (top || entry.isFile() && ArchivePaths.isRootFile(entry.path(), "metadata.json")) {
          onlyOne(metadataPath, entry.path());
          metadataPath = entry.path();
          if (top) {
            metadata = entries.body(METADATA_LIMIT);
          }
        } else if (entry.isFile() && ArchivePaths.isTopLevelFile(entry.path(), "checksums.json")) {
          checksums = entries.body(METADATA_LIMIT);
        }
      }
      // To the gzip stream's end, so a truncated or corrupt one (CRC, length) fails here, then
      // to the file's end: trailing bytes still count in the digests.
      byte[] rest = new byte[buffer];
      drain(tar, rest);
      drain(digested, rest);
    } catch (ZipException e) {
      throw new InvalidModuleException("not a gzip-compressed tarball: " + e.getMessage());
    } catch (java.io.EOFException e) {
      // An empty file ends before the gzip header: the JDK's exception then says nothing.
      throw new InvalidModuleException(
          size == 0
              ? "the tarball is empty (0 bytes)"
              : "truncated tarball: "
                  + (e.getMessage() == null ? "it ends early" : e.getMessage()));
    } catch (InvalidModuleException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidModuleException("not a module tarball: " + e.getMessage());
    }
    if (metadata == null) {
      throw new InvalidModuleException(
          "no metadata.json in the tarball's top directory (<author>-<name>-<version>/metadata.json)");
    }
    return ModuleRelease.of(
        metadata,
        checksums,
        HexFormat.of().formatHex(md5.digest()),
        HexFormat.of().formatHex(sha256.digest()),
        size);
  }

  /**
   * Refuses a second metadata.json at the top (two modules) or one at the archive's root: puppet
   * installs the directory of the shortest one's path, the Forge API would list the other.
   */
  private static void onlyOne(String seen, String path) throws InvalidModuleException {
    if (seen != null) {
      throw new InvalidModuleException(
          "more than one metadata.json in the tarball: "
              + seen
              + " and "
              + path
              + "; a module tarball holds one module");
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has " + algorithm, e);
    }
  }

  /** Reads {@code in} to its end, discarding: the digests see every byte. */
  private static void drain(InputStream in, byte[] buffer) throws IOException {
    while (in.read(buffer) >= 0) {
      // discarded
    }
  }
}
