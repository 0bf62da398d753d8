#!/usr/bin/env bash
# State store benchmark (JMH, state/src/test/java/io/poco/state/bench), one JSON line per figure:
# commit time of a block (1 000 overwrites + 100 inserts + 100 deletes), proof generation and
# proof verification, on RocksDB pre-filled with STORE_BENCH_KEYS pairs (comma-separated,
# default 10000,100000,10000000). Each size is filled once (RocksDbVersionedStore.bulkLoad: one
# pass, no WAL, one compaction), in a scratch directory removed at the end; 10^7 keys takes about
# 5 minutes and 5 GB of disk there (under STORE_BENCH_DIR, default state/target). Needs the state
# module built with its test classes (make build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/run-jmh.sh" state io.poco.state.bench.StoreBenchReport \
  "${STORE_BENCH_DIR:-$root/state/target}" "${STORE_BENCH_KEYS:-10000,100000,10000000}"
