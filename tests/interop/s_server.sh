#!/bin/sh
# Mote's client (the mote tool) against `openssl s_server` on loopback:
# each suite, record sizes, server chains of every key type, resumption,
# KeyUpdate requested by the server, 1 MB each way with content checked.
# usage: s_server.sh MOTE_TOOL WORKDIR
MOTE=$1
W=$2/v2 # bump when the generated PKI changes (it is cached here)
SUITE=interop_s_server
mkdir -p "$W"
. "$(dirname "$0")/lib.sh"
need openssl

# The chain is validated up to the root of the kind in use.
KIND=ec256
client() {
	timeout 20 "$MOTE" client "localhost:$PORT" --ca "$W/$KIND/root.pem" "$@" > "$W/c.out" 2>&1
}

for k in ec256 ec384 rsa2048 rsa4096 ed25519; do
	[ -f "$W/$k/leaf.pem" ] || gen_pki $k || ko "generate $k chain"
done

for s in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
	for frag in 16384 512; do
		start_s_server ec256 -tls1_3 -ciphersuites $s -groups X25519 -www
		printf 'GET / HTTP/1.0\r\n\r\n' | client --max-frag $frag
		expect "$s records $frag" "suite +$s" "group +x25519" "HTTP/1.0 200 ok" \
			"receive <= $frag"
		stop_server
	done
done

for k in ec256 ec384 rsa2048 rsa4096 ed25519; do
	KIND=$k
	start_s_server $k -tls1_3 -www
	printf 'GET / HTTP/1.0\r\n\r\n' | client --max-frag 1024
	case $k in
	ec256) sig=ecdsa_secp256r1_sha256 ;;
	ec384) sig=ecdsa_secp384r1_sha384 ;;
	rsa*) sig=rsa_pss_rsae_sha256 ;;
	ed25519) sig=ed25519 ;;
	esac
	expect "$k chain" "signature +$sig" "HTTP/1.0 200 ok"
	stop_server
done
KIND=ec256

# Groups: P-256 asked for by HelloRetryRequest, or offered first.
start_s_server ec256 -tls1_3 -groups P-256 -www
printf 'GET / HTTP/1.0\r\n\r\n' | client
expect "HelloRetryRequest to P-256" "group +secp256r1" "after HelloRetryRequest" "HTTP/1.0 200 ok"
stop_server
start_s_server ec256 -tls1_3 -www
printf 'GET / HTTP/1.0\r\n\r\n' | client --group p256 --group x25519
expect "P-256 share" "group +secp256r1" "HTTP/1.0 200 ok"
stop_server

# Validation failures: the error and the alert the client sent.
start_s_server ec256 -tls1_3 -www
printf 'x' | timeout 20 "$MOTE" client "127.0.0.1:$PORT" --ca "$W/$KIND/root.pem" > "$W/c.out" 2>&1
expect "wrong host name" "MOTE_ERR_X509_NAME_MISMATCH" "alert sent: bad_certificate"
printf 'x' | client --ca "$W/ec384/root.pem"
expect "untrusted root" "MOTE_ERR_X509_UNTRUSTED" "alert sent: unknown_ca"
stop_server

start_s_server ec256 -tls1_3 -www
printf 'GET / HTTP/1.0\r\n\r\n' | client --max-frag 512 --resume
expect "ticket resumption" "tickets +2 stored" "resumed +yes" "signature +none" "HTTP/1.0 200 ok"
stop_server

# KeyUpdate: s_server reads "K" on its stdin as "send a KeyUpdate and
# request one"; the line after it is sent under the new keys. The fifo is
# opened read-write first so that s_server's open of it does not block.
rm -f "$W/srv.in"
mkfifo "$W/srv.in"
exec 3<>"$W/srv.in"
SRV_IN="$W/srv.in"
start_s_server ec256 -tls1_3
(sleep 1.2; echo "client to server") | client --max-frag 512 -q &
cpid=$!
sleep 0.6
echo K >&3
sleep 0.2
echo "after the key update" >&3
wait $cpid
expect "server KeyUpdate" "after the key update"
if grep -qx K "$W/c.out"; then ko "K was a command, not data"; fi
if grep -q "client to server" "$W/s.out"; then ok "client data after KeyUpdate"; else
	ko "client data after KeyUpdate"; fi
stop_server
exec 3>&-
SRV_IN=""

# 1 MB each way, content compared.
head -c 1048576 /dev/urandom > "$W/big.bin"
rm -f "$W/big.in"
mkfifo "$W/big.in"
exec 4<>"$W/big.in"
SRV_IN="$W/big.in"
start_s_server ec256 -tls1_3 -quiet -naccept 1
cat "$W/big.bin" >&4 &
fpid=$!
(cat "$W/big.bin"; sleep 1) | timeout 30 "$MOTE" client "localhost:$PORT" --ca "$W/ec256/root.pem" --max-frag 512 -q \
	> "$W/c.bin" 2> "$W/c.out"
sleep 0.5
# cat writes into a FIFO it may block on once the server is gone: end it,
# or it would hold the test's output open forever.
kill $fpid 2>/dev/null
wait $fpid 2>/dev/null
stop_server
exec 4>&-
if cmp -s "$W/big.bin" "$W/c.bin"; then ok "1 MB server to client"; else ko "1 MB server to client"; fi
if head -c 1048576 "$W/s.out" | cmp -s "$W/big.bin" -; then ok "1 MB client to server"; else
	ko "1 MB client to server"; fi
SRV_IN=""

finish
