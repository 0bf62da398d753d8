#!/usr/bin/env bash
# forge cannot download compilers here; forge.sh passes this script with --use, as if it were solc.
# It answers --version like solc and otherwise compiles the standard JSON read from stdin with
# solc-js (see shared/spec/toolchain.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
solcjs="$here/node_modules/.bin/solcjs"
if [[ "${1:-}" == "--version" ]]; then
  echo "solc, the solidity compiler commandline interface"
  echo "Version: $("$solcjs" --version)"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/in.json"          # read all input first, or forge sees a broken pipe
# solc-js truncates output written to a pipe: write to a file, then print it without the
# ">>>" note lines that are not JSON
if ! "$solcjs" --standard-json --base-path "$here" < "$tmp/in.json" > "$tmp/out.json" 2> "$tmp/err.txt"; then
  echo "solc-wrapper.sh: solcjs failed:" >&2
  cat "$tmp/err.txt" >&2
  exit 1
fi
grep -v '^>>>' "$tmp/out.json"
