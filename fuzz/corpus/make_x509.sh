#!/bin/sh
# Seed corpus for fuzz_x509: test chains from tests/data/pki with their
# root appended, each as control byte + TLS 1.2 or 1.3 certificate_list.
#   sh fuzz/corpus/make_x509.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)/x509
pki=$here/../../../tests/data/pki
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

hex24() { printf '%06x' "$1"; }

# seed NAME CONTROL TLS13 CERT...
seed() {
	name=$1 ctrl=$2 tls13=$3
	shift 3
	: > "$tmp/body.hex"
	for c in "$@"; do
		openssl x509 -in "$pki/certs/$c.pem" -outform DER -out "$tmp/c.der"
		n=$(wc -c < "$tmp/c.der")
		{ hex24 "$n"; xxd -p "$tmp/c.der" | tr -d '\n'; } >> "$tmp/body.hex"
		[ "$tls13" = 1 ] && printf '0000' >> "$tmp/body.hex"
	done
	len=$(( $(tr -d '\n' < "$tmp/body.hex" | wc -c) / 2 ))
	{ printf '%02x' "$ctrl"; hex24 "$len"; cat "$tmp/body.hex"; } | xxd -r -p > "$here/$name"
}

seed p256_tls12 0 0 leaf_p256 int_p256 root_p256
seed p256_tls13 1 1 leaf_p256 int_p256 root_p256
seed rsa2048 0 0 leaf_rsa2048 int_rsa2048 root_rsa2048
seed pss 1 1 leaf_pss int_pss root_pss
seed ed25519 0 0 leaf_ed25519 int_ed25519 root_ed25519
seed p384_ip 16 0 leaf_ip int_p256 root_p256
seed nc 0 0 leaf_nc_ok int_nc root_p256
seed cross 1 1 leaf_x int_x x_cross root_p256
seed pin_cert 6 0 leaf_p256 int_p256
seed insecure 8 0 leaf_rsa4096 int_rsa4096
seed mixed 0 0 leaf_mixed int_mixed root_rsa4096
