#!/bin/sh
# The large-record pool against `openssl s_server` on loopback, TLS 1.3
# and TLS 1.2 (-no_tls1_3): N = 2, 3 and 4 concurrent connections (one s_server each: s_server serves one
# connection at a time), 1 KB receive buffers, one shared 16 KB buffer, no
# max_fragment_length / record_size_limit offered, the servers sending
# 16 KB records (-max_send_frag 16384); each connection downloads 1 MB,
# checked by SHA-256. Then the same without a pool: record_overflow.
# usage: pool_s_server.sh MOTE_TOOL WORKDIR
MOTE=$1
mkdir -p "$2/v2/pool"
W=$(cd "$2/v2" && pwd) # shares the PKI cache of s_server.sh
SUITE=interop_pool_s_server
. "$(dirname "$0")/lib.sh"
need openssl sha256sum

for k in ec256 rsa2048; do
	[ -f "$W/$k/leaf.pem" ] || gen_pki $k || ko "generate $k chain"
done
[ -f "$W/pool/big.bin" ] || head -c 1048576 /dev/urandom > "$W/pool/big.bin"
SHA=$(sha256sum "$W/pool/big.bin" | cut -d' ' -f1)

PIDS=""
stop_all() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	PIDS=""
}
trap stop_all EXIT

# start_servers N KIND ARGS...: N s_servers serving $W/pool; sets ADDRS.
start_servers() {
	srv_n=$1
	kind=$2
	shift 2
	ADDRS=""
	srv_i=0
	while [ $srv_i -lt "$srv_n" ]; do
		pick_port
		(cd "$W/pool" && exec openssl s_server -accept "127.0.0.1:$PORT" \
			-cert "$W/$kind/leaf.pem" -key "$W/$kind/leaf.key" \
			-cert_chain "$W/$kind/chain.pem" -WWW -max_send_frag 16384 "$@" \
			> "$W/pool/s$srv_i.out" 2>&1 < /dev/null) &
		PIDS="$PIDS $!"
		wait_listen || { echo "cannot start s_server"; return 1; }
		ADDRS="$ADDRS localhost:$PORT"
		srv_i=$((srv_i + 1))
	done
}

# run NAME KIND N [mote pool options]; $VER: -tls1_3 or -no_tls1_3
VER=-tls1_3
run() {
	name=$1
	kind=$2
	n=$3
	shift 3
	start_servers "$n" "$kind" $VER || { ko "$name: servers"; return; }
	# shellcheck disable=SC2086
	timeout 60 "$MOTE" pool --ca "$W/$kind/root.pem" --no-limits --path /big.bin "$@" \
		$ADDRS > "$W/c.out" 2>&1
	good=$(grep -c "1048576 bytes sha256 $SHA" "$W/c.out")
	if [ "$good" = "$n" ] && grep -Eq "pool .* [1-9][0-9]* waited" "$W/c.out"; then
		ok "$name"
		grep -E "^(pool|total)" "$W/c.out" | sed 's/^/     /'
	else
		ko "$name ($good of $n intact)"
	fi
	stop_all
}

run "TLS 1.3, 2 connections, 1 KB buffers, one pool buffer" ec256 2 --slice 3000
run "TLS 1.3, 3 connections, 1 KB buffers, one pool buffer" ec256 3 --slice 5000
run "TLS 1.3, 4 connections, 1 KB buffers, one pool buffer" ec256 4 --slice 3000
run "TLS 1.3, 4 connections, RSA chain (handshake borrows)" rsa2048 4 --slice 7000
run "TLS 1.3, 4 connections, 256-byte buffers" ec256 4 --recv 278 --send 278
VER=-no_tls1_3
run "TLS 1.2, 2 connections, 1 KB buffers, one pool buffer" ec256 2 --slice 3000
run "TLS 1.2, 3 connections, 1 KB buffers, one pool buffer" ec256 3 --slice 5000
run "TLS 1.2, 4 connections, RSA chain (Certificate streamed)" rsa2048 4 --slice 3000
run "TLS 1.2, 4 connections, 256-byte buffers" ec256 4 --recv 286 --send 286

# No pool and no negotiated limit: refused at EncryptedExtensions; with
# the risk accepted the handshake completes (its records fit 1 KB) and
# the first 16 KB record fails with the error and a record_overflow
# alert.
start_servers 1 ec256 -tls1_3
timeout 30 "$MOTE" pool --ca "$W/ec256/root.pem" --no-limits --buffers 0 --path /big.bin \
	$ADDRS > "$W/c.out" 2>&1
expect "no pool: refused" "MOTE_ERR_RECORD_LIMIT_REFUSED"
timeout 30 "$MOTE" pool --ca "$W/ec256/root.pem" --no-limits --buffers 0 --path /big.bin \
	--accept-large-records $ADDRS > "$W/c.out" 2>&1
expect "no pool, risk accepted: record_overflow" "download: MOTE_ERR_RECORD_NO_BUFFER" \
	"alert sent: record_overflow"
stop_all

finish
