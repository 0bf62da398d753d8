#!/usr/bin/env bash
# Runs the JMH report class of a module's test classes:
#   scripts/run-jmh.sh MODULE MAIN_CLASS SCRATCH_PARENT [ARGS...]
# A scratch directory made under SCRATCH_PARENT is passed as -Dbench.dir (the benchmarks keep
# their filled stores there) and removed at the end. The report's JSON lines go to stdout, and are
# appended to the file BENCH_JSONL names when it is set; anything else the JVMs print goes to
# stderr. Needs the module built with its test classes (make build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="$1" main="$2" parent="$3"
shift 3
if [[ -z "${JAVA_HOME:-}" ]]; then JAVA_HOME="$("$root/scripts/find-jdk.sh")"; fi
tests="$root/$module/target/test-classes"
cp_file="$root/$module/target/bench-classpath.txt"
if [[ ! -f "$tests/META-INF/BenchmarkList" ]]; then
  echo "error: the $module benchmarks are not built; run 'make build' first" >&2
  exit 1
fi
# any pom may change the module's dependencies (the root pins them, a sibling brings its own)
if [[ ! -s "$cp_file" ]] ||
  [[ -n "$(find "$root" -maxdepth 2 -name pom.xml -newer "$cp_file" -print -quit)" ]]; then
  (cd "$root" && mvn -B -q --no-transfer-progress -o -pl "$module" dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi
mkdir -p "$parent"
scratch="$(mktemp -d "$parent/bench.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dbench.dir="$scratch" \
  -cp "$root/$module/target/classes:$tests:$(cat "$cp_file")" "$main" "$@" |
  while IFS= read -r line; do
    if [[ "$line" == '{'* ]]; then
      echo "$line"
      if [[ -n "${BENCH_JSONL:-}" ]]; then echo "$line" >> "$BENCH_JSONL"; fi
    else
      echo "$line" >&2
    fi
  done
