#!/bin/sh
# Key fixtures for tests/unit/test_pkey.c and test_pem.c, made with the
# openssl CLI (OpenSSL 3.0). The outputs are committed; run this again only
# to replace them. For each key NAME it writes:
#   NAME.pkcs8.pem / .der   PKCS#8 PrivateKeyInfo
#   NAME.pkcs1.pem / .der   PKCS#1 RSAPrivateKey        (RSA)
#   NAME.sec1.pem / .der    SEC1 ECPrivateKey           (EC)
#   NAME.spki.pem / .der    SubjectPublicKeyInfo
#   NAME.txt                the components as OpenSSL prints them
#                           ("openssl pkey -text"), one "field hex" per line,
#                           so the test compares against OpenSSL's decoding
# plus negative fixtures (explicit EC parameters, keys of algorithms Mote
# does not parse) and bundle.pem (several blocks in one file).
set -eu
cd "$(dirname "$0")"
rm -f ./*.pem ./*.der ./*.txt

# "openssl pkey -text" output to "field hex" lines: a field header
# ("modulus:", "priv:") followed by indented hex lines, or a one-line field
# ("publicExponent: 65537 (0x10001)", "ASN1 OID: prime256v1").
components() {
	openssl pkey -in "$1" -noout -text | text_fields > "$2"
}

text_fields() {
	awk '
	function flush() { if (name != "" && hex != "") print name, hex; name = ""; hex = "" }
	/^[A-Za-z]/ {
		flush()
		i = index($0, ":")
		name = substr($0, 1, i - 1)
		gsub(/ /, "_", name)
		rest = substr($0, i + 1)
		if (match(rest, /\(0x[0-9a-fA-F]+\)/)) {
			hex = tolower(substr(rest, RSTART + 3, RLENGTH - 4))
			if (length(hex) % 2) hex = "0" hex
			flush()
		} else if (rest ~ /[^ ]/) {
			sub(/^ +/, "", rest)
			print name, rest
			name = ""
		}
		next
	}
	/^ +[0-9a-f:]+$/ { line = $0; gsub(/[ :]/, "", line); hex = hex line }
	END { flush() }'
}

public() {
	openssl pkey -in "$1.pkcs8.pem" -pubout -out "$1.spki.pem"
	openssl pkey -in "$1.pkcs8.pem" -pubout -outform DER -out "$1.spki.der"
}

pkcs8() {
	openssl pkcs8 -topk8 -nocrypt -in "$1.pkcs8.pem" -outform DER -out "$1.pkcs8.der"
	components "$1.pkcs8.pem" "$1.txt"
	public "$1"
}

for spec in rsa2048_e65537:2048:65537 rsa2048_e3:2048:3 rsa4096_e65537:4096:65537 rsa4096_e3:4096:3; do
	name=${spec%%:*}
	rest=${spec#*:}
	openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${rest%%:*}" \
		-pkeyopt "rsa_keygen_pubexp:${rest#*:}" -out "$name.pkcs8.pem" 2>/dev/null
	openssl rsa -in "$name.pkcs8.pem" -traditional -out "$name.pkcs1.pem" 2>/dev/null
	openssl rsa -in "$name.pkcs8.pem" -traditional -outform DER -out "$name.pkcs1.der" 2>/dev/null
	pkcs8 "$name"
done

for spec in ec_p256:P-256 ec_p384:P-384; do
	name=${spec%%:*}
	openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${spec#*:}" \
		-pkeyopt ec_param_enc:named_curve -out "$name.pkcs8.pem"
	openssl ec -in "$name.pkcs8.pem" -out "$name.sec1.pem" 2>/dev/null
	openssl ec -in "$name.pkcs8.pem" -outform DER -out "$name.sec1.der" 2>/dev/null
	# SEC1 without the optional public key.
	openssl ec -in "$name.pkcs8.pem" -no_public -outform DER -out "$name.nopub.sec1.der" 2>/dev/null
	# Explicit curve parameters: Mote supports named curves only.
	openssl ec -in "$name.pkcs8.pem" -param_enc explicit -outform DER \
		-out "$name.explicit.sec1.der" 2>/dev/null
	openssl ec -in "$name.pkcs8.pem" -param_enc explicit -pubout -outform DER \
		-out "$name.explicit.spki.der" 2>/dev/null
	openssl pkcs8 -topk8 -nocrypt -in "$name.explicit.sec1.der" -inform DER -outform DER \
		-out "$name.explicit.pkcs8.der"
	pkcs8 "$name"
done

for alg in ED25519 X25519; do
	name=$(echo "$alg" | tr 'A-Z' 'a-z')
	openssl genpkey -algorithm "$alg" -out "$name.pkcs8.pem"
	pkcs8 "$name"
done

# The curves' orders as OpenSSL knows them (EC private key range checks).
openssl ecparam -name prime256v1 -param_enc explicit -noout -text | text_fields > p256_params.txt
openssl ecparam -name secp384r1 -param_enc explicit -noout -text | text_fields > p384_params.txt

# Algorithms Mote does not parse: the SPKI is well-formed, the OID unknown.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out other_p521.pkcs8.pem
openssl genpkey -algorithm ED448 -out other_ed448.pkcs8.pem
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out other_rsapss.pkcs8.pem 2>/dev/null
for name in other_p521 other_ed448 other_rsapss; do
	openssl pkcs8 -topk8 -nocrypt -in "$name.pkcs8.pem" -outform DER -out "$name.pkcs8.der"
	public "$name"
done

# Several blocks, with explanatory text and CRLF line ends, in one file.
{
	echo "Keys for test_pem: text outside the blocks is ignored."
	cat ec_p256.sec1.pem rsa2048_e3.spki.pem
	echo "# a comment between blocks"
	sed 's/$/\r/' ed25519.pkcs8.pem
	cat ec_p384.spki.pem
} > bundle.pem
