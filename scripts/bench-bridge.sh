#!/usr/bin/env bash
# Gas report of the bridge contract (target P5), one JSON line per figure on stdout:
# gasUsed of submitCheckpoint receipts at 4, 16, 64 and 100 signing validators, of deposit and
# of withdraw, on a fresh Anvil with Prague rules, driven by the Java library (BridgeGasReport).
# Needs the contracts compiled (forge.sh build) and bridge-eth built (make build does both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then JAVA_HOME="$("$root/scripts/find-jdk.sh")"; fi
java="$JAVA_HOME/bin/java"
classes="$root/bridge-eth/target/classes"
cp_file="$root/bridge-eth/target/bench-classpath.txt"
if [[ ! -d "$classes/io/poco/bridge/bench" ]]; then
  echo "error: bridge-eth is not built; run 'make build' first" >&2
  exit 1
fi
if [[ ! -f "$root/bridge-eth/contracts/out/PocoBridge.sol/PocoBridge.json" ]]; then
  echo "error: the contracts are not compiled; run 'bridge-eth/contracts/forge.sh build'" >&2
  exit 1
fi
if [[ ! -s "$cp_file" || "$root/bridge-eth/pom.xml" -nt "$cp_file" ]]; then
  (cd "$root" && mvn -B -q --no-transfer-progress -o -pl bridge-eth dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2)
fi
exec "$java" -Dpoco.root="$root" -cp "$classes:$(cat "$cp_file")" io.poco.bridge.bench.BridgeGasReport
