package dev.depot.publish.rsync;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extra rsync options a user may add ({@code rsync_extra_args}): an allow-list, because rsync
 * has many options that run commands ({@code -e}, {@code --rsh}, {@code --rsync-path}), read or
 * write files the user should not reach ({@code --files-from}, {@code --log-file}, {@code
 * --write-batch}) or change where things go ({@code --temp-dir}, {@code --link-dest}). Only options
 * that tune how the transfer runs are allowed.
 */
public final class RsyncArgs {
  private RsyncArgs() {}

  private static final Set<String> FLAGS =
      Set.of(
          "--compress",
          "-z",
          "--partial",
          "--omit-dir-times",
          "-O",
          "--omit-link-times",
          "-J",
          "--verbose",
          "-v",
          "--checksum",
          "-c",
          "--size-only",
          "--whole-file",
          "-W",
          "--no-whole-file",
          "--inplace",
          "--delay-updates",
          "--delete-after",
          "--delete-delay",
          "--delete-during",
          "--ipv4",
          "-4",
          "--ipv6",
          "-6",
          "--human-readable",
          "-h",
          "--stats",
          "--no-motd",
          "--sparse",
          "-S",
          "--fsync",
          "--ignore-times",
          "-I",
          "--hard-links",
          "-H",
          "--executability",
          "-E",
          "--perms",
          "-p",
          "--no-perms",
          "--owner",
          "-o",
          "--group",
          "-g");

  private static final String NUMBER = "\\d{1,9}";
  private static final String SIZE = "\\d{1,12}(\\.\\d{1,3})?[bBkKmMgGtT]?[iI]?[bB]?([+-]1)?";

  private static final List<Pattern> VALUED =
      List.of(
          Pattern.compile("--bwlimit=" + SIZE),
          Pattern.compile("--timeout=" + NUMBER),
          Pattern.compile("--contimeout=" + NUMBER),
          Pattern.compile("--compress-level=" + NUMBER),
          Pattern.compile("--modify-window=-?" + NUMBER),
          Pattern.compile("--block-size=" + SIZE),
          Pattern.compile("--max-size=" + SIZE),
          Pattern.compile("--min-size=" + SIZE),
          Pattern.compile("--compress-choice=(zstd|lz4|zlibx|zlib|none)"),
          Pattern.compile("--checksum-choice=(auto|xxh128|xxh3|xxh64|xxhash|md5|md4|sha1|none)"),
          Pattern.compile("--chmod=[DF]?[ugoa]*[-+=][rwxXst]*(,[DF]?[ugoa]*[-+=][rwxXst]*)*"),
          Pattern.compile("--chmod=[DF]?[0-7]{3,4}(,[DF]?[0-7]{3,4})*"));

  /** Every option that is allowed as is, for messages and documentation. */
  public static final String ALLOWED =
      "--bwlimit=N, --timeout=N, --contimeout=N, --compress (-z), --compress-level=N,"
          + " --partial, --omit-dir-times (-O), --chmod=..., --verbose (-v), --checksum (-c),"
          + " --inplace, --delay-updates, --max-size=N, --min-size=N and similar transfer"
          + " tuning options";

  /** Why an extra argument is refused, if it is; the message never repeats the argument. */
  public static Optional<String> refusal(String arg) {
    if (arg == null || arg.isEmpty()) {
      return Optional.of("an empty or null argument is not allowed");
    }
    if (FLAGS.contains(arg) || VALUED.stream().anyMatch(p -> p.matcher(arg).matches())) {
      return Optional.empty();
    }
    return Optional.of(
        describe(arg) + " is not allowed; only options that tune the transfer are: " + ALLOWED);
  }

  /** A short, safe name for a refused argument: its option name, or "an argument". */
  private static String describe(String arg) {
    String name = arg.split("=", 2)[0];
    if (name.matches("-{1,2}[A-Za-z0-9][A-Za-z0-9-]{0,30}")) {
      return "option " + name;
    }
    return "an argument that is not an rsync option";
  }
}
