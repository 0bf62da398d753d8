#!/usr/bin/env bash
# P6: a validator stopped for BENCH_CATCHUP_BLOCKS blocks (default 1000) rejoins; its replay rate.
# One JSON line on stdout; also written to target/bench/catchup.jsonl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/testnet-java.sh" io.poco.testnet.CatchUp "$@"
