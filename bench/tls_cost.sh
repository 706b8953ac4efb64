#!/bin/sh
# Mote's TLS 1.3 client, measured: bytes held, peak bytes (structures +
# buffers + workspace + measured stack) and instructions per full and per
# resumed handshake (valgrind callgrind, client side only), with 512-byte
# records and a P-256 chain validated up to its root, against OpenSSL's
# server in process (tests/interop/interop_memory.c).
#   bench/tls_cost.sh BUILD_DIR
set -eu
build=${1:?usage: bench/tls_cost.sh BUILD_DIR}
exe="$build/tests/interop_memory"
out=$(mktemp)
trap 'rm -f "$out" "$out.txt"' EXIT

"$exe" | sed -n '/interop_memory: TLS/,/two concurrent/p'
valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect=cost_full \
	--toggle-collect=cost_resumed --toggle-collect=cost_full12 --toggle-collect=cost_resumed12 \
	"$exe" > /dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 "$out" > "$out.txt" 2>/dev/null
for f in cost_full cost_resumed cost_full12 cost_resumed12; do
	ir=$(grep -E "[[:space:]]$f( |$|\\[)|:$f( |$)" "$out.txt" | head -1 | awk '{gsub(",", "", $1); print $1}')
	case $f in
	cost_full) what="full handshake" ;;
	cost_resumed) what="resumed handshake" ;;
	cost_full12) what="TLS 1.2 full" ;;
	*) what="TLS 1.2 resumed" ;;
	esac
	printf "  instructions, %-18s %s\n" "$what" "$ir"
done
