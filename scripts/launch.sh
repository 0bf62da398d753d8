#!/usr/bin/env bash
# Runs a main class of the node module with its dependencies, on a JDK >= 21.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
main="$1"; shift
jar="$root/node/target/poco-node-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d "$root/node/target/lib" ]]; then
  echo "error: not built yet: run 'make build' in $root" >&2
  exit 1
fi
jdk="$("$root/scripts/find-jdk.sh")"
exec "$jdk/bin/java" ${POCO_JAVA_OPTS:-} -Dpoco.root="$root" \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
  -cp "$jar:$root/node/target/lib/*" "$main" "$@"
