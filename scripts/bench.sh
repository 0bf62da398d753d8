#!/usr/bin/env bash
# make bench: every benchmark, one JSON line per figure on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# P5: gas of the bridge contract (submitCheckpoint at 4, 16, 64, 100 validators, deposit,
# withdraw) from Anvil receipts, Prague rules.
"$root/scripts/bench-bridge.sh"
# Target P4 inputs: commit, proof and verification times of the state store (JMH).
"$root/scripts/bench-store.sh"
# P1, P2: the same 4-validator network under kvstore and under pocod with the PoCo workload.
"$root/scripts/bench-network.sh"
# R4: wrong results that survive spot-checks, challenges and the reversal window.
"$root/scripts/bench-saboteurs.sh"
