#!/usr/bin/env bash
# make demo: a local chain with a workload, progress lines and a summary. DEMO_SECONDS bounds it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jdk="$("$root/scripts/find-jdk.sh")"
cp="$root/testnet/target/classes:$root/node/target/poco-node-0.1.0-SNAPSHOT.jar:$root/node/target/lib/*"
exec "$jdk/bin/java" -Dpoco.root="$root" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.status=info -cp "$cp" io.poco.testnet.Demo
