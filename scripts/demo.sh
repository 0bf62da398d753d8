#!/usr/bin/env bash
# make demo: a local 4-validator network with a workload, progress lines and a summary. DEMO_SECONDS bounds it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/testnet-java.sh" io.poco.testnet.Demo "$@"
