#!/usr/bin/env bash
# make bench: every benchmark, one JSON line per figure on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# P5: gas of submitCheckpoint with all validators signing (forge EVM, Prague rules; execution
# measured, intrinsic and calldata gas added).
"$root/bridge-eth/contracts/forge.sh" test --match-contract PocoBridgeGasReport -vv 2>/dev/null \
  | awk '/gas\.[0-9]+:/ { split($1, k, "."); n = k[2]; sub(":", "", n); v = $2;
      printf "{\"name\":\"bridge.submitCheckpoint.gas\",\"validators\":%d,\"value\":%d,\"unit\":\"gas\",\"perValidator\":%d,\"source\":\"forge\"}\n", n, v, v / n }'
