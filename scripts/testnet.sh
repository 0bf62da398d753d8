#!/usr/bin/env bash
# make testnet: a local network of VALIDATORS (default 4) validators in the foreground.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/testnet-java.sh" io.poco.testnet.Testnet "$@"
