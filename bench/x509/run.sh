#!/bin/sh
# Builds and runs bench/x509/x509_vs_bearssl.c against build/libmote.a
# and the system BearSSL (libbearssl-dev).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/build/libmote.a" ] || { cmake -S "$root" -B "$root/build" >/dev/null && cmake --build "$root/build" -j2 >/dev/null; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
${CC:-cc} -O2 -std=c11 -I"$root/include" -I"$root/tests/lib" -I"$root/tests/unit" \
	-I/usr/include/bearssl "$root/bench/x509/x509_vs_bearssl.c" "$root/tests/lib/stackpaint.c" \
	"$root/build/libmote.a" \
	-lbearssl -o "$out/x509_vs_bearssl"
MOTE_TEST_DATA="$root/tests/data" "$out/x509_vs_bearssl"
