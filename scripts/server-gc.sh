# shellcheck shell=bash
# The garbage collector Depot's server runs with: ./depot server and the benchmarks that embed the
# server (so they measure what runs). The parallel collector: on the 2-core machines Depot is built
# on, against the JVM's default G1 with the same 256 MB heap cap (one run each, 20,000 packages),
# a warm full yum publish took 0.53-0.61 s against 0.75 s, the first after start 1.27-1.33 s
# against 1.49 s, a re-publish after a 1% change 0.15 s against 0.18 s; the Forge API answered
# 6,400 requests a second against 4,900, p99 31.6 ms against 41.1 ms (short runs). G1's
# concurrent marking and refinement threads and its write barriers took CPU the work needed; the
# parallel collector stops the server for its young collections, a few milliseconds each.
# DEPOT_JAVA_OPTS naming a collector (e.g. -XX:+UseG1GC) replaces it.
DEPOT_SERVER_GC=-XX:+UseParallelGC
