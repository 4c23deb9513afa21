# Finds a JDK 25 (or newer) for ./kontextbot and ./mvnw; sourced by both (POSIX sh, so mvnw can source it too).
# Order: JAVA_HOME, the java on the PATH, then the usual install folders: /usr/lib/jvm, ~/.sdkman/candidates/java,
# macOS's /Library/Java/JavaVirtualMachines. KONTEXTBOT_JDK_DIRS replaces those folders (the launcher's tests point
# it at a temp dir to see what happens on a machine without a JDK 25).
# A JDK, not a runtime: both commands may build, and the build needs javac.

KB_JDK_REQUIRED=25

# The feature version of a JDK home (25 for "25.0.1", 1 for "1.8"), or nothing when it is no JDK.
kb_jdk_feature() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

kb_good_jdk() {
  kb_v="$(kb_jdk_feature "$1")"
  [ -n "$kb_v" ] && [ "$kb_v" -ge "$KB_JDK_REQUIRED" ]
}

# Prints the home of the first JDK 25 found; fails when there is none.
kb_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && kb_good_jdk "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"; return 0
  fi
  kb_on_path="$(command -v java 2>/dev/null || true)"
  if [ -n "$kb_on_path" ]; then
    # /usr/bin/java is a chain of links (alternatives); the home is two levels above the real binary.
    kb_home="$(dirname "$(dirname "$(readlink -f "$kb_on_path")")")"
    if kb_good_jdk "$kb_home"; then printf '%s\n' "$kb_home"; return 0; fi
  fi
  # mvnw runs with globbing off (set -f); the search needs it for a moment.
  case "$-" in *f*) kb_noglob=true ;; *) kb_noglob=false ;; esac
  set +f
  kb_found=""
  kb_dirs="${KONTEXTBOT_JDK_DIRS:-/usr/lib/jvm/* ${HOME:-/nonexistent}/.sdkman/candidates/java/*
    /Library/Java/JavaVirtualMachines/*/Contents/Home}"
  for kb_home in $kb_dirs; do
    if [ -z "$kb_found" ] && kb_good_jdk "$kb_home"; then kb_found="$kb_home"; fi
  done
  [ "$kb_noglob" = false ] || set -f
  [ -n "$kb_found" ] || return 1
  printf '%s\n' "$kb_found"
}

# Exports JAVA_HOME (and puts its bin first on the PATH), or says in one sentence what to install and fails.
# $1 names the command for the message.
kb_use_jdk() {
  if kb_jdk_home="$(kb_find_jdk)"; then
    JAVA_HOME="$kb_jdk_home"
    PATH="$JAVA_HOME/bin:$PATH"
    export JAVA_HOME PATH
    return 0
  fi
  echo "$1: KontextBot needs a JDK $KB_JDK_REQUIRED and found none (looked at JAVA_HOME, the PATH, /usr/lib/jvm, ~/.sdkman and /Library/Java); install one, for example Eclipse Temurin $KB_JDK_REQUIRED from https://adoptium.net, or set JAVA_HOME to it." >&2
  return 1
}
