#!/bin/sh
# Code size of the core library (src/common, src/crypto, src/x509, src/tls)
# for microcontroller targets, per object file and per module, in bytes.
#   sh scripts/size.sh [--json FILE] [--out DIR]
# Each core source is compiled on its own with the target's -Os flags and
# -ffunction-sections -fdata-sections; sizes are the objects' text, data
# and bss as `size` reports them, before any link: what the library would
# add if an application used all of it (the linker's --gc-sections drops
# whatever the application does not call). Compiler warnings are shown;
# files that fail to compile are listed and make the script fail.
# With --json, totals are appended as JSON lines (bench/run.sh).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
json=""
out="$root/build-size"
while [ $# -gt 0 ]; do
	case "$1" in
	--json) json=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: $0 [--json FILE] [--out DIR]" >&2; exit 2 ;;
	esac
done

common="-std=c11 -Os -ffunction-sections -fdata-sections -Wall -Wextra -Wshadow \
-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter -I$root/include -I$root/src"

# target name | compiler | size tool | flags
targets="cortex-m4|arm-none-eabi-gcc|arm-none-eabi-size|-mthumb -mcpu=cortex-m4
cortex-m0plus|arm-none-eabi-gcc|arm-none-eabi-size|-mthumb -mcpu=cortex-m0plus
rv32imc|riscv64-unknown-elf-gcc|riscv64-unknown-elf-size|-march=rv32imc -mabi=ilp32"

sources=$(cd "$root" && ls src/common/*.c src/crypto/*.c src/x509/*.c src/tls/*.c 2>/dev/null || true)
[ -n "$sources" ] || { echo "size: no core sources found" >&2; exit 1; }

# The RISC-V toolchain ships without a C library. GCC requires even a
# freestanding environment to provide memcpy, memmove, memset and memcmp,
# so when <string.h> is missing the build uses -ffreestanding and a header
# that declares exactly those four (scripts/size-include/string.h).
libc_flags() {
	if echo '#include <string.h>' | $1 $2 -E - >/dev/null 2>&1; then
		echo ""
	else
		echo "-ffreestanding -isystem $root/scripts/size-include"
	fi
}

# Compiles every source for one target into $dir, in parallel; prints
# warnings and errors, and the list of files that failed.
compile_all() {
	cc=$1 flags=$2 dir=$3
	mkdir -p "$dir"
	export cc flags dir root
	printf '%s\n' $sources | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c '
		obj="$dir/$(echo {} | sed "s|^src/||; s|\.c$|.o|")"
		mkdir -p "$(dirname "$obj")"
		rm -f "$obj"
		$cc $flags -c "$root/{}" -o "$obj" 2>"$obj.log" || echo {} >>"$dir/failed"
		true'
	for log in $(find "$dir" -name '*.log' -size +0 | sort); do
		sed "s|$root/||g" "$log"
	done
}

# Per-object table with module subtotals and a total; appends JSON.
report() {
	name=$1 sizetool=$2 dir=$3
	(cd "$dir" && find . -name '*.o' | sed 's|^\./||' | sort | xargs -r "$sizetool" -B) |
	awk -v name="$name" -v json="$json" '
	function line(label, t, d, b) { printf "  %-34s %8d %8d %8d\n", label, t, d, b }
	function flush() {
		if (mod == "") return
		line(mod " total", mt, md, mb)
		if (json != "")
			printf "{\"metric\": \"size-%s-%s-text\", \"unit\": \"bytes\", \"library\": \"mote\", \"value\": %d}\n", name, mod, mt >> json
		mt = md = mb = 0
	}
	NR == 1 { next }
	{
		split($6, p, "/"); m = p[1]
		if (m != mod) { flush(); mod = m }
		line($6, $1, $2, $3)
		mt += $1; md += $2; mb += $3; tt += $1; td += $2; tb += $3
	}
	END {
		flush()
		line("TOTAL", tt, td, tb)
		if (json != "") {
			printf "{\"metric\": \"size-%s-text\", \"unit\": \"bytes\", \"library\": \"mote\", \"value\": %d}\n", name, tt >> json
			printf "{\"metric\": \"size-%s-data\", \"unit\": \"bytes\", \"library\": \"mote\", \"value\": %d}\n", name, td >> json
			printf "{\"metric\": \"size-%s-bss\", \"unit\": \"bytes\", \"library\": \"mote\", \"value\": %d}\n", name, tb >> json
		}
	}'
}

status=0
echo "$targets" | while IFS='|' read -r name cc sizetool tflags; do
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "size: $cc not found (sh scripts/deps.sh size)" >&2
		exit 1
	fi
	extra=$(libc_flags "$cc" "$tflags")
	flags="$common $tflags $extra"
	dir="$out/$name"
	rm -rf "$dir"
	echo
	echo "== $name: $cc $($cc -dumpversion) $tflags -Os -ffunction-sections -fdata-sections${extra:+ -ffreestanding (no libc headers: mem* declared by scripts/size-include/string.h)}"
	compile_all "$cc" "$flags" "$dir"
	printf '  %-34s %8s %8s %8s\n' "object (bytes)" text data bss
	report "$name" "$sizetool" "$dir"
	if [ -s "$dir/failed" ]; then
		echo "  FAILED to compile for $name:"
		sed 's/^/    /' "$dir/failed"
		exit 1
	fi
done || status=1
exit $status
