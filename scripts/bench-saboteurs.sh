#!/usr/bin/env bash
# targets.md R4: the saboteur simulation (testnet SaboteurSimulation) on the real state machine,
# one JSON line per figure. Defaults are R4's: 10 000 tasks, 20 % colluding saboteurs, trust 100,
# q = 5 %; SIM_ARGS overrides them (e.g. SIM_ARGS="--tasks 2000 --trust 4 --q 200000").
# Takes several minutes on 2 cores. Needs 'make build'.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC2086
"$root/scripts/testnet-java.sh" io.poco.testnet.SaboteurSimulation ${SIM_ARGS:-}
