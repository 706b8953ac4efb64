#!/bin/sh
# Mote's client (the mote tool) against `gnutls-serv` on loopback:
# record_size_limit (RFC 8449), ChaCha20-Poly1305, AES-256-GCM, resumption.
# usage: gnutls.sh MOTE_TOOL WORKDIR
MOTE=$1
W=$2/v2 # bump when the generated PKI changes (it is cached here)
SUITE=interop_gnutls
mkdir -p "$W"
. "$(dirname "$0")/lib.sh"
need gnutls-serv openssl

client() {
	timeout 20 "$MOTE" client "localhost:$PORT" --ca "$W/ec256/root.pem" "$@" > "$W/c.out" 2>&1
}

[ -f "$W/ec256/leaf.pem" ] || gen_pki ec256 || ko "generate chain"
cat "$W/ec256/leaf.pem" "$W/ec256/inter.pem" > "$W/ec256/full.pem"

start_gnutls
for frag in 512 2048; do
	echo "hello gnutls $frag" | client --max-frag $frag
	expect "record_size_limit $frag" "send <= $frag, receive <= $frag bytes \(record_size_limit\)" \
		"^hello gnutls $frag"
done
stop_server

start_gnutls --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305"
echo "chacha" | client --max-frag 1024
expect "ChaCha20-Poly1305" "suite +TLS_CHACHA20_POLY1305_SHA256" "^chacha"
stop_server

start_gnutls --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-256-GCM"
echo "aes256" | client --max-frag 1024
expect "AES-256-GCM" "suite +TLS_AES_256_GCM_SHA384" "^aes256"
stop_server

start_gnutls
echo "resumed" | client --max-frag 512 --resume
expect "resumption" "tickets +[1-9]" "resumed +yes" "^resumed"
stop_server

finish
