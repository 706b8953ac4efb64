#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_tls12_client (fuzz/corpus/tls12_client/).

Each seed is a script of harness operations (see the harness header): the
harness builds the ServerHello and ServerKeyExchange and encrypts what
follows the server's change_cipher_spec; seeds hold plaintext messages.
Run from the repository root."""
import os
import subprocess
import tempfile


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
CERT = hs(11, vec(3, vec(3, LEAF)))
SHD = hs(14, b"")
CR = hs(13, vec(1, b"\x40") + vec(2, b"\x08\x07\x04\x03") + vec(2, b""))
NST = hs(4, (7200).to_bytes(4, "big") + vec(2, bytes(range(80))))
FIN = hs(20, bytes(12))
HELLO_REQ = hs(0, b"")
W = 0xF0  # whole records
EMS, RI, RESUME, TICKET, DOWNGRADE = 1, 2, 4, 8, 16
AES128 = b"\xc0\x2b"
AES256 = b"\xc0\x2c"
CHACHA = b"\xcc\xa9"


def full(suite, flags=EMS | RI, extra=b"", ticket=False):
    s = op(W | 4, suite + bytes([flags | (TICKET if ticket else 0)]))
    s += op(W | 0, b"\x16" + CERT) + op(W | 5, b"\x00") + extra + op(W | 0, b"\x16" + SHD)
    if ticket:
        s += op(W | 0, b"\x16" + NST)
    s += op(W | 0, b"\x14\x01") + op(W | 9, b"\x16" + FIN)
    return s


def resumed(suite, ticket=False):
    s = op(W | 4, suite + bytes([EMS | RI | RESUME | (TICKET if ticket else 0)]))
    if ticket:
        s += op(W | 0, b"\x16" + NST)
    return s + op(W | 0, b"\x14\x01") + op(W | 9, b"\x16" + FIN)


DATA = op(W | 1, b"\x17hello") + op(W | 3, b"\x00") + op(W | 3, b"\x01")
END = op(W | 7, b"")

seeds = {
    "full_aes128_ticket_then_resume": full(AES128, ticket=True) + DATA + END +
    resumed(AES128, ticket=True) + DATA + op(W | 3, b"\x03"),
    "full_aes256_session_id_then_resume": full(AES256) + DATA + op(W | 1, b"\x15\x01\x00") +
    END + resumed(AES256) + DATA,
    "chacha_cert_request_bytewise": bytes([0x04]) + vec(2, CHACHA + bytes([EMS | RI])) +
    bytes([0x30]) + vec(2, b"\x16" + CERT) + op(0x15, b"\x00") +
    bytes([0x00]) + vec(2, b"\x16" + CR) + bytes([0x20]) + vec(2, b"\x16" + SHD) +
    op(W | 0, b"\x14\x01") + op(0x19, b"\x16" + FIN) + DATA + op(W | 3, b"\x04"),
    "coalesced": op(W | 4, AES128 + bytes([EMS | RI])) +
    op(W | 0, b"\x16" + CERT) + op(W | 5, b"") + op(W | 0, b"\x16" + SHD) +
    op(W | 0, b"\x14\x01") + op(W | 9, b"\x16" + FIN) + op(W | 1, b"\x16" + HELLO_REQ),
    "no_ems": op(W | 4, AES128 + bytes([RI])) + op(W | 0, b"\x16" + CERT),
    "downgrade": op(W | 4, AES128 + bytes([EMS | RI | DOWNGRADE])),
    "bad_ske": op(W | 4, AES128 + bytes([EMS | RI])) + op(W | 0, b"\x16" + CERT) +
    op(W | 5, b"\x01"),
}

d = os.path.join("fuzz", "corpus", "tls12_client")
os.makedirs(d, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
