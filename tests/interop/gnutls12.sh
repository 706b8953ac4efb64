#!/bin/sh
# Mote's client (the mote tool) against `gnutls-serv` restricted to TLS
# 1.2: record_size_limit, each suite, session-ID and ticket resumption.
# usage: gnutls12.sh MOTE_TOOL WORKDIR
MOTE=$1
W=$2/v2
SUITE=interop_gnutls12
mkdir -p "$W"
. "$(dirname "$0")/lib.sh"
need gnutls-serv openssl

P12="NORMAL:-VERS-ALL:+VERS-TLS1.2"
client() {
	timeout 20 "$MOTE" client "localhost:$PORT" --ca "$W/ec256/root.pem" "$@" > "$W/c.out" 2>&1
}

[ -f "$W/ec256/leaf.pem" ] || gen_pki ec256 || ko "generate chain"
cat "$W/ec256/leaf.pem" "$W/ec256/inter.pem" > "$W/ec256/full.pem"

start_gnutls --priority "$P12"
for frag in 512 2048; do
	echo "hello gnutls $frag" | client --max-frag $frag
	expect "TLS 1.2 records $frag" "version +TLS 1.2" "receive <= ($frag|$((frag + 1)))" "^hello gnutls $frag"
done
stop_server

for c in AES-128-GCM:ECDSA_WITH_AES_128_GCM_SHA256 AES-256-GCM:ECDSA_WITH_AES_256_GCM_SHA384 \
	CHACHA20-POLY1305:ECDSA_WITH_CHACHA20_POLY1305_SHA256; do
	start_gnutls --priority "$P12:-CIPHER-ALL:+${c%%:*}"
	echo "${c%%:*}" | client --max-frag 1024
	expect "${c%%:*}" "version +TLS 1.2" "suite +TLS_ECDHE_${c#*:}" "^${c%%:*}"
	stop_server
done

start_gnutls --priority "$P12"
echo "resumed" | client --max-frag 512 --resume
expect "ticket resumption" "tickets +1" "resumed +yes" "^resumed"
stop_server
start_gnutls --priority "$P12" --noticket
echo "resumed" | client --max-frag 512 --resume
expect "session-ID resumption" "tickets +1" "resumed +yes" "^resumed"
stop_server

finish
