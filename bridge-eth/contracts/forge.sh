#!/usr/bin/env bash
# Runs forge on this project with solc-js behind solc-wrapper.sh: forge.sh build | test [args].
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
forge="$here/node_modules/.bin/forge"
if [[ ! -x "$forge" ]]; then
  echo "error: forge is not installed; run 'make tools' (npm ci in bridge-eth/contracts)" >&2
  exit 1
fi
cd "$here"
cmd="${1:-build}"; shift || true
exec "$forge" "$cmd" --use "$here/solc-wrapper.sh" "$@"
