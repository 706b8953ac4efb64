#!/bin/sh
# Install the Debian packages a make target needs, if they are missing.
#   scripts/deps.sh test|bench|fuzz|size
# Runs apt-get as root, or through sudo; otherwise prints the exact command
# and fails. It never skips silently: a missing package is either installed
# or reported.
set -eu

case "${1:-}" in
test)  pkgs="cmake gcc make libssl-dev valgrind openssl gnutls-bin libmbedtls-dev clang libclang-rt-14-dev" ;;
bench) pkgs="cmake gcc make libssl-dev valgrind openssl libbearssl-dev libmbedtls-dev libwolfssl-dev gcc-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf" ;;
fuzz)  pkgs="clang libclang-rt-14-dev" ;;
size)  pkgs="gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi gcc-riscv64-unknown-elf" ;;
demo)  pkgs="cmake gcc make openssl gnutls-bin" ;;
*) echo "usage: $0 test|bench|fuzz|size|demo" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "deps: missing packages:$missing" >&2
	echo "deps: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $missing >/dev/null
