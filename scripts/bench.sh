#!/usr/bin/env bash
# make bench: every benchmark, one JSON line per figure on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# P5: gas of the bridge contract (submitCheckpoint at 4, 16, 64, 100 validators, deposit,
# withdraw) from Anvil receipts, Prague rules.
"$root/scripts/bench-bridge.sh"
"$root/scripts/bench-network.sh"
