#!/bin/sh
# RAM for 1, 2 and 4 concurrent validated TLS connections to servers that
# accept no record limit (openssl s_server -max_send_frag 16384, the
# client offering neither max_fragment_length nor record_size_limit, as
# with a server that ignores them): Mote with small buffers and one shared
# large-record buffer (measured by `mote pool`, 1 MB downloaded per
# connection and checked), beside one full receive buffer per connection
# (Mote's own figure, and BearSSL's: its input buffer must hold a full
# record, BR_SSL_BUFSIZE_INPUT). Prints a Markdown table.
# usage: bench/pool_ram.sh BUILD_DIR   (run by `make demo`)
set -u
B=$(cd "${1:?usage: pool_ram.sh BUILD_DIR}" && pwd)
MOTE=$B/mote
W=$(mktemp -d /tmp/mote-pool-XXXXXX)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$W"
}
trap cleanup EXIT

# A P-256 chain root -> intermediate -> leaf (localhost), as bench/tls.sh.
mk() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/root.key" \
		-out "$W/root.pem" -days 2 -subj "/CN=Pool Root" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null &&
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/inter.key" \
		-out "$W/inter.csr" -subj "/CN=Pool Intermediate" 2>/dev/null &&
	printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' \
		> "$W/ca.ext" &&
	openssl x509 -req -in "$W/inter.csr" -CA "$W/root.pem" -CAkey "$W/root.key" \
		-CAcreateserial -days 2 -extfile "$W/ca.ext" -out "$W/inter.pem" 2>/dev/null &&
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/leaf.key" \
		-out "$W/leaf.csr" -subj "/CN=localhost" 2>/dev/null &&
	printf 'basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:localhost\n' > "$W/leaf.ext" &&
	openssl x509 -req -in "$W/leaf.csr" -CA "$W/inter.pem" -CAkey "$W/inter.key" \
		-CAcreateserial -days 2 -extfile "$W/leaf.ext" -out "$W/leaf.pem" 2>/dev/null
}
mk || { echo "pool_ram: openssl could not make the chain"; exit 1; }
mkdir -p "$W/www"
head -c 1048576 /dev/urandom > "$W/www/big.bin"
SHA=$(sha256sum "$W/www/big.bin" | cut -d' ' -f1)

port=$(( ($$ % 20000) + 30000 ))
ADDRS=""
for i in 1 2 3 4; do
	port=$((port + 1))
	(cd "$W/www" && exec openssl s_server -accept "127.0.0.1:$port" -cert "$W/leaf.pem" \
		-key "$W/leaf.key" -cert_chain "$W/inter.pem" -WWW -tls1_3 -max_send_frag 16384 \
		> /dev/null 2>&1 < /dev/null) &
	PIDS="$PIDS $!"
	ADDRS="$ADDRS localhost:$port"
done
sleep 1

# Mote: 256-byte own buffers (the pool takes anything larger).
RECV=278
SEND=278
row_mote=""
row_peak=""
for n in 1 2 4; do
	addrs=$(echo $ADDRS | cut -d' ' -f1-$n)
	# shellcheck disable=SC2086
	out=$("$MOTE" pool --ca "$W/root.pem" --no-limits --path /big.bin --recv $RECV --send $SEND \
		--slice 3000 $addrs 2>&1)
	good=$(echo "$out" | grep -c "1048576 bytes sha256 $SHA")
	if [ "$good" != "$n" ]; then
		echo "pool_ram: $n connections: $good intact"
		echo "$out"
		exit 1
	fi
	total=$(echo "$out" | sed -n 's/^total *\([0-9]*\) bytes while connected; \([0-9]*\) with.*/\1/p')
	peak=$(echo "$out" | sed -n 's/^total *\([0-9]*\) bytes while connected; \([0-9]*\) with.*/\2/p')
	row_mote="$row_mote | **$total**"
	row_peak="$row_peak | $peak"
	[ "$n" = 1 ] && summary1=$(echo "$out" | grep -E "^(pool|memory)")
	[ "$n" = 4 ] && summary4=$(echo "$out" | grep -E "^(pool|memory)")
done

# One full receive buffer per connection: Mote without a pool, and BearSSL.
eval "$(sed -n 's/^memory .*struct \([0-9]*\) .*context \([0-9]*\);.*/CONN=\1 CTX=\2/p' <<EOF
$summary1
EOF
)"
FULL=$((5 + 16384 + 256))
row_full=""
for n in 1 2 4; do row_full="$row_full | $((n * (CONN + FULL + SEND) + CTX))"; done
row_bssl=""
if printf '#include <bearssl.h>\nint main(void){return 0;}\n' | cc -x c - -o "$W/t" 2>/dev/null; then
	cat > "$W/b.c" <<'EOT'
#include <stdio.h>
#include <bearssl.h>
int main(void)
{
	/* Per connection: engine + X.509 validation context + a full input
	 * buffer (the server may send 16 KB records) + the smallest output
	 * buffer BearSSL takes for 512-byte records (bench/tls_bearssl.c). */
	printf("%zu\n", sizeof(br_ssl_client_context) + sizeof(br_x509_minimal_context) +
	                    BR_SSL_BUFSIZE_INPUT + 512 + 85);
	return 0;
}
EOT
	cc "$W/b.c" -o "$W/b" && BS=$("$W/b")
	for n in 1 2 4; do row_bssl="$row_bssl | $((n * BS))"; done
else
	row_bssl=" | n/a | n/a | n/a"
fi

echo
echo "Server accepting no record limit (16 KB records), validated P-256 chain,"
echo "1 MB downloaded per connection, interleaved, content checked:"
echo
echo "| bytes held (structures and buffers) | 1 connection | 2 connections | 4 connections |"
echo "|---|---:|---:|---:|"
echo "| Mote, $RECV/$SEND-byte buffers + one shared $FULL-byte pool buffer$row_mote |"
echo "| Mote, the same during a handshake (workspace lent, one at a time)$row_peak |"
echo "| Mote, one full receive buffer per connection (theoretical)$row_full |"
echo "| BearSSL, one full input buffer per connection (sizeof)$row_bssl |"
echo
echo "$summary4" | sed 's/^/    /'
