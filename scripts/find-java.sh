# Sourced by ./depot and ./run-tests: sets DEPOT_JAVA_HOME to a JDK 21 or newer.
# Looks at $DEPOT_JAVA_HOME, $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm
# (this machine's default java is 17; a newer one usually lies there).

# The major version of a java binary: from its JDK's release file (starting a JVM to ask costs a
# tenth of a second of every ./depot command), else from the JVM itself.
java_major() {
  local release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | grep . && return 0
  fi
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1]; exit }'
}

find_java_home() {
  local candidate major path_java
  path_java="$(command -v java 2>/dev/null || true)"
  for candidate in "${DEPOT_JAVA_HOME:-}" "${JAVA_HOME:-}" \
      "$( [ -n "$path_java" ] && dirname "$(dirname "$(readlink -f "$path_java")")" )" \
      $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! DEPOT_JAVA_HOME="$(find_java_home)"; then
  echo "depot: no JDK 21 or newer found (looked at \$DEPOT_JAVA_HOME, \$JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "depot: install one (e.g. apt-get install openjdk-21-jdk) or point DEPOT_JAVA_HOME at it." >&2
  exit 1
fi
export DEPOT_JAVA_HOME
