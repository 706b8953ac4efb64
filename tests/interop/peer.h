/*
 * An OpenSSL (libssl) TLS 1.3 server in the test process, wired to a Mote
 * client connection through memory BIOs, with a record-level man in the
 * middle that can rewrite the server's records. The server's traffic
 * secrets come from OpenSSL's key log, so the middle can decrypt a
 * protected record, change a handshake message and encrypt it again
 * (with Mote's AEAD: the middle is test plumbing, the peer under test is
 * OpenSSL).
 *
 * Test-only code: it allocates and uses OpenSSL freely.
 */
#ifndef MOTE_TEST_PEER_H
#define MOTE_TEST_PEER_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#include "mote/tls.h"

/* Server key and certificate chain (leaf first), made at run time. */
struct pki {
	EVP_PKEY *leaf_key;
	X509 *leaf;
	X509 *inter;   /* NULL for a self-signed leaf */
	X509 *root;    /* the trust anchor (== leaf when self-signed) */
	EVP_PKEY *root_key;
};

/* kind: "ec256", "ec384", "rsa2048", "rsa4096", "ed25519" for the leaf; the
 * chain is root (same kind) -> intermediate -> leaf unless self_signed.
 * host: the leaf's DNS SAN. days_from/days_to: leaf validity relative to
 * now. */
int pki_make(struct pki *p, const char *kind, const char *host, int self_signed, long days_from,
             long days_to);
void pki_free(struct pki *p);
/* DER of a certificate (malloc'd). */
uint8_t *pki_der(X509 *x, size_t *len);
/* A Mote trust anchor from the chain's root (key bytes in arena). */
int pki_anchor(const struct pki *p, mote_trust_anchor *ta, uint8_t *arena, size_t cap);

/* What the server does. */
struct server_opts {
	const char *suites; /* OpenSSL ciphersuites string, NULL: default */
	const char *groups; /* NULL: default */
	int tickets;        /* NewSessionTickets per connection (OpenSSL: 2) */
	int max_send_fragment; /* 0: 16384 */
	int request_cert;   /* CertificateRequest, client cert optional */
	const char *alpn;   /* protocol to select if the client offers it */
	int stateless;      /* HelloRetryRequest with a cookie first (SSL_stateless) */
	int no_mfl_ack;     /* (unused by OpenSSL: always acks MFL) */
	int tls12;          /* TLS 1.2 only (min = max = TLS 1.2) */
	const char *cipher_list; /* TLS 1.2 cipher list, NULL: default */
	int no_ems;         /* TLS 1.2 without extended master secret */
};

struct record_fault;

struct peer {
	SSL_CTX *sctx;
	SSL *ssl;
	BIO *to_server;   /* Mote -> OpenSSL */
	BIO *from_server; /* OpenSSL -> Mote */
	/* Server records not yet given to Mote (split at record boundaries). */
	uint8_t *pend;
	size_t pend_len, pend_cap;
	size_t records_from_server; /* counter, for faults */
	/* Key log: secrets per label. */
	uint8_t s_hs[48], c_hs[48], s_ap[48], c_ap[48];
	size_t secret_len;
	int have_s_hs, have_c_hs;
	uint16_t suite;
	/* Alerts OpenSSL received from Mote (info callback), -1 none. */
	int alert_received;
	int alert_count;
	/* The MITM: called on every complete server record before Mote sees
	 * it; may rewrite rec (capacity cap) and *len, or drop it (*len 0). */
	int (*fault)(struct peer *p, uint8_t *rec, size_t *len, size_t cap);
	void *fault_arg;
	uint64_t server_seq_hs; /* records the server sent under s_hs so far */
	int eof_after;          /* close the transport after N records (0 = no) */
	int stateless;          /* SSL_stateless() until it accepts a cookie */
};

int peer_ctx_new(struct peer *p, const struct pki *pki, const struct server_opts *o);
/* A new server connection on the same SSL_CTX (session tickets survive). */
int peer_conn_new(struct peer *p);
void peer_conn_free(struct peer *p);
void peer_free(struct peer *p);

/* Moves bytes both ways until nothing moves; returns the client's sticky
 * error (0 while fine). */
int peer_pump(struct peer *p, mote_conn *c);
/* Runs until the client is connected (and its Finished delivered), or an
 * error. Returns the client's error or 0. */
int peer_handshake(struct peer *p, mote_conn *c);

/* Application data: the client writes n bytes (all), the server reads
 * them; then the server writes n bytes, the client reads them. Content is
 * checked both ways. Returns 0 when all went through intact. */
int peer_exchange(struct peer *p, mote_conn *c, size_t n);

/* Re-encrypts / decrypts a server record under the server handshake
 * traffic secret with sequence number seq (MITM helpers). */
int peer_open_hs_record(struct peer *p, const uint8_t *rec, size_t len, uint64_t seq,
                        uint8_t *plain, size_t *plain_len, uint8_t *type);
size_t peer_seal_hs_record(struct peer *p, const uint8_t *plain, size_t len, uint8_t type,
                           uint64_t seq, uint8_t *rec);

/* If set, the pump runs the client's processing calls (recv_ack,
 * send_ack) through this function, e.g. on a separate stack to measure
 * the client's stack apart from OpenSSL's. */
extern void (*peer_run_client)(void (*fn)(void *), void *arg);

/* A Mote context with a deterministic DRBG and a fixed test clock. */
void test_mote_ctx(mote_ctx *ctx, const mote_config *cfg, uint64_t seed);

#endif
