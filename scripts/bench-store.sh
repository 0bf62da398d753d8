#!/usr/bin/env bash
# State store benchmark (JMH, state/src/test/java/io/poco/state/bench), one JSON line per figure:
# commit time of a block (1 000 overwrites + 100 inserts + 100 deletes), proof generation and
# proof verification, on RocksDB pre-filled with STORE_BENCH_KEYS pairs (comma-separated,
# default 10000,100000,10000000). Each size is filled once (RocksDbVersionedStore.bulkLoad: one
# pass, no WAL, one compaction), in a scratch directory removed at the end; 10^7 keys takes about
# 5 minutes and 5 GB of disk there (STORE_BENCH_DIR, default under state/target). Needs the state module built with its test
# classes (make build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then JAVA_HOME="$("$root/scripts/find-jdk.sh")"; fi
java="$JAVA_HOME/bin/java"
classes="$root/state/target/classes"
tests="$root/state/target/test-classes"
cp_file="$root/state/target/bench-classpath.txt"
if [[ ! -f "$tests/META-INF/BenchmarkList" ]]; then
  echo "error: the state benchmarks are not built; run 'make build' first" >&2
  exit 1
fi
if [[ ! -s "$cp_file" || "$root/state/pom.xml" -nt "$cp_file" ]]; then
  (cd "$root" && mvn -B -q --no-transfer-progress -o -pl state dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi
scratch="$(mktemp -d "${STORE_BENCH_DIR:-$root/state/target}/store-bench.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
# JSON lines to stdout; anything else the JVMs print (warnings) to stderr
"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dstore.bench.dir="$scratch" \
  -cp "$classes:$tests:$(cat "$cp_file")" io.poco.state.bench.StoreBenchReport \
  "${STORE_BENCH_KEYS:-10000,100000,10000000}" |
  while IFS= read -r line; do
    if [[ "$line" == '{'* ]]; then echo "$line"; else echo "$line" >&2; fi
  done
