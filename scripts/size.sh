#!/bin/sh
# Code size of the core library (src/common, src/crypto, src/x509, src/tls)
# for microcontroller targets, per object file and per module, in bytes.
#   sh scripts/size.sh [--json FILE] [--out DIR]
# Each core source is compiled on its own with the target's -Os flags and
# -ffunction-sections -fdata-sections. Columns: the object's text, data
# and bss as `size` reports them (every implementation variant compiled
# in, before any link), and "linked": the text the object keeps when all
# objects are linked with --gc-sections and every public function as a
# root (link_all). The linked total is the size of the whole public API
# for that target; an application that calls less carries less.
# Compiler warnings are shown; files that fail to compile are listed and
# make the script fail.
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
# that declares those four and strlen (scripts/size-include/string.h).
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

# Links every object with the public API (each mote_* function a public
# header names) as garbage-collection roots: what an application calling
# all of it would carry, with only the implementation variants the
# target's configuration selects. Variants that headers expose for tests
# (suffixes _ct, _ct32, _ct64, _vec4, _16, _32, _64) are not roots: the
# dispatching function pulls in the one the configuration selects. libgcc helpers are counted; the C
# library (memcpy, memset) is not. Writes the ELF and its link map.
link_all() {
	cc=$1 flags=$2 dir=$3
	objs=$(cd "$dir" && find . -name '*.o' | sed 's|^\./||' | sort)
	roots=$(grep -ohw 'mote_[a-z0-9_]*' "$root"/include/mote/*.h | sort -u |
		grep -Ev '_(ct|ct16|ct32|ct64|vec4|16|32|64)$' |
		while read -r sym; do printf -- '-Wl,-u,%s ' "$sym"; done)
	(cd "$dir" && $cc $flags -nostdlib -Wl,--gc-sections -Wl,-e,0 $roots $objs -lgcc \
		-Wl,--unresolved-symbols=ignore-all -Wl,-Map,linked.map -o linked.elf)
}

# "object text data bss" of what each object keeps in the link map.
map_sizes() {
	awk '
	function hex(s,   i, n) {
		n = 0; s = tolower(substr(s, 3))
		for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	function add(sec, sz, f,   n) {
		n = hex(sz)
		if (f ~ /libgcc\.a\(/) f = "libgcc"
		else if (f !~ /\.o$/) return
		if (n == 0) return
		if (sec ~ /^\.s?bss/ || sec == "COMMON") b[f] += n
		else if (sec ~ /^\.s?data/) d[f] += n
		else if (sec ~ /^\.(text|rodata|srodata)/) t[f] += n
		else return
		seen[f] = 1
	}
	/^Linker script and memory map/ { on = 1; next }
	!on { next }
	/^ [.A-Z][^ ]*$/ { pend = $1; next }
	/^ [.A-Z]/ && NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/ { add($1, $3, $4); pend = ""; next }
	/^  +0x/ && NF == 3 && $2 ~ /^0x/ && pend != "" { add(pend, $2, $3); pend = ""; next }
	{ pend = "" }
	END { for (f in seen) print f, t[f] + 0, d[f] + 0, b[f] + 0 }' "$1"
}

# Per-object table (compiled text/data/bss, and text kept in the link),
# module subtotals and totals; appends JSON.
report() {
	name=$1 sizetool=$2 dir=$3
	map_sizes "$dir/linked.map" >"$dir/linked.txt"
	(cd "$dir" && find . -name '*.o' | sed 's|^\./||' | sort | xargs -r "$sizetool" -B) |
	awk -v name="$name" -v json="$json" -v linked="$dir/linked.txt" '
	function line(label, t, d, b, l) { printf "  %-30s %8d %8d %8d %8d\n", label, t, d, b, l }
	function out(metric, v) {
		if (json != "")
			printf "{\"metric\": \"size-%s-%s\", \"unit\": \"bytes\", \"library\": \"mote\", \"value\": %d}\n", name, metric, v >> json
	}
	function flush() {
		if (mod == "") return
		line(mod " total", mt, md, mb, ml)
		out(mod "-text", mt); out(mod "-linked-text", ml)
		mt = md = mb = ml = 0
	}
	BEGIN {
		while ((getline l < linked) > 0) {
			split(l, f, " "); lt[f[1]] = f[2]
			tot[1] += f[2]; tot[2] += f[3]; tot[3] += f[4]
		}
	}
	NR == 1 { next }
	{
		split($6, p, "/"); m = p[1]
		if (m != mod) { flush(); mod = m }
		line($6, $1, $2, $3, lt[$6])
		mt += $1; md += $2; mb += $3; ml += lt[$6]; tt += $1; td += $2; tb += $3
	}
	END {
		flush()
		printf "  %-30s %8s %8s %8s %8d\n", "libgcc helpers", "-", "-", "-", lt["libgcc"]
		printf "  %-30s %8d %8d %8d %8s\n", "TOTAL compiled", tt, td, tb, "-"
		printf "  %-30s %8d %8d %8d   (public API as roots, --gc-sections, + libgcc)\n", "TOTAL linked", tot[1], tot[2], tot[3]
		out("text", tt); out("data", td); out("bss", tb)
		out("linked-text", tot[1]); out("linked-data", tot[2]); out("linked-bss", tot[3])
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
	echo "== $name: $cc $($cc -dumpversion) $tflags -Os -ffunction-sections -fdata-sections${extra:+ -ffreestanding (no libc headers: mem*, strlen declared by scripts/size-include/string.h)}"
	compile_all "$cc" "$flags" "$dir"
	if [ -s "$dir/failed" ]; then
		echo "  FAILED to compile for $name:"
		sed 's/^/    /' "$dir/failed"
		exit 1
	fi
	link_all "$cc" "$tflags" "$dir"
	printf '  %-30s %8s %8s %8s %8s\n' "object (bytes)" text data bss linked
	report "$name" "$sizetool" "$dir"
done || status=1
exit $status
