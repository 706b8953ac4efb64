/* TLS 1.3 client internals shared by the files of src/tls. */
#ifndef MOTE_TLS_INT_H
#define MOTE_TLS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "mote/error.h"
#include "mote/pkey.h"
#include "mote/tls.h"
#include "tls/codec.h"

/* Record content types. */
#define TLS_CT_CCS 20
#define TLS_CT_ALERT 21
#define TLS_CT_HANDSHAKE 22
#define TLS_CT_APPDATA 23

/* Handshake message types. */
#define TLS_HS_HELLO_REQUEST 0
#define TLS_HS_CLIENT_HELLO 1
#define TLS_HS_SERVER_HELLO 2
#define TLS_HS_NEW_SESSION_TICKET 4
#define TLS_HS_END_OF_EARLY_DATA 5
#define TLS_HS_ENCRYPTED_EXTENSIONS 8
#define TLS_HS_CERTIFICATE 11
#define TLS_HS_CERTIFICATE_REQUEST 13
#define TLS_HS_SERVER_KEY_EXCHANGE 12
#define TLS_HS_SERVER_HELLO_DONE 14
#define TLS_HS_CERTIFICATE_VERIFY 15
#define TLS_HS_CLIENT_KEY_EXCHANGE 16
#define TLS_HS_FINISHED 20
#define TLS_HS_KEY_UPDATE 24
#define TLS_HS_MESSAGE_HASH 254

/* Extension types. */
#define TLS_EXT_SERVER_NAME 0
#define TLS_EXT_MAX_FRAGMENT_LENGTH 1
#define TLS_EXT_STATUS_REQUEST 5
#define TLS_EXT_SUPPORTED_GROUPS 10
#define TLS_EXT_EC_POINT_FORMATS 11
#define TLS_EXT_SIGNATURE_ALGORITHMS 13
#define TLS_EXT_ALPN 16
#define TLS_EXT_SCT 18
#define TLS_EXT_EXTENDED_MASTER_SECRET 23
#define TLS_EXT_RECORD_SIZE_LIMIT 28
#define TLS_EXT_SESSION_TICKET 35
#define TLS_EXT_PRE_SHARED_KEY 41
#define TLS_EXT_EARLY_DATA 42
#define TLS_EXT_SUPPORTED_VERSIONS 43
#define TLS_EXT_COOKIE 44
#define TLS_EXT_PSK_KEY_EXCHANGE_MODES 45
#define TLS_EXT_CERTIFICATE_AUTHORITIES 47
#define TLS_EXT_POST_HANDSHAKE_AUTH 49
#define TLS_EXT_SIGNATURE_ALGORITHMS_CERT 50
#define TLS_EXT_KEY_SHARE 51
#define TLS_EXT_RENEGOTIATION_INFO 0xFF01

#define TLS_VERSION_13 0x0304
#define TLS_VERSION_12 0x0303

/* Connection states (mote_conn.state). */
enum {
	TLS_ST_WAIT_SH = 1, /* ClientHello out, ServerHello or HRR expected */
	TLS_ST_WAIT_EE,
	TLS_ST_WAIT_CERT_CR, /* Certificate or CertificateRequest */
	TLS_ST_WAIT_CERT,
	TLS_ST_WAIT_CV,
	TLS_ST_WAIT_FIN,
	/* TLS 1.2 (RFC 5246 7.3) */
	TLS_ST12_WAIT_CERT,
	TLS_ST12_WAIT_SKE,
	TLS_ST12_WAIT_SHD,  /* CertificateRequest or ServerHelloDone */
	TLS_ST12_WAIT_CCS,  /* NewSessionTicket or change_cipher_spec */
	TLS_ST12_WAIT_FIN,
	TLS_ST_CONNECTED,
	TLS_ST_CLOSED,
	TLS_ST_COUNT
};

