#!/bin/sh
# Runs every benchmark and collects the results (called by `make bench`).
#   sh bench/run.sh BUILD_DIR [--quick]
# Prints the tables, keeps them in BUILD_DIR/bench/results.txt, and writes
# BUILD_DIR/bench/results.json (copied to build/bench/results.json): an
# array of {"metric", "unit", "library", "value"} objects; a value that
# could not be measured is null, with a "note" saying why.
# --quick shortens every timing (for trying the harness, not for figures).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: sh bench/run.sh BUILD_DIR [--quick]}
time_opt="--time 0.06 --rounds 5"
[ "${2:-}" = "--quick" ] && time_opt="--time 0.02 --rounds 1"

out="$build/bench"
lines="$out/results.jsonl"
txt="$out/results.txt"
mkdir -p "$out" "$root/build/bench"
failed="$out/failed"
rm -f "$lines" "$failed"

# The tables go to the terminal and to results.txt; a failing step is
# recorded in $failed (the pipe through tee would hide its exit status).
{
	echo "Mote benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
	"$out/bench_sym" --json "$lines" $time_opt || echo bench_sym >>"$failed"
	"$out/bench_pk" --json "$lines" --data "$root/bench/data" $time_opt || echo bench_pk >>"$failed"
	echo
	sh "$root/bench/tls.sh" "$build" "$lines" || echo tls.sh >>"$failed"
	sh "$root/bench/tls.sh" "$build" "$lines" 12 || echo "tls.sh 12" >>"$failed"
	echo
	echo "Code size of the core library, bytes (scripts/size.sh)"
	sh "$root/scripts/size.sh" --json "$lines" --out "$build/size" || echo size.sh >>"$failed"
} 2>&1 | tee "$txt"

# JSON lines -> one JSON array.
{
	echo "["
	sed '$!s/$/,/; s/^/  /' "$lines"
	echo "]"
} >"$out/results.json"
cp "$out/results.json" "$root/build/bench/results.json"
echo
echo "bench: $(wc -l <"$lines") results in $out/results.json (and build/bench/results.json)"
if [ -s "$failed" ]; then
	echo "bench: FAILED: $(tr '\n' ' ' <"$failed")(see the notes under the tables)" >&2
	exit 1
fi
