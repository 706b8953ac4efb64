#!/bin/sh
# Generates the X.509 test PKIs used by tests/unit/test_x509.c and the
# `mote verify` CLI tests, with the openssl command line only.
#
#   sh tests/data/pki/gen.sh        (writes into tests/data/pki/)
#
# The outputs are committed, so tests never depend on openssl's randomness
# at run time; rerunning this script regenerates every file (new keys, new
# signatures, same structure). Private keys are not kept.
#
# Dates are fixed (openssl ca -startdate/-enddate) so the tests can use a
# fixed "now": 2025-06-01T00:00:00Z = 1748736000.
#   roots          2020-01-01 .. 2051-01-01 (GeneralizedTime notAfter)
#   intermediates  2021-01-01 .. 2035-01-01
#   leaves         2024-01-01 .. 2030-01-01
#
# Outputs:
#   certs/NAME.pem      one certificate per file
#   chains/CASE.pem     what a server would send: leaf first, then the rest
#   spki/NAME.der       SubjectPublicKeyInfo of each leaf (openssl pkey)
#   pins.txt            "NAME spki-sha256 cert-sha256" per certificate,
#                       computed by openssl (the second implementation)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir keys csr db newcerts
out="$here"
rm -rf "$out/certs" "$out/chains" "$out/spki"
mkdir -p "$out/certs" "$out/chains" "$out/spki"

cat > ca.cnf <<'CNF'
[ca]
default_ca = CA_default
[CA_default]
dir = .
database = db/index.txt
new_certs_dir = newcerts
rand_serial = yes
default_md = $ENV::MD
policy = policy_anything
unique_subject = no
copy_extensions = none
[policy_anything]
commonName = optional
organizationName = optional
countryName = optional
[req]
distinguished_name = dn
[dn]