/* Pending output (mote_conn.out), emitted in this order. */
#define TLS_OUT_CH 0x01    /* rest of the ClientHello */
#define TLS_OUT_CCS 0x02   /* middlebox change_cipher_spec */
#define TLS_OUT_FIN 0x04   /* [empty Certificate +] Finished */
#define TLS_OUT_KU 0x08    /* KeyUpdate */
#define TLS_OUT_ALERT 0x10 /* fatal alert, then closed */
#define TLS_OUT_CLOSE 0x20 /* close_notify */
#define TLS_OUT_T12 0x40   /* TLS 1.2 client flight (mote_tls12_state) */

/* mote_conn.flags */
#define TLS_F_CCS_SENT 0x01
#define TLS_F_CLOSE_SENT 0x02
#define TLS_F_CLOSE_RCVD 0x04
#define TLS_F_EOF 0x08
#define TLS_F_HASHED 0x10 /* the handler hashed its message itself */
#define TLS_F_KEYCHG 0x20 /* the handler changed the read key */
#define TLS_F_RESUMED 0x40
#define TLS_F_HRR 0x80

/* Cipher suite parameters. */
enum { TLS_KX_13 = 0, TLS_KX_ECDHE_ECDSA = 1, TLS_KX_ECDHE_RSA = 2 };

typedef struct {
	uint16_t id;
	mote_aead_alg aead;
	mote_hash_alg hash;
	uint8_t kx; /* TLS_KX_*: 0 for TLS 1.3 suites */
} tls_suite;

const tls_suite *tls_suite_find(uint16_t id);
/* The config's lists, or the defaults. */
size_t tls_cfg_suites(const mote_config *cfg, const uint16_t **list);
size_t tls_cfg_groups(const mote_config *cfg, const uint16_t **list);
size_t tls_cfg_sigs(const mote_config *cfg, const uint16_t **list);
int tls_list_has(const uint16_t *list, size_t n, uint16_t v);

/* Errors and alerts (alert.c). */
unsigned tls_alert_for_error(int err);
/* Records err as the sticky error and queues the matching alert (or the
 * given one); returns err. The first failure wins. */
int tls_fail(mote_conn *c, int err);
int tls_fail_alert(mote_conn *c, int err, unsigned alert);

/* Key schedule (keysched.c). hash_len = mote_hash_size(alg). */
void tls_derive_secret(mote_hash_alg alg, const uint8_t *secret, const char *label,
                       const uint8_t *thash, uint8_t *out);
void tls_empty_hash(mote_hash_alg alg, uint8_t *out);
/* secret = HKDF-Extract(Derive-Secret(prev, "derived", ""), ikm);
 * prev NULL: the early secret's salt (zeros). */
void tls_next_secret(mote_hash_alg alg, const uint8_t *prev, const uint8_t *ikm, size_t ikm_len,
                     uint8_t *out);
void tls_finished_mac(mote_hash_alg alg, const uint8_t *base_secret, const uint8_t *thash,
                      uint8_t *out);
void tls_transcript_hash(const mote_handshake *hs, uint8_t *out);

/* Record protection (record.c). */
int tls_dir_set(mote_tls_dir *d, const tls_suite *s, const uint8_t *secret);
void tls_dir_clear(mote_tls_dir *d);
void tls_key_update_secret(mote_hash_alg alg, uint8_t *secret);
/* Seals the record at sbuf[off..): 5-byte header, len content bytes
 * already at off + 5, inner type. Returns the record's total length. */
size_t tls_record_seal(mote_conn *c, size_t off, size_t len, uint8_t type);
/* Room for content in a new record at the end of sbuf, 0 if none. */
size_t tls_record_room(const mote_conn *c, int protected_rec);
/* Appends a record with the given content (copied) to sbuf. The caller
 * checked the room. */
void tls_record_append(mote_conn *c, uint8_t type, const uint8_t *p, size_t len);
/* Opens the complete protected record in rbuf in place: *type and the
 * plaintext rbuf[5 .. 5 + *len). */
