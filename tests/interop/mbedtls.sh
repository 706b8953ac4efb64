#!/bin/sh
# Mote's client (the mote tool) against a small Mbed TLS 2.28 server
# (mbedtls_server.c, TLS 1.2 only) on loopback: ECDSA and RSA chains,
# max_fragment_length, ticket resumption. Mbed TLS 2.28 does not split
# handshake messages over records in TLS (only in DTLS): its Certificate
# message does not fit max_fragment_length 512, so 2048 is used here.
# usage: mbedtls.sh MOTE_TOOL WORKDIR MBEDTLS_SERVER
MOTE=$1
W=$2/v2
SERVER=$3
SUITE=interop_mbedtls
mkdir -p "$W"
. "$(dirname "$0")/lib.sh"
need openssl

# start_mbedtls KIND CONNECTIONS
start_mbedtls() {
	cat "$W/$1/leaf.pem" "$W/$1/inter.pem" > "$W/$1/full.pem"
	for try in 1 2 3; do
		pick_port
		"$SERVER" "$PORT" "$W/$1/full.pem" "$W/$1/leaf.key" "$2" > "$W/s.out" 2>&1 &
		SRV_PID=$!
		wait_listen && return 0
		stop_server
	done
	echo "cannot start mbedtls_server"
	return 1
}

client() {
	timeout 20 "$MOTE" client "localhost:$PORT" --ca "$W/$KIND/root.pem" "$@" > "$W/c.out" 2>&1
}

for k in ec256 rsa2048; do
	[ -f "$W/$k/leaf.pem" ] || gen_pki $k || ko "generate $k chain"
done

for KIND in ec256 rsa2048; do
	start_mbedtls $KIND 1
	echo "hello $KIND" | client --max-frag 2048
	expect "$KIND chain, MFLN 2048" "version +TLS 1.2" "receive <= 2048" "^mbedtls hello $KIND"
	stop_server
done

KIND=ec256
start_mbedtls ec256 2
echo "again" | client --max-frag 2048 --resume
expect "ticket resumption" "version +TLS 1.2" "tickets +1" "resumed +yes" "^mbedtls again"
stop_server

finish
