package dev.depot.plugins.puppet;

import java.net.URI;

/**
 * A module tarball a feed offers, as its listing describes it, before it is fetched.
 *
 * @param claimed the release the listing says the tarball is (the Forge's {@code metadata}), or
 *     null when the listing does not say (a {@code PULP_MANIFEST} names only files)
 * @param fileName the tarball's file name, which names it in reports
 * @param url where its bytes are
 * @param size its size in bytes, or -1 when the listing does not say
 * @param sha256 its SHA-256 in lower-case hex, or null when the listing does not say
 * @param md5 its MD5 in lower-case hex, or null; checked only when there is no SHA-256
 */
record RemoteModule(
    ModuleId claimed, String fileName, URI url, long size, String sha256, String md5) {

  /**
   * The release the tarball is said to be: the listing's claim, else what its file name says when
   * it is {@code <author>-<name>-<version>.tar.gz}, else null.
   */
  ModuleId expectedId() {
    return claimed != null ? claimed : ModuleFileName.parse(fileName);
  }
}
