#!/usr/bin/env bash
# forge cannot download compilers here; it calls this script as if it were solc.
# It answers --version like solc and otherwise compiles standard JSON from stdin with solc-js.
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
# solc-js truncates output written to a pipe: write to a file, then print it
"$solcjs" --standard-json --base-path "$here" < "$tmp/in.json" > "$tmp/out.json"
grep -v '^>>>' "$tmp/out.json"
