# Shared helpers of the interop scripts (sourced). POSIX sh.
#   MOTE  the mote tool; W  a work directory (created).
set -u

pass=0
fail=0

need() {
	for t in "$@"; do
		if ! command -v "$t" >/dev/null 2>&1; then
			# Missing peers fail the suite, in CI and locally alike:
			# `make test` installs them (scripts/deps.sh).
			echo "FAIL: $t not installed (run scripts/deps.sh test)"
			exit 1
		fi
	done
}

ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$W/c.out" ] && sed 's/^/     | /' "$W/c.out" | head -20; }

# A port from the process id and a counter, 20000..59999.
port_n=0
pick_port() {
	port_n=$((port_n + 1))
	PORT=$(( ( ($$ * 7919 + port_n * 104729) % 40000) + 20000 ))
}

# Waits until something listens on 127.0.0.1:$PORT (or ::), 5 s at most.
wait_listen() {
	hex=$(printf '%04X' "$PORT")
	i=0
	while [ $i -lt 50 ]; do
		if grep -q ":$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null ||
		   grep -q ":$hex 00000000000000000000000000000000:0000 0A" /proc/net/tcp6 2>/dev/null; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

SRV_PID=""
stop_server() {
	if [ -n "$SRV_PID" ]; then
		kill "$SRV_PID" 2>/dev/null
		wait "$SRV_PID" 2>/dev/null
	fi
	SRV_PID=""
}
trap stop_server EXIT

# gen_pki KIND: root -> intermediate -> leaf (CN/SAN localhost) in $W/KIND/.
# KIND: ec256 ec384 rsa2048 rsa4096 ed25519.
gen_pki() {
	d="$W/$1"
	mkdir -p "$d"
	case "$1" in
	ec256) alg="-newkey ec -pkeyopt ec_paramgen_curve:P-256" ;;
	ec384) alg="-newkey ec -pkeyopt ec_paramgen_curve:P-384" ;;
	rsa2048) alg="-newkey rsa:2048" ;;
	rsa4096) alg="-newkey rsa:4096" ;;
	ed25519) alg="-newkey ed25519" ;;
	esac
	cat > "$d/ca.ext" <<EOT
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
EOT
	cat > "$d/leaf.ext" <<EOT
basicConstraints=critical,CA:FALSE
subjectAltName=DNS:localhost
EOT
	# shellcheck disable=SC2086
	openssl req -x509 $alg -nodes -keyout "$d/root.key" -out "$d/root.pem" -days 30 \
		-subj "/CN=Mote Interop Root $1" -addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null || return 1
	openssl req $alg -nodes -keyout "$d/inter.key" -out "$d/inter.csr" \
		-subj "/CN=Mote Interop Intermediate" 2>/dev/null || return 1
	openssl x509 -req -in "$d/inter.csr" -CA "$d/root.pem" -CAkey "$d/root.key" \
		-CAcreateserial -days 30 -extfile "$d/ca.ext" -out "$d/inter.pem" 2>/dev/null || return 1
	openssl req $alg -nodes -keyout "$d/leaf.key" -out "$d/leaf.csr" -subj "/CN=localhost" \
		2>/dev/null || return 1
	openssl x509 -req -in "$d/leaf.csr" -CA "$d/inter.pem" -CAkey "$d/inter.key" \
		-CAcreateserial -days 30 -extfile "$d/leaf.ext" -out "$d/leaf.pem" 2>/dev/null || return 1
	cat "$d/inter.pem" > "$d/chain.pem"
}

# expect NAME PATTERN...: every pattern (grep -E) is in $W/c.out.
expect() {
	name=$1
	shift
	for pat in "$@"; do
		if ! grep -Eq "$pat" "$W/c.out"; then
			ko "$name (no '$pat')"
			return 1
		fi
	done
	ok "$name"
}

finish() {
	echo "$SUITE: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# start_s_server KIND ARGS...: s_server with KIND's chain; sets PORT.
start_s_server() {
	kind=$1
	shift
	for try in 1 2 3; do
		pick_port
		openssl s_server -accept "127.0.0.1:$PORT" -cert "$W/$kind/leaf.pem" \
			-key "$W/$kind/leaf.key" -cert_chain "$W/$kind/chain.pem" "$@" \
			> "$W/s.out" 2>&1 < "${SRV_IN:-/dev/null}" &
		SRV_PID=$!
		wait_listen && return 0
		stop_server
	done
	echo "cannot start s_server"
	return 1
}

# start_gnutls ARGS...: gnutls-serv (echo) with the ec256 chain; sets PORT.
start_gnutls() {
	for try in 1 2 3; do
		pick_port
		gnutls-serv -p "$PORT" --x509certfile "$W/ec256/full.pem" \
			--x509keyfile "$W/ec256/leaf.key" --echo -q "$@" > "$W/s.out" 2>&1 &
		SRV_PID=$!
		wait_listen && return 0
		stop_server
	done
	echo "cannot start gnutls-serv"
	return 1
}
