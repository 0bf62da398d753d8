#!/usr/bin/env bash
# make bench: every benchmark, one JSON line per figure on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# P5: gas of the bridge contract (submitCheckpoint at 4, 16, 64, 100 validators, deposit,
# withdraw) from Anvil receipts, Prague rules.
"$root/scripts/bench-bridge.sh"
# The state store's own figures: commit, proof and verification times (JMH).
"$root/scripts/bench-store.sh"
# P3, P4: blocks of 1 000 signed contributions executed in process at 10^4 and 10^7 tasks (JMH).
"$root/scripts/bench-execution.sh"
# P1, P2: the same 4-validator network under kvstore and under pocod with the PoCo workload.
"$root/scripts/bench-network.sh"
# P6: a validator stopped for 1 000 blocks catches up (replay rate).
"$root/scripts/bench-catchup.sh"
# R4: wrong results that survive spot-checks, challenges and the reversal window.
"$root/scripts/bench-saboteurs.sh"