[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[v3_int]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[v3_int_pl0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign

[v3_int_nonca]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyCertSign,cRLSign

[v3_int_noks]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,cRLSign

[v3_int_eku]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
extendedKeyUsage = clientAuth

[v3_int_nc]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;DNS:example.com,excluded;DNS:bad.example.com,permitted;IP:192.0.2.0/255.255.255.0,excluded;IP:192.0.2.128/255.255.255.128

[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = $ENV::SAN
authorityKeyIdentifier = keyid

[v3_leaf_nosan]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth

[v3_leaf_nods]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyAgreement
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN

[v3_leaf_client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = $ENV::SAN

[v3_leaf_crit]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
1.3.6.1.4.1.55555.1 = critical,DER:05:00
CNF
export OPENSSL_CONF="$work/ca.cnf"
export MD=sha256 SAN="DNS:www.example.com"
touch db/index.txt

# key NAME TYPE
key() {
	case $2 in
	rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out keys/$1.pem 2>/dev/null ;;
	rsa4096) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out keys/$1.pem 2>/dev/null ;;
	p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out keys/$1.pem ;;
	p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out keys/$1.pem ;;
	ed25519) openssl genpkey -algorithm ED25519 -out keys/$1.pem ;;
	esac
}

# cert NAME SUBJECT ISSUER|self EXTSECTION START END [extra openssl ca args]
# MD and SAN come from the environment.
cert() {
	name=$1 subj=$2 issuer=$3 ext=$4 start=$5 end=$6
	shift 6
	openssl req -new -key keys/$name.pem -subj "$subj" -out csr/$name.pem
	if [ "$issuer" = self ]; then
		set -- -selfsign -keyfile keys/$name.pem "$@"
	else
		set -- -cert "$out/certs/$issuer.pem" -keyfile keys/$issuer.pem "$@"
	fi
	openssl ca -batch -notext -preserveDN -config ca.cnf -extensions "$ext" \
		-startdate "$start" -enddate "$end" -in csr/$name.pem \
		-out "$out/certs/$name.pem" "$@" 2>/dev/null
}

ROOT_S=20200101000000Z ROOT_E=20510101000000Z
INT_S=20210101000000Z INT_E=20350101000000Z
LEAF_S=20240101000000Z LEAF_E=20300101000000Z

root() { key $1 $2; cert $1 "$3" self v3_root $ROOT_S $ROOT_E; }
inter() { key $1 $2; cert $1 "$3" $4 ${5:-v3_int} $INT_S $INT_E; }
leaf() { key $1 $2; cert $1 "$3" $4 ${5:-v3_leaf} $LEAF_S $LEAF_E; }

# One chain per key type, root -> intermediate -> leaf.
MD=sha256
root root_rsa2048 rsa2048 "/C=XX/O=Mote Test/CN=Mote Test Root RSA-2048"
inter int_rsa2048 rsa2048 "/C=XX/O=Mote Test/CN=Mote Test Intermediate RSA-2048" root_rsa2048
leaf leaf_rsa2048 rsa2048 "/CN=www.example.com" int_rsa2048

MD=sha384
root root_rsa4096 rsa4096 "/C=XX/O=Mote Test/CN=Mote Test Root RSA-4096"
inter int_rsa4096 rsa4096 "/C=XX/O=Mote Test/CN=Mote Test Intermediate RSA-4096" root_rsa4096
MD=sha512
leaf leaf_rsa4096 rsa4096 "/CN=www.example.com" int_rsa4096

MD=sha256
root root_p256 p256 "/C=XX/O=Mote Test/CN=Mote Test Root P-256"
inter int_p256 p256 "/C=XX/O=Mote Test/CN=Mote Test Intermediate P-256" root_p256
leaf leaf_p256 p256 "/CN=www.example.com" int_p256

MD=sha384
root root_p384 p384 "/C=XX/O=Mote Test/CN=Mote Test Root P-384"
inter int_p384 p384 "/C=XX/O=Mote Test/CN=Mote Test Intermediate P-384" root_p384
leaf leaf_p384 p384 "/CN=www.example.com" int_p384

MD=default
root root_ed25519 ed25519 "/C=XX/O=Mote Test/CN=Mote Test Root Ed25519"
inter int_ed25519 ed25519 "/C=XX/O=Mote Test/CN=Mote Test Intermediate Ed25519" root_ed25519
leaf leaf_ed25519 ed25519 "/CN=www.example.com" int_ed25519

MD=sha256
PSS="-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32"
key root_pss rsa2048
cert root_pss "/C=XX/O=Mote Test/CN=Mote Test Root RSA-PSS" self v3_root $ROOT_S $ROOT_E $PSS
key int_pss rsa2048
cert int_pss "/C=XX/O=Mote Test/CN=Mote Test Intermediate RSA-PSS" root_pss v3_int $INT_S $INT_E \
	-md sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48
key leaf_pss rsa2048
cert leaf_pss "/CN=www.example.com" int_pss v3_leaf $LEAF_S $LEAF_E $PSS

# Mixed: RSA-4096 root -> P-384 intermediate -> P-256 leaf.
MD=sha256
inter int_mixed p384 "/C=XX/O=Mote Test/CN=Mote Test Intermediate Mixed" root_rsa4096
MD=sha384
leaf leaf_mixed p256 "/CN=www.example.com" int_mixed
MD=sha256

# Leaves under int_p256, one per leaf rule.
key leaf_expired p256
cert leaf_expired "/CN=www.example.com" int_p256 v3_leaf 20220101000000Z 20230101000000Z
key leaf_notyet p256
cert leaf_notyet "/CN=www.example.com" int_p256 v3_leaf 20270101000000Z 20300101000000Z
SAN="DNS:*.example.com" leaf leaf_wild p256 "/CN=wildcard" int_p256
SAN="DNS:f*.example.com" leaf leaf_partial p256 "/CN=partial" int_p256
SAN="IP:192.0.2.1,IP:2001:db8::1,DNS:ip.example.com" leaf leaf_ip p256 "/CN=192.0.2.7" int_p256
SAN="DNS:other.example.com" leaf leaf_cn_san p256 "/CN=www.example.com" int_p256
leaf leaf_cn_only p256 "/O=Mote Test/CN=WWW.Example.COM" int_p256 v3_leaf_nosan
leaf leaf_nods p256 "/CN=www.example.com" int_p256 v3_leaf_nods
leaf leaf_client p256 "/CN=www.example.com" int_p256 v3_leaf_client
leaf leaf_crit p256 "/CN=www.example.com" int_p256 v3_leaf_crit
MD=sha1 leaf leaf_sha1 rsa2048 "/CN=www.example.com" int_rsa2048
MD=md5 leaf leaf_md5 rsa2048 "/CN=www.example.com" int_rsa2048
# A self-signed leaf, trusted directly as an anchor.
key leaf_self p256
cert leaf_self "/CN=www.example.com" self v3_leaf $LEAF_S $LEAF_E

# Intermediates under root_p256 that break a CA rule, each with a leaf.
inter int_nonca p256 "/CN=Mote Test Not A CA" root_p256 v3_int_nonca
leaf leaf_nonca p256 "/CN=www.example.com" int_nonca
inter int_noks p256 "/CN=Mote Test No keyCertSign" root_p256 v3_int_noks
leaf leaf_noks p256 "/CN=www.example.com" int_noks
inter int_eku p256 "/CN=Mote Test Client-only CA" root_p256 v3_int_eku
leaf leaf_inteku p256 "/CN=www.example.com" int_eku
key int_expired p256
cert int_expired "/CN=Mote Test Expired CA" root_p256 v3_int 20210101000000Z 20220101000000Z
leaf leaf_intexp p256 "/CN=www.example.com" int_expired
# pathLenConstraint 0 above another CA.
inter int_pl0 p256 "/CN=Mote Test pathlen 0" root_p256 v3_int_pl0
inter int_plsub p256 "/CN=Mote Test below pathlen 0" int_pl0
leaf leaf_pl p256 "/CN=www.example.com" int_plsub
# Depth: root_p256 -> int_p256 -> int_deep -> leaf_deep.
inter int_deep p256 "/CN=Mote Test Deep CA" int_p256
leaf leaf_deep p256 "/CN=www.example.com" int_deep
# Name constraints: permitted example.com and 192.0.2.0/24, excluded
# bad.example.com and 192.0.2.128/25.
inter int_nc p256 "/CN=Mote Test Constrained CA" root_p256 v3_int_nc
SAN="DNS:www.example.com,IP:192.0.2.1" leaf leaf_nc_ok p256 "/CN=www.example.com" int_nc
SAN="DNS:www.evil.com" leaf leaf_nc_dns_out p256 "/CN=www.evil.com" int_nc
SAN="DNS:bad.example.com" leaf leaf_nc_dns_excl p256 "/CN=bad.example.com" int_nc
SAN="IP:198.51.100.1" leaf leaf_nc_ip_out p256 "/CN=ip" int_nc
SAN="IP:192.0.2.200" leaf leaf_nc_ip_excl p256 "/CN=ip" int_nc
# Cross-signing: root_x issues int_x; x_cross carries root_x's name and key
# signed by root_p256.
root root_x p256 "/C=XX/O=Mote Test/CN=Mote Test Root X"
inter int_x p256 "/C=XX/O=Mote Test/CN=Mote Test Intermediate X" root_x
leaf leaf_x p256 "/CN=www.example.com" int_x
openssl req -new -key keys/root_x.pem -subj "/C=XX/O=Mote Test/CN=Mote Test Root X" -out csr/x_cross.pem
openssl ca -batch -notext -preserveDN -config ca.cnf -extensions v3_root \
	-startdate $INT_S -enddate $INT_E -in csr/x_cross.pem \
	-cert "$out/certs/root_p256.pem" -keyfile keys/root_p256.pem \
	-out "$out/certs/x_cross.pem" 2>/dev/null

# A second, expired certificate for int_p256's name and key: a stale copy
# sent before the current one must be passed over, not fail the chain.
openssl req -new -key keys/int_p256.pem -subj "/C=XX/O=Mote Test/CN=Mote Test Intermediate P-256" \
	-out csr/int_p256_old.pem
openssl ca -batch -notext -preserveDN -config ca.cnf -extensions v3_int \
	-startdate 20190101000000Z -enddate 20200601000000Z -in csr/int_p256_old.pem \
	-cert "$out/certs/root_p256.pem" -keyfile keys/root_p256.pem \
	-out "$out/certs/int_p256_old.pem" 2>/dev/null

# A leaf whose signature has its last bit flipped.
openssl x509 -in "$out/certs/leaf_p256.pem" -outform DER -out leaf.der
hex=$(xxd -p leaf.der | tr -d '\n')
last=$(printf '%s' "$hex" | tail -c 2)
flip=$(printf '%02x' $(( 0x$last ^ 1 )))
printf '%s%s' "${hex%??}" "$flip" | xxd -r -p > bad.der
openssl x509 -inform DER -in bad.der -out "$out/certs/leaf_badsig.pem"

# Chains as servers send them.
chain() {
	c=$1
	shift
	: > "$out/chains/$c.pem"
	for n in "$@"; do cat "$out/certs/$n.pem" >> "$out/chains/$c.pem"; done
}
for t in rsa2048 rsa4096 p256 p384 ed25519 pss; do chain $t leaf_$t int_$t; done
chain mixed leaf_mixed int_mixed
for l in expired notyet wild partial ip cn_san cn_only nods client crit badsig; do
	chain $l leaf_$l int_p256
done
chain sha1 leaf_sha1 int_rsa2048
chain md5 leaf_md5 int_rsa2048
chain self leaf_self
chain nonca leaf_nonca int_nonca
chain noks leaf_noks int_noks
chain inteku leaf_inteku int_eku
chain intexp leaf_intexp int_expired
chain pathlen leaf_pl int_plsub int_pl0
chain deep leaf_deep int_deep int_p256
for l in nc_ok nc_dns_out nc_dns_excl nc_ip_out nc_ip_excl; do chain $l leaf_$l int_nc; done
chain root_included leaf_p256 int_p256 root_p256
chain out_of_order leaf_p256 root_p256 int_p256
chain extra leaf_p256 leaf_rsa2048 int_p256 root_x
chain cross leaf_x int_x x_cross
chain leaf_only leaf_p256
chain stale_first leaf_p256 int_p256_old int_p256
chain stale_only leaf_p256 int_p256_old

# Leaf public keys and openssl's pins.
: > "$out/pins.txt"
for f in "$out"/certs/*.pem; do
	n=$(basename "$f" .pem)
	openssl x509 -in "$f" -pubkey -noout | openssl pkey -pubin -outform DER > spki.der
	case $n in leaf_*) cp spki.der "$out/spki/$n.der" ;; esac
	s=$(openssl dgst -sha256 -r spki.der | cut -d' ' -f1)
	c=$(openssl x509 -in "$f" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
	echo "$n $s $c" >> "$out/pins.txt"
done
# openssl verify must agree with the verdict each case is made for
# (test_x509.c asserts Mote's specific error code for the same cases).
NOW=1748736000
expect() {
	c=$1 root=$2 want=$3
	shift 3
	got=$(openssl verify -attime $NOW -x509_strict -purpose sslserver -CAfile "$out/certs/$root.pem" \
		-untrusted "$out/chains/$c.pem" "$@" "$out/chains/$c.pem" 2>&1 || true)
	case $got in
	*"$want"*) ;;
	*) echo "gen.sh: openssl verify $c: expected '$want', got: $got" >&2; exit 1 ;;
	esac
}
for t in rsa2048 rsa4096 p256 p384 ed25519 pss; do expect $t root_$t ": OK" -verify_hostname www.example.com; done
expect mixed root_rsa4096 ": OK"
expect expired root_p256 "certificate has expired"
expect notyet root_p256 "certificate is not yet valid"
expect intexp root_p256 "certificate has expired"
expect p256 root_p256 "hostname mismatch" -verify_hostname other.example.com
expect wild root_p256 ": OK" -verify_hostname a.example.com
expect wild root_p256 "hostname mismatch" -verify_hostname a.b.example.com
# openssl accepts a partial-label wildcard unless told not to
# (X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS); Mote, like browsers, never does.
expect partial root_p256 ": OK" -verify_hostname foo.example.com
expect ip root_p256 ": OK" -verify_ip 192.0.2.1
expect ip root_p256 "mismatch" -verify_ip 192.0.2.7
expect cn_san root_p256 "hostname mismatch" -verify_hostname www.example.com
expect crit root_p256 "unhandled critical extension"
expect client root_p256 "unsuitable certificate purpose"
expect nonca root_p256 "unsuitable certificate purpose"
expect noks root_p256 "key usage does not include certificate signing"
expect inteku root_p256 "unsuitable certificate purpose"
expect pathlen root_p256 "path length constraint exceeded"
expect deep root_p256 ": OK"
expect deep root_p256 "certificate chain too long" -verify_depth 1
expect nc_ok root_p256 ": OK" -verify_hostname www.example.com
expect nc_dns_out root_p256 "permitted subtree violation"
expect nc_dns_excl root_p256 "excluded subtree violation"
expect nc_ip_out root_p256 "permitted subtree violation"
expect nc_ip_excl root_p256 "excluded subtree violation"
expect badsig root_p256 "verification failed"
expect root_included root_p256 ": OK"
expect out_of_order root_p256 ": OK"
expect extra root_p256 ": OK"
expect cross root_p256 ": OK"
expect cross root_x ": OK"
expect p256 root_rsa2048 "unable to get local issuer certificate"
expect stale_first root_p256 ": OK"
expect stale_only root_p256 "certificate has expired"
echo "gen.sh: $(ls "$out/certs" | wc -l) certificates, $(ls "$out/chains" | wc -l) chains, openssl verify agrees"
