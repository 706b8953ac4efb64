#!/bin/sh
# `mote verify` and `mote ta` from the command line, on the test PKI.
#   sh tests/cli/x509.sh MOTE_BINARY SOURCE_DIR
# Checks the printed verdict and the exit status (0 only when valid) for
# valid chains and for failing ones, in both TLS framings and chunkings,
# and that `mote ta` converts a bundle into C source that compiles.
set -eu
mote=$1
src=$2
pki=$src/tests/data/pki
now=1748736000
fails=0
runs=0

# check WANT_OUTPUT WANT_EXIT ARGS...
check() {
	want=$1 want_rc=$2
	shift 2
	rc=0
	got=$("$mote" verify "$@" 2>/dev/null) || rc=$?
	runs=$((runs + 1))
	if [ "$got" != "$want" ] || [ "$rc" != "$want_rc" ]; then
		echo "FAIL: mote verify $*: got '$got' (exit $rc), want '$want' (exit $want_rc)" >&2
		fails=$((fails + 1))
	fi
}

for chunk in "" "--chunk 1" "--chunk 7"; do
	for v in "" --tls13; do
		# shellcheck disable=SC2086
		check OK 0 --chain $pki/chains/p256.pem --ca $pki/certs/root_p256.pem \
			--host www.example.com --time $now $chunk $v
		check MOTE_ERR_X509_NAME_MISMATCH 1 --chain $pki/chains/p256.pem \
			--ca $pki/certs/root_p256.pem --host other.example.com --time $now $chunk $v
	done
done
check OK 0 --chain $pki/chains/rsa4096.pem --ca $pki/certs/root_rsa4096.pem --time $now
check OK 0 --chain $pki/chains/ip.pem --ca $pki/certs/root_p256.pem --ip 2001:db8::1 --time $now
check OK 0 --chain $pki/chains/client.pem --ca $pki/certs/root_p256.pem --purpose client --time $now
check MOTE_ERR_X509_EXT_KEY_USAGE 1 --chain $pki/chains/client.pem --ca $pki/certs/root_p256.pem \
	--purpose server --time $now
check MOTE_ERR_X509_EXPIRED 1 --chain $pki/chains/expired.pem --ca $pki/certs/root_p256.pem --time $now
check MOTE_ERR_X509_DEPTH 1 --chain $pki/chains/deep.pem --ca $pki/certs/root_p256.pem --time $now \
	--max-depth 2
check MOTE_ERR_X509_UNTRUSTED 1 --chain $pki/chains/p256.pem --ca $pki/certs/root_rsa2048.pem \
	--time $now
check MOTE_ERR_BAD_SIGNATURE 1 --chain $pki/chains/badsig.pem --ca $pki/certs/root_p256.pem --time $now
# Compiled-in anchors (the system bundle at build time): the test PKI is
# not in it; a bundle root sent alone is trusted as itself.
check MOTE_ERR_X509_UNTRUSTED 1 --chain $pki/chains/p256.pem --anchors --time $now
# Usage errors: exit 2.
check "" 2 --chain $pki/chains/p256.pem
check "" 2 --chain $pki/chains/p256.pem --ca $pki/certs/root_p256.pem --anchors

# mote ta: the test roots into C that compiles.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat $pki/certs/root_*.pem > "$tmp/roots.pem"
runs=$((runs + 1))
if ! "$mote" ta --name test_anchors -o "$tmp/anchors.c" "$tmp/roots.pem" 2>"$tmp/ta.log"; then
	echo "FAIL: mote ta: $(cat "$tmp/ta.log")" >&2
	fails=$((fails + 1))
elif ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror -I"$src/include" -c "$tmp/anchors.c" \
	-o "$tmp/anchors.o"; then
	echo "FAIL: mote ta output does not compile" >&2
	fails=$((fails + 1))
fi
n=$(grep -c "^	{/\* " "$tmp/anchors.c" || true)
runs=$((runs + 1))
if [ "$n" != "$(grep -c 'BEGIN CERTIFICATE' "$tmp/roots.pem")" ]; then
	echo "FAIL: mote ta wrote $n anchors" >&2
	fails=$((fails + 1))
fi
# A bundle that is not PEM: exit 1 with the error.
printf 'not a certificate\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n' \
	> "$tmp/bad.pem"
runs=$((runs + 1))
if "$mote" ta "$tmp/bad.pem" > /dev/null 2>&1; then
	echo "FAIL: mote ta accepted a malformed bundle" >&2
	fails=$((fails + 1))
fi

echo "cli x509: $runs runs, $fails failed"
[ "$fails" = 0 ]
