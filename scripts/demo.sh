#!/usr/bin/env bash
# make demo: a local 4-validator network with a workload, progress lines and a summary. DEMO_SECONDS bounds it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jdk="$("$root/scripts/find-jdk.sh")"
java_opts=(--enable-native-access=ALL-UNNAMED)
major=$("$jdk/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')
if (( major >= 23 )); then java_opts+=(--sun-misc-unsafe-memory-access=allow); fi
cp="$root/testnet/target/classes:$root/node/target/poco-node-0.1.0-SNAPSHOT.jar:$root/node/target/lib/*"
exec "$jdk/bin/java" "${java_opts[@]}" -Dpoco.root="$root" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$cp" io.poco.testnet.Demo
