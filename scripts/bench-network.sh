#!/usr/bin/env bash
# P1, P2: the 4-validator network under the same load, with CometBFT's kvstore and with pocod.
# One JSON line per figure on stdout; also written to target/bench/network.jsonl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/testnet-java.sh" io.poco.testnet.Bench "$@"
