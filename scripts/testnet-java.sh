#!/usr/bin/env bash
# Runs a main class of the testnet module (harness, workloads, benchmark) on a JDK >= 21.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
main="$1"; shift
if [[ ! -d "$root/testnet/target/classes" || ! -d "$root/node/target/lib" ]]; then
  echo "error: not built yet: run 'make build' in $root" >&2
  exit 1
fi
jdk="$("$root/scripts/find-jdk.sh")"
java_opts=(--enable-native-access=ALL-UNNAMED)
major=$("$jdk/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')
if (( major >= 23 )); then java_opts+=(--sun-misc-unsafe-memory-access=allow); fi
# the nodes the harness starts run on the node's jars alone, as bin/pocod does (a JVM's AOT cache
# accepts no directory on the class path)
app_cp="$root/node/target/poco-node-0.1.0-SNAPSHOT.jar:$root/node/target/lib/*"
cp="$root/testnet/target/classes:$app_cp"
exec "$jdk/bin/java" ${POCO_JAVA_OPTS:-} "${java_opts[@]}" -Dpoco.root="$root" \
  -Dpoco.app.classpath="$app_cp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "$main" "$@"
