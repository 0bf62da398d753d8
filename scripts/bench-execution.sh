#!/usr/bin/env bash
# P3, P4: blocks of 1 000 signed contributions executed and committed in process (JMH,
# testnet/src/test/java/io/poco/testnet/ExecutionBench.java) on a RocksDB store already holding
# EXEC_BENCH_TASKS finished task records (comma-separated, default 10000,10000000), and the raw
# secp256k1 recovery rate. One JSON line per figure on stdout; also written to
# target/bench/execution.jsonl. 10^7 tasks take about 6 minutes (fill included) and up to 13 GB
# of disk under EXEC_BENCH_DIR (default testnet/target). Needs the testnet module built with its
# test classes (make build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/target/bench"
export BENCH_JSONL="$root/target/bench/execution.jsonl"
: > "$BENCH_JSONL"
exec "$root/scripts/run-jmh.sh" testnet io.poco.testnet.ExecutionBenchReport \
  "${EXEC_BENCH_DIR:-$root/testnet/target}" "${EXEC_BENCH_TASKS:-10000,10000000}"
