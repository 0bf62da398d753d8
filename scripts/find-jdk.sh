#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
set -euo pipefail
major() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/javac" ]] && (( $(major "$JAVA_HOME") >= 21 )); then
  echo "$JAVA_HOME"; exit 0
fi
best=""; bestv=0
for d in /usr/lib/jvm/*/; do
  d="${d%/}"
  [[ -x "$d/bin/javac" && ! -L "$d" ]] || continue
  v=$(major "$d" || echo 0)
  if (( v > bestv )); then best="$d"; bestv=$v; fi
done
if (( bestv >= 21 )); then echo "$best"; exit 0; fi
echo "error: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked under /usr/lib/jvm)." >&2
echo "       install one, e.g. 'apt-get install openjdk-21-jdk', or point JAVA_HOME at it." >&2
exit 1
