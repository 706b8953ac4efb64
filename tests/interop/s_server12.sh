#!/bin/sh
# Mote's client (the mote tool) against `openssl s_server -tls1_2` on
# loopback: each TLS 1.2 suite with ECDSA and RSA chains, each group,
# max_fragment_length 512, session-ID and ticket resumption, failures.
# usage: s_server12.sh MOTE_TOOL WORKDIR
MOTE=$1
W=$2/v2 # shares the PKI cache of s_server.sh
SUITE=interop_s_server12
mkdir -p "$W"
. "$(dirname "$0")/lib.sh"
need openssl

KIND=ec256
client() {
	timeout 20 "$MOTE" client "localhost:$PORT" --ca "$W/$KIND/root.pem" "$@" > "$W/c.out" 2>&1
}
GET='GET / HTTP/1.0\r\n\r\n'

for k in ec256 ec384 rsa2048 rsa4096; do
	[ -f "$W/$k/leaf.pem" ] || gen_pki $k || ko "generate $k chain"
done

# Each suite, ECDSA and RSA chains, full records and MFLN 512.
for auth in ECDSA RSA; do
	[ $auth = ECDSA ] && KIND=ec256 || KIND=rsa2048
	for s in AES128-GCM-SHA256 AES256-GCM-SHA384 CHACHA20-POLY1305; do
		for frag in 16384 512; do
			start_s_server $KIND -tls1_2 -cipher "ECDHE-$auth-$s" -www
			printf "$GET" | client --max-frag $frag
			expect "ECDHE-$auth-$s records $frag" "version +TLS 1.2" "HTTP/1.0 200 ok" \
				"receive <= $frag"
			stop_server
		done
	done
done

# Groups.
KIND=ec256
for g in X25519:x25519 P-256:secp256r1 P-384:secp384r1; do
	start_s_server ec256 -tls1_2 -groups "${g%%:*}" -www
	printf "$GET" | client
	expect "group ${g#*:}" "version +TLS 1.2" "group +${g#*:}" "HTTP/1.0 200 ok"
	stop_server
done

# ServerKeyExchange signatures with each key type.
for k in ec256 ec384 rsa2048 rsa4096; do
	KIND=$k
	case $k in
	ec256) sig=ecdsa_secp256r1_sha256 ;;
	ec384) sig="ecdsa_secp(256|384)r1_sha(256|384)" ;;
	rsa*) sig=rsa_pss_rsae_sha256 ;;
	esac
	start_s_server $k -tls1_2 -www
	printf "$GET" | client --max-frag 1024
	expect "$k chain" "version +TLS 1.2" "signature +$sig" "HTTP/1.0 200 ok"
	stop_server
done
# The largest ServerKeyExchange (P-384 point, RSA-4096 signature: 617
# bytes) spanning 512-byte records: reassembled.
KIND=rsa4096
start_s_server rsa4096 -tls1_2 -groups P-384 -www
printf "$GET" | client --max-frag 512
expect "RSA-4096 + P-384 ServerKeyExchange over 512-byte records" "group +secp384r1" \
	"HTTP/1.0 200 ok"
stop_server
# rsa_pkcs1 in ServerKeyExchange when PSS is not acceptable to the server.
KIND=rsa2048
start_s_server rsa2048 -tls1_2 -sigalgs RSA+SHA384 -www
printf "$GET" | client
expect "rsa_pkcs1_sha384 ServerKeyExchange" "signature +rsa_pkcs1_sha384" "HTTP/1.0 200 ok"
stop_server
KIND=ec256

# Resumption: session ID (no tickets), then RFC 5077 tickets.
start_s_server ec256 -tls1_2 -no_ticket -www
printf "$GET" | client --max-frag 512 --resume
expect "session-ID resumption" "tickets +1 stored" "resumed +yes" "version +TLS 1.2" \
	"HTTP/1.0 200 ok"
stop_server
start_s_server ec256 -tls1_2 -www
printf "$GET" | client --max-frag 512 --resume
expect "ticket resumption" "tickets +1 stored" "resumed +yes" "version +TLS 1.2" "HTTP/1.0 200 ok"
stop_server

# A TLS 1.3-capable server still gets TLS 1.3; TLS 1.3 only refuses 1.2.
start_s_server ec256 -www
printf "$GET" | client
expect "1.3 preferred" "version +TLS 1.3" "HTTP/1.0 200 ok"
stop_server
start_s_server ec256 -tls1_2 -www
printf 'x' | client --no-tls12
expect "TLS 1.3 only" "protocol_version"
stop_server

# Certificate failures (EMS, downgrade and the rest: interop_tls12.c).
start_s_server ec256 -tls1_2 -www
printf 'x' | timeout 20 "$MOTE" client "127.0.0.1:$PORT" --ca "$W/$KIND/root.pem" > "$W/c.out" 2>&1
expect "wrong host name" "MOTE_ERR_X509_NAME_MISMATCH" "alert sent: bad_certificate"
printf 'x' | client --ca "$W/ec384/root.pem"
expect "untrusted root" "MOTE_ERR_X509_UNTRUSTED" "alert sent: unknown_ca"
stop_server

finish
