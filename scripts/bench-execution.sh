#!/usr/bin/env bash
# P3, P4: blocks of 1 000 signed contributions executed and committed in process (JMH,
# testnet/src/test/java/io/poco/testnet/ExecutionBench.java) on a RocksDB store already holding
# EXEC_BENCH_TASKS finished task records (comma-separated, default 10000,10000000), and the raw
# secp256k1 recovery rate. One JSON line per figure on stdout; also written to
# target/bench/execution.jsonl. 10^7 tasks take about 6 minutes to fill and 4 GB of disk under
# EXEC_BENCH_DIR (default testnet/target). Needs the testnet module built with its test classes
# (make build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then JAVA_HOME="$("$root/scripts/find-jdk.sh")"; fi
java="$JAVA_HOME/bin/java"
tests="$root/testnet/target/test-classes"
cp_file="$root/testnet/target/bench-classpath.txt"
if [[ ! -f "$tests/META-INF/BenchmarkList" ]]; then
  echo "error: the execution benchmarks are not built; run 'make build' first" >&2
  exit 1
fi
if [[ ! -s "$cp_file" || "$root/testnet/pom.xml" -nt "$cp_file" ]]; then
  (cd "$root" && mvn -B -q --no-transfer-progress -o -pl testnet dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi
scratch="$(mktemp -d "${EXEC_BENCH_DIR:-$root/testnet/target}/exec-bench.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$root/target/bench"
out="$root/target/bench/execution.jsonl"
: > "$out"
"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dbench.dir="$scratch" \
  -cp "$root/testnet/target/classes:$tests:$(cat "$cp_file")" \
  io.poco.testnet.ExecutionBenchReport "${EXEC_BENCH_TASKS:-10000,10000000}" |
  while IFS= read -r line; do
    if [[ "$line" == '{'* ]]; then echo "$line"; echo "$line" >> "$out"; else echo "$line" >&2; fi
  done
