#!/usr/bin/env bash
# Runs forge on this project with solc-js behind solc-wrapper.sh (forge cannot download a native
# solc here): forge.sh build | test [forge arguments...]. The Makefile calls `forge.sh build`
# before the Maven build (ABI and bytecode land in out/) and `forge.sh test` after it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
forge="$here/node_modules/.bin/forge"
solcjs="$here/node_modules/.bin/solcjs"
wrapper="$here/solc-wrapper.sh"
fail() { echo "forge.sh: error: $*" >&2; exit 1; }
if [[ $# -eq 0 ]]; then
  echo "usage: forge.sh build|test [forge arguments...]" >&2
  exit 2
fi
[[ -x "$forge" ]] || fail "forge is not installed in $here/node_modules; run 'make tools' (npm ci in bridge-eth/contracts)"
[[ -x "$solcjs" ]] || fail "solc-js is not installed in $here/node_modules; run 'make tools' (npm ci in bridge-eth/contracts)"
command -v node >/dev/null || fail "Node.js is needed to run solc-js"
[[ -x "$wrapper" ]] || fail "$wrapper is missing or not executable"
cd "$here"
cmd="$1"; shift
exec "$forge" "$cmd" --use "$wrapper" "$@"