int tls_record_decrypt(mote_conn *c, uint8_t *type, size_t *len);
/* TLS 1.2: the plaintext is at rbuf[5 + *off .. + *len). */
int tls12_record_decrypt(mote_conn *c, uint8_t *type, size_t *off, size_t *len);

/* Large-record pool (pool.c). mote_conn.lbuf: 0 no pool buffer, 1..n
 * buffer lbuf - 1 held, TLS_POOL_WAITING the current record waits for
 * one. */
#define TLS_POOL_WAITING 0xFFu
#define TLS_POOL_HELD(c) ((c)->lbuf != 0 && (c)->lbuf != TLS_POOL_WAITING)
uint8_t *tls_pool_buf(const mote_ctx *ctx, unsigned idx);
size_t tls_pool_in_use(const mote_ctx *ctx);
/* Lends a free buffer to c for the current record (the header received
 * so far is copied over): 1, or 0 when none is free (c->lbuf becomes
 * TLS_POOL_WAITING, the wait counted once). */
int tls_pool_borrow(mote_conn *c);
void tls_pool_release(mote_conn *c);
/* A borrow by c would succeed now (free buffers beyond the waiters
 * queued before c). */
int tls_pool_may_take(const mote_conn *c);
/* c waits and asking again cannot help yet (MOTE_CONN_POOL_WAIT). */
int tls_pool_blocked(const mote_conn *c);
/* Moves the unread plaintext to c's own buffer and gives the pool
 * buffer back, when it fits. */
void tls_pool_settle(mote_conn *c);
/* After a failure or before a wipe: gives the buffer back (or leaves the
 * queue) and forgets the record. */
void tls_pool_drop(mote_conn *c);

/* Where the current record is: a pool buffer or the connection's own. */
static inline uint8_t *tls_rbuf(const mote_conn *c)
{
	return TLS_POOL_HELD(c) ? tls_pool_buf(c->ctx, c->lbuf - 1u) : c->rbuf;
}

/* The engine's output pump (engine.c). */
void tls_output(mote_conn *c);

/* Handshake (hs_client.c). */
int tls_hs_consume(mote_conn *c, const uint8_t *p, size_t n, size_t *used);
void tls_hs_hash_msg(mote_conn *c, const uint8_t *body, size_t len);
/* Messages, one file each. */
int tls_ch_prepare(mote_conn *c);
int tls_ch_emit(mote_conn *c);
void tls_ch_hash(mote_conn *c, mote_hash_ctx *h, size_t hash_end);
size_t tls_ch_binders_len(const mote_conn *c);
int tls_sh_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls_ee_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls_cr_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls_cert_start(mote_conn *c);
int tls_cert_stream(mote_conn *c, const uint8_t *p, size_t n);
int tls_cert_end(mote_conn *c);
int tls_cv_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls_fin_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls_fin_emit(mote_conn *c);
int tls_nst_begin(mote_conn *c);
int tls_nst_stream(mote_conn *c, const uint8_t *p, size_t n);
int tls_nst_end(mote_conn *c);
int tls_ku_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls_ku_emit(mote_conn *c);

/* Server authentication (tls_x509.c): the bridge to the X.509 engine. */
int tls_x509_begin(mote_conn *c);
int tls_x509_feed(mote_conn *c, const uint8_t *p, size_t n);
int tls_x509_end(mote_conn *c);
/* Verifies a CertificateVerify signature over content with the leaf key.
 * Errors: MOTE_ERR_BAD_CERT_VERIFY, MOTE_ERR_ILLEGAL_PARAMETER (scheme
 * does not match the key). */
int tls_x509_verify_cv(mote_conn *c, uint16_t scheme, const uint8_t *content, size_t len,
                       const uint8_t *sig, size_t sig_len);

/* CertificateVerify signature with the leaf key (sigverify.c).
 * Errors: MOTE_ERR_BAD_CERT_VERIFY, MOTE_ERR_ILLEGAL_PARAMETER (scheme
 * does not fit the key), MOTE_ERR_STATE (scratch busy),
 * MOTE_ERR_SCRATCH_TOO_SMALL. */
