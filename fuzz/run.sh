#!/bin/sh
# Run every libFuzzer harness built in BUILD_DIR for a short fixed time over
# its seed corpus (fuzz/corpus/<name>/, never modified: new inputs go to a
# scratch directory). Fails on the first crash, leak or timeout.
#   fuzz/run.sh BUILD_DIR        (FUZZ_SECONDS=20 per harness by default)
set -eu

build=${1:?usage: fuzz/run.sh BUILD_DIR}
seconds=${FUZZ_SECONDS:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

found=0
for src in "$here"/fuzz_*.c; do
	name=$(basename "$src" .c)
	exe="$build/fuzz/$name"
	corpus="$here/corpus/${name#fuzz_}"
	if [ ! -x "$exe" ]; then
		echo "fuzz: $exe not built" >&2
		exit 1
	fi
	mkdir -p "$work/$name"
	echo "fuzz: $name for ${seconds}s over $corpus"
	# -artifact_prefix keeps crash files out of the source tree.
	if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$work/" "$work/$name" "$corpus" 2>"$work/$name.log"; then
		tail -n 60 "$work/$name.log" >&2
		for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
			[ -e "$f" ] && cp "$f" "$build/" && echo "fuzz: input saved as $build/$(basename "$f")" >&2
		done
		echo "fuzz: $name FAILED" >&2
		exit 1
	fi
	grep -E "stat::number_of_executed_units|stat::new_units_added" "$work/$name.log" | sed "s/^/fuzz: $name /"
	found=$((found + 1))
done
[ "$found" -gt 0 ] || { echo "fuzz: no harnesses" >&2; exit 1; }
echo "fuzz: $found harness(es) ran clean"
