#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_tls13_client (fuzz/corpus/tls13_client/).

Each seed is a script of harness operations (see the harness header): the
harness builds the ServerHello and encrypts the rest, so seeds hold only
plaintext messages. Run from the repository root."""
import os
import subprocess
import tempfile

HRR = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")


def op(code, data):
    return bytes([code]) + len(data).to_bytes(2, "big") + data


def hs(t, body):
    return bytes([t]) + len(body).to_bytes(3, "big") + body


def vec(n, b):
    return len(b).to_bytes(n, "big") + b


def ed25519_cert():
    """A self-signed certificate for the harness's Ed25519 key (seed 0x11 x 32)."""
    pkcs8 = bytes.fromhex("302e020100300506032b657004220420") + b"\x11" * 32
    with tempfile.TemporaryDirectory() as d:
        key = os.path.join(d, "k.der")
        with open(key, "wb") as f:
            f.write(pkcs8)
        subprocess.run(["openssl", "pkey", "-inform", "DER", "-in", key, "-out", key + ".pem"],
                       check=True)
        der = subprocess.run(["openssl", "req", "-x509", "-key", key + ".pem", "-subj",
                              "/CN=fuzz.example", "-days", "36500", "-outform", "DER"],
                             check=True, capture_output=True).stdout
    return der


LEAF = ed25519_cert()
EE = hs(8, vec(2, b"\x00\x1c\x00\x02\x40\x01"))  # record_size_limit 16385
EE_MFL = hs(8, vec(2, b"\x00\x01\x00\x01\x01"))  # max_fragment_length 512
CERT = hs(11, b"\x00" + vec(3, vec(3, LEAF) + vec(2, b"")))
CV = hs(15, b"\x08\x07" + vec(2, bytes(64)))  # signed by the harness (fix flag)
FIN32 = hs(20, bytes(32))
FIN48 = hs(20, bytes(48))
NST = hs(4, (7200).to_bytes(4, "big") + b"\x01\x02\x03\x04" + vec(1, b"nonce123") +
         vec(2, bytes(range(64))) + vec(2, b"\x00\x2a\x00\x04\x00\x00\x40\x00"))
CR = hs(13, vec(1, b"") + vec(2, b"\x00\x0d\x00\x04\x00\x02\x04\x03"))
KU = hs(24, b"\x01")

W = 0xF0  # whole records


def flight(suite, fin, ee=EE, extra=b""):
    return (op(W | 4, suite) + op(W | 0, b"\x14\x01") + op(W | 1, b"\x16" + ee) + extra +
            op(W | 1, b"\x16" + CERT) + op(W | 9, b"\x16" + CV) + op(W | 9, b"\x16" + fin))


seeds = {
    "full_aes128": flight(b"\x13\x01", FIN32) + op(W | 1, b"\x16" + NST + NST) +
    op(W | 1, b"\x17hello") + op(W | 3, b"\x00") + op(W | 3, b"\x01") +
    op(W | 1, b"\x16" + KU) + op(W | 1, b"\x17after") + op(W | 3, b"\x02") +
    op(W | 1, b"\x15\x01\x00"),
    "aes256_cert_request": flight(b"\x13\x02", FIN48, extra=op(W | 1, b"\x16" + CR)) +
    op(W | 1, b"\x17data") + op(W | 3, b"\x03") + op(W | 1, b"\x15\x01\x00"),
    "chacha_bytewise": bytes([0x04]) + (2).to_bytes(2, "big") + b"\x13\x03" +
    bytes([0x01]) + vec(2, b"\x16" + EE_MFL) + bytes([0x31]) + vec(2, b"\x16" + CERT) +
    bytes([0x79]) + vec(2, b"\x16" + CV) + bytes([0x09]) + vec(2, b"\x16" + FIN32) +
    op(W | 3, b"\x01") + op(W | 3, b"\x04"),
    "hrr_p256": op(W | 4, b"\x13\x01" + HRR) + op(W | 4, b"\x13\x01") +
    op(W | 1, b"\x16" + EE) + op(W | 9, b"\x16" + CERT + CV) +
    op(W | 9, b"\x16" + FIN32) + op(W | 1, b"\x17ok"),
    "coalesced_flight": op(W | 4, b"\x13\x01") +
    op(W | 9, b"\x16" + EE + CERT + CV) + op(W | 9, b"\x16" + FIN32) + op(W | 1, b"\x16" + NST) +
    op(W | 3, b"\x04"),
    "garbage_records": op(W | 4, b"\x13\x01") + op(W | 2, b"\x17\x03\x03\x00\x20" + bytes(32)),
}

d = os.path.join("fuzz", "corpus", "tls13_client")
os.makedirs(d, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