int tls_sig_verify(mote_ctx *ctx, uint16_t scheme, const mote_pkey *key, const uint8_t *content,
                   size_t len, const uint8_t *sig, size_t sig_len);

/* The same for a TLS 1.2 ServerKeyExchange: ecdsa_* schemes name the hash
 * only, any supported curve of the key goes. */
int tls_sig_verify12(mote_ctx *ctx, uint16_t scheme, const mote_pkey *key,
                     const uint8_t *content, size_t len, const uint8_t *sig, size_t sig_len);

/* Extensions (ext.c). */
int tls_sni_wanted(const char *name);
int tls_ext_sent(const mote_conn *c, uint16_t type);
/* TLS 1.2 is offered (not MOTE_CONFIG_NO_TLS12). */
int tls12_offered(const mote_conn *c);
int tls_ext_misplaced(const mote_conn *c, uint16_t type);
uint64_t tls_ext_bit(uint16_t type);
/* The ServerHello's TLS 1.2 extensions (msg_server_hello12.c). */

/* Key exchange (kex.c). */
int tls_kex_supported(uint16_t group);
int tls_kex_keygen(mote_conn *c, uint16_t group);
int tls_kex_shared(mote_conn *c, uint16_t group, const uint8_t *peer, size_t peer_len,
                   uint8_t *shared, size_t *shared_len);
size_t tls_kex_pub(const mote_conn *c, uint16_t group, const uint8_t **pub);

/* Session cache (session.c). */
void tls_name_hash(const char *name, uint8_t out[16]);
int tls_session_pick(mote_conn *c);
void tls_session_release(mote_conn *c, int consumed);
int tls_session_new(mote_conn *c);

/* ---- TLS 1.2 (RFC 5246) ---- */
/* ServerHello without supported_versions (msg_server_hello12.c). */
int tls12_sh_handle(mote_conn *c, const uint8_t *p, size_t n);
/* Starts the transcript with the suite's hash and the ClientHello. */
void tls_transcript_start(mote_conn *c, mote_hash_alg alg);
/* Record limits from the server's max_fragment_length / record_size_limit
 * answers (0: none). */
int tls_limits_set(mote_conn *c, uint8_t mfl, uint16_t rsl);
int tls12_ske_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls12_cr_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls12_shd_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls12_nst_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls12_fin_handle(mote_conn *c, const uint8_t *p, size_t n);
int tls12_ccs(mote_conn *c);
int tls12_flight_emit(mote_conn *c);
/* Queues [CCS,] Finished: verify_data over the transcript so far. */
void tls12_client_finished(mote_conn *c, size_t off);
/* Key block: sets dir (client side if client) from the master secret. */
int tls12_dir_set(mote_conn *c, mote_tls_dir *d, int client);
/* Verifies a ServerKeyExchange / TLS 1.2 signature with the leaf key. */
int tls12_sig_verify(mote_conn *c, uint16_t scheme, const uint8_t *content, size_t len,
                     const uint8_t *sig, size_t sig_len);
/* Ephemeral ECDHE for TLS 1.2: a fresh key pair for group, the public
 * key to pub (*pub_len) and the shared secret (x coordinate). */
int tls_kex_ephemeral(mote_conn *c, uint16_t group, const uint8_t *peer, size_t peer_len,
                      uint8_t *pub, size_t *pub_len, uint8_t *shared, size_t *shared_len);
/* Drops a ticket received in an incomplete handshake. */
void tls12_nst_drop(mote_conn *c);
/* Stores the TLS 1.2 session after a verified server Finished. */
void tls12_session_store(mote_conn *c);
/* Record header bytes before the content / after it for a direction. */
size_t tls_record_hdr(const mote_tls_dir *d);
size_t tls_record_tail(const mote_tls_dir *d);

/* Randomness from the context's DRBG. */
int tls_random(mote_conn *c, uint8_t *out, size_t len);

#endif
