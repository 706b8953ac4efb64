#!/bin/sh
# TLS client cost, Mote beside BearSSL, Mbed TLS and wolfSSL, against one
# local `openssl s_server` with a fresh P-256 chain (root -> intermediate
# -> leaf, on loopback only). Memory per library (bench_tls), then
# instructions per full and per resumed handshake (callgrind, client side:
# --toggle-collect on bench_tls_full / bench_tls_resumed).
#   sh bench/tls.sh BUILD_DIR [JSON_LINES_FILE] [12]
# With 12 the server speaks TLS 1.2 only (s_server -tls1_2): every
# library, Mote included, then runs TLS 1.2 (metrics named tls12-*).
set -eu
build=${1:?usage: sh bench/tls.sh BUILD_DIR [JSON_LINES] [12]}
json=${2:-}
ver=${3:-13}
if [ "$ver" = 12 ]; then
	srv_opt=-tls1_2
	m=tls12
	title="TLS 1.2 only"
else
	srv_opt=""
	m=tls
	title="TLS 1.3 where the library has it"
fi
exe="$build/bench/bench_tls"
w=$(mktemp -d)
srv=""
cleanup() {
	st=$?
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null || true
	rm -rf "$w"
	exit $st # the script's own status, not the killed server's
}
trap cleanup EXIT

ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
(
	cd "$w"
	# shellcheck disable=SC2086
	openssl req -x509 $ec -keyout root.key -out root.pem -days 7 -subj "/CN=Bench Root" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
	# shellcheck disable=SC2086
	openssl req $ec -keyout inter.key -out inter.csr -subj "/CN=Bench Intermediate"
	printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n' > ca.ext
	openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial -days 7 \
		-extfile ca.ext -out inter.pem
	# shellcheck disable=SC2086
	openssl req $ec -keyout leaf.key -out leaf.csr -subj /CN=localhost
	printf 'subjectAltName=DNS:localhost\nkeyUsage=digitalSignature\n' > leaf.ext
	openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -CAcreateserial -days 7 \
		-extfile leaf.ext -out leaf.pem
) >/dev/null 2>&1

port=$(( ($$ % 20000) + 30000 ))
openssl s_server -accept "127.0.0.1:$port" -cert "$w/leaf.pem" -key "$w/leaf.key" \
	-cert_chain "$w/inter.pem" $srv_opt -www -quiet >/dev/null 2>&1 &
srv=$!
i=0
while ! grep -q ":$(printf '%04X' $port) 00000000:0000 0A" /proc/net/tcp && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done

mote_failed=0
echo "TLS clients against openssl s_server, $title (P-256 chain validated), bytes"
for lib in mote bearssl mbedtls mbedtls-16k wolfssl; do
	if ! "$exe" --lib $lib --port $port --ca "$w/root.pem" ${json:+--json "$w/json"} 2>"$w/err"; then
		echo "$lib: FAILED: $(tr '\n' ' ' < "$w/err")"
		# Another library's limitation is a finding; Mote failing is a bench failure.
		[ "$lib" = mote ] && mote_failed=1
		[ -n "$json" ] && echo "{\"metric\": \"$m-held-per-connection\", \"unit\": \"bytes\", \"library\": \"$lib\", \"value\": null, \"note\": \"$(tr '\n"' '  ' < "$w/err")\"}" >> "$json"
	fi
done
echo
# The memory metrics, renamed for TLS 1.2.
[ -n "$json" ] && [ -f "$w/json" ] && sed "s/\"metric\": \"tls-/\"metric\": \"$m-/" "$w/json" >> "$json"
echo "Instructions per handshake, client side (callgrind)"
printf '  %-9s %14s %14s\n' library full resumed
for lib in mote bearssl mbedtls-16k wolfssl; do
	valgrind --tool=callgrind --callgrind-out-file="$w/cg.$lib" --toggle-collect=bench_tls_full \
		--toggle-collect=bench_tls_resumed "$exe" --lib $lib --port $port --ca "$w/root.pem" \
		--cost >/dev/null 2>&1 || true # a client that cannot connect shows n/a below
	callgrind_annotate --inclusive=yes --threshold=100 "$w/cg.$lib" > "$w/cg.$lib.txt" 2>/dev/null
	full=$(grep -E "^ *[0-9,]+ .*:bench_tls_full " "$w/cg.$lib.txt" | head -1 |
		awk '{gsub(",", "", $1); print $1}')
	res=$(grep -E "^ *[0-9,]+ .*:bench_tls_resumed " "$w/cg.$lib.txt" | head -1 |
		awk '{gsub(",", "", $1); print $1}')
	printf '  %-9s %14s %14s\n' $lib "${full:-n/a}" "${res:-n/a}"
	if [ -n "$json" ]; then
		echo "{\"metric\": \"$m-full-handshake-instructions\", \"unit\": \"instructions\", \"library\": \"$lib\", \"value\": ${full:-null}}" >> "$json"
		echo "{\"metric\": \"$m-resumed-handshake-instructions\", \"unit\": \"instructions\", \"library\": \"$lib\", \"value\": ${res:-null}}" >> "$json"
	fi
done
[ "$mote_failed" = 0 ]
