#!/bin/sh
# Regenerates the fixed keys, signatures and shared secrets that bench/pk.c
# measures with, so every run (and every library) works on the same inputs.
#   sh bench/data/gen.sh          (needs the openssl command, 3.x)
# The committed *.pem files are the keys; each *.txt holds, one "name value"
# per line, the raw fields every library can import (big-endian hex unless
# the algorithm is little-endian by definition, as X25519/Ed25519 are),
# the DER encodings OpenSSL and wolfSSL import, and the expected results.
# Re-running makes new keys: commit the PEMs and the .txt files together.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

msg="Mote benchmark: one fixed message signed by every key."
printf '%s' "$msg" >"$tmp/msg"

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }

# "name hex" for each field of `openssl pkey -text`, renamed to the
# fixture vocabulary; RSA values lose the DER sign byte (minimal unsigned).
fields() {
	openssl pkey -in "$1" -text -noout | awk '
	function flush() { if (name != "") print name, hex; name = "" }
	function rename(n) {
		if (n == "modulus") return "n"
		if (n == "privateExponent") return "d"
		if (n == "prime1") return "p"
		if (n == "prime2") return "q"
		if (n == "exponent1") return "dp"
		if (n == "exponent2") return "dq"
		if (n == "coefficient") return "qinv"
		if (n == "priv" || n == "pub") return n
		return ""
	}
	/^[^ ]/ {
		flush()
		if ($1 == "publicExponent:") {
			e = substr($3, 4, length($3) - 4)
			if (length(e) % 2) e = "0" e
			print "e", e
		} else if ($0 ~ /:$/) {
			name = rename(substr($0, 1, length($0) - 1)); hex = ""
		}
		next
	}
	name != "" { gsub(/[ :]/, ""); hex = hex $0 }
	END { flush() }' | awk '$1 ~ /^(n|d|p|q|dp|dq|qinv)$/ { sub(/^(00)+/, "", $2) } { print }'
}

# Left-pads hex $1 with zero bytes to $2 bytes (EC scalars may print short).
pad() { printf '%s' "$1" | awk -v n="$2" '{ while (length($0) < 2 * n) $0 = "0" $0; print }'; }

# r||s, each padded to $2 bytes, from a DER ECDSA signature file $1.
der_sig_raw() {
	openssl asn1parse -inform DER -in "$1" | awk -F: '/INTEGER/ { print $NF }' |
		while read -r v; do pad "$(printf '%s' "$v" | tr 'A-F' 'a-f')" "$2"; done | tr -d '\n'
}

pub_der() { openssl pkey -in "$1" -pubout -outform DER -out "$tmp/pub.der"; hex "$tmp/pub.der"; }
priv_der() { openssl pkey -in "$1" -outform DER -out "$tmp/priv.der"; hex "$tmp/priv.der"; }
field() { fields "$1" | awk -v f="$2" '$1 == f { print $2 }'; }

gen_rsa() {
	bits=$1
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$bits" -out "rsa$bits.pem" 2>/dev/null
	openssl dgst -sha256 -binary -out "$tmp/hash" "$tmp/msg"
	openssl pkeyutl -sign -inkey "rsa$bits.pem" -pkeyopt digest:sha256 \
		-in "$tmp/hash" -out "$tmp/sig"
	{
		echo "# RSA-$bits, PKCS#1 v1.5 signature with SHA-256 over msg"
		fields "rsa$bits.pem"
		echo "priv_der $(priv_der "rsa$bits.pem")"
		echo "pub_der $(pub_der "rsa$bits.pem")"
		echo "msg $(hex "$tmp/msg")"
		echo "hash $(hex "$tmp/hash")"
		echo "sig $(hex "$tmp/sig")"
	} >"rsa$bits.txt"
}

gen_ec() {
	name=$1 curve=$2 size=$3 md=$4
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$curve" -out "$name.pem"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$curve" -out "$name-peer.pem"
	openssl pkey -in "$name-peer.pem" -pubout -out "$tmp/peer.pub"
	openssl pkeyutl -derive -inkey "$name.pem" -peerkey "$tmp/peer.pub" -out "$tmp/shared"
	openssl dgst -"$md" -binary -out "$tmp/hash" "$tmp/msg"
	openssl pkeyutl -sign -inkey "$name.pem" -in "$tmp/hash" -out "$tmp/sig"
	{
		echo "# $curve: ECDH with the peer key, ECDSA signature with ${md} over msg"
		echo "priv $(pad "$(field "$name.pem" priv)" "$size")"
		echo "pub $(field "$name.pem" pub)"
		echo "priv_der $(priv_der "$name.pem")"
		echo "pub_der $(pub_der "$name.pem")"
		echo "peer_pub $(field "$name-peer.pem" pub)"
		echo "peer_pub_der $(pub_der "$name-peer.pem")"
		echo "shared $(hex "$tmp/shared")"
		echo "msg $(hex "$tmp/msg")"
		echo "hash $(hex "$tmp/hash")"
		echo "sig_der $(hex "$tmp/sig")"
		echo "sig_raw $(der_sig_raw "$tmp/sig" "$size")"
	} >"$name.txt"
}

gen_x25519() {
	openssl genpkey -algorithm X25519 -out x25519.pem
	openssl genpkey -algorithm X25519 -out x25519-peer.pem
	openssl pkey -in x25519-peer.pem -pubout -out "$tmp/peer.pub"
	openssl pkeyutl -derive -inkey x25519.pem -peerkey "$tmp/peer.pub" -out "$tmp/shared"
	{
		echo "# X25519 (RFC 7748, little-endian strings): shared = X25519(priv, peer_pub)"
		echo "priv $(field x25519.pem priv)"
		echo "pub $(field x25519.pem pub)"
		echo "priv_der $(priv_der x25519.pem)"
		echo "peer_pub $(field x25519-peer.pem pub)"
		echo "peer_pub_der $(pub_der x25519-peer.pem)"
		echo "shared $(hex "$tmp/shared")"
	} >x25519.txt
}

gen_ed25519() {
	openssl genpkey -algorithm ED25519 -out ed25519.pem
	openssl pkeyutl -sign -rawin -inkey ed25519.pem -in "$tmp/msg" -out "$tmp/sig"
	{
		echo "# Ed25519 (RFC 8032) signature over msg"
		echo "pub $(field ed25519.pem pub)"
		echo "pub_der $(pub_der ed25519.pem)"
		echo "msg $(hex "$tmp/msg")"
		echo "sig $(hex "$tmp/sig")"
	} >ed25519.txt
}

gen_rsa 2048
gen_rsa 3072
gen_rsa 4096
gen_ec p256 P-256 32 sha256
gen_ec p384 P-384 48 sha384
gen_x25519
gen_ed25519
echo "bench/data: keys and fixtures regenerated"
