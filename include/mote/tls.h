/*
 * TLS 1.3 client (RFC 8446) and TLS 1.2 client (RFC 5246): the shared
 * context, the connection and the engine API.
 *
 * One ClientHello offers TLS 1.3 and, unless MOTE_CONFIG_NO_TLS12 is set
 * or the config lists no TLS 1.2 suite, TLS 1.2; the server's choice
 * drives the state machine. TLS 1.2: ECDHE_ECDSA / ECDHE_RSA with
 * AES-GCM and ChaCha20-Poly1305 (no CBC, no static RSA), groups X25519,
 * P-256, P-384; the extended master secret (RFC 7627) is required
 * (MOTE_ERR_NO_EMS, unless MOTE_CONFIG_TLS12_ALLOW_NO_EMS) and so is
 * renegotiation_info (MOTE_ERR_NO_SECURE_RENEGOTIATION); a TLS 1.2
 * ServerHello with the TLS 1.3 downgrade sentinel fails with
 * MOTE_ERR_DOWNGRADE. Renegotiation is refused: any handshake message
 * after the handshake (HelloRequest included) is a fatal
 * MOTE_ERR_RENEGOTIATION, with a no_renegotiation alert sent at fatal
 * level. Sessions (session ID and/or RFC 5077 ticket) go to the same
 * cache as TLS 1.3 tickets and are resumed automatically by a later
 * connection to the same server name (abbreviated handshake: no
 * certificate, no signature; the server's Finished is checked first).
 *
 * Three objects, all in caller memory (nothing is allocated):
 *   mote_config   what to offer and how to validate; const, may live in
 *                 flash, shared by any number of contexts.
 *   mote_ctx      one per application: the DRBG, the clock and entropy
 *                 callbacks, the session cache (an array of mote_session
 *                 the caller gives) and the public-key scratch lent to
 *                 one RSA operation at a time.
 *   mote_conn     one per connection: the state machine, the record keys,
 *                 and two caller buffers (receive and send) sized with
 *                 MOTE_RECV_BUFFER_SIZE() / MOTE_SEND_BUFFER_SIZE().
 *
 * Handshake-only state (transcript hash, ephemeral keys, the X.509 engine,
 * the reassembly buffer) lives in a mote_handshake workspace the caller
 * lends from mote_conn_init() until the handshake ends, so a connected
 * session holds none of it; inside mote_conn the handshake secrets share
 * a union with the connected ones (application traffic secrets for
 * KeyUpdate, the resumption master secret for NewSessionTicket).
 *
 * The engine does no I/O and never blocks. Bytes flow through four
 * channels, each a buffer/acknowledge pair (BearSSL's model):
 *   recv   mote_conn_recv_buf()  / mote_conn_recv_ack()   network -> engine
 *   send   mote_conn_send_buf()  / mote_conn_send_ack()   engine -> network
 *   read   mote_conn_read_buf()  / mote_conn_read_ack()   engine -> app
 *   write  mote_conn_write_buf() / mote_conn_write_ack()  app -> engine
 * mote_conn_state() says which channels are open. mote/tls_blocking.h
 * drives them over send/recv callbacks.
 *
 * Sizes in bytes (pinned in tests/unit/test_tls_sizes.c; docs/MEMORY.md):
 *                      x86-64   Cortex-M4
 *   mote_conn             952         928   held for the connection's life
 *   mote_handshake       2648        2616   lent during the handshake only
 *   mote_ctx              264         172   shared (large-record pool state
 *                                           included; its buffers are the
 *                                           caller's, 16645 bytes each)
 *   mote_session          640         640   shared, per cache entry
 * plus the caller's buffers: MOTE_RECV_BUFFER_SIZE(512) and
 * MOTE_SEND_BUFFER_SIZE(512) are 542 each, so a connected session with
 * 512-byte records holds 2036 bytes (2012 on Cortex-M4), TLS 1.3 or 1.2.
 *
 * Threads: a mote_ctx and its connections are used from one thread at a
 * time (the DRBG, the session cache and the scratch are shared without
 * locks); distinct contexts are independent.
 */
#ifndef MOTE_TLS_H
#define MOTE_TLS_H

#include <stddef.h>
#include <stdint.h>

#include "mote/aead.h"
#include "mote/error.h"
#include "mote/config.h"
#include "mote/drbg.h"
#include "mote/hash.h"
#include "mote/tls_x509.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Protocol constants ------------------------------------------- */

#define MOTE_TLS_AES_128_GCM_SHA256 0x1301
#define MOTE_TLS_AES_256_GCM_SHA384 0x1302
#define MOTE_TLS_CHACHA20_POLY1305_SHA256 0x1303
/* TLS 1.2 suites (RFC 5289, RFC 7905): ECDHE key exchange, AEAD only. */
#define MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256 0xC02B
#define MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384 0xC02C
#define MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256 0xC02F
#define MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384 0xC030
#define MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256 0xCCA8
#define MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256 0xCCA9

#define MOTE_GROUP_SECP256R1 0x0017
#define MOTE_GROUP_SECP384R1 0x0018
#define MOTE_GROUP_X25519 0x001D

#define MOTE_SIG_RSA_PKCS1_SHA256 0x0401
#define MOTE_SIG_RSA_PKCS1_SHA384 0x0501
#define MOTE_SIG_RSA_PKCS1_SHA512 0x0601
#define MOTE_SIG_ECDSA_SECP256R1_SHA256 0x0403
#define MOTE_SIG_ECDSA_SECP384R1_SHA384 0x0503
#define MOTE_SIG_RSA_PSS_RSAE_SHA256 0x0804
#define MOTE_SIG_RSA_PSS_RSAE_SHA384 0x0805
#define MOTE_SIG_RSA_PSS_RSAE_SHA512 0x0806
#define MOTE_SIG_ED25519 0x0807
#define MOTE_SIG_RSA_PSS_PSS_SHA256 0x0809
#define MOTE_SIG_RSA_PSS_PSS_SHA384 0x080A
#define MOTE_SIG_RSA_PSS_PSS_SHA512 0x080B

/* ---- Buffer sizes -------------------------------------------------- */

/* Bytes a record adds around its content: TLS 1.3: 5 header + 1 inner
 * content type + 16 AEAD tag (all suites have 16-byte tags); TLS 1.2
 * AES-GCM: 5 header + 8 explicit nonce + 16 tag = 29, plus 1 because a
 * TLS 1.2 server reads the record_size_limit offered (limit + 1, the TLS
 * 1.3 meaning) as plaintext bytes (RFC 8449 4). */
#define MOTE_RECORD_OVERHEAD 30
/* A peer that negotiated nothing may send TLSCiphertext of 2^14 + 256. */
#define MOTE_RECORD_FULL_CIPHERTEXT (16384 + 256)

/* Receive buffer for records of up to `limit` content bytes (64..16384).
 * Below 16384 the client offers record_size_limit = limit + 1 and the
 * largest max_fragment_length <= limit; at 16384 it offers neither and
 * the buffer also holds padded records (5 + 2^14 + 256 bytes). */
#define MOTE_RECV_BUFFER_SIZE(limit)                                                          \
	((limit) >= 16384 ? 5 + MOTE_RECORD_FULL_CIPHERTEXT : (limit) + MOTE_RECORD_OVERHEAD)
/* Send buffer for records of up to `limit` content bytes: records are
 * never larger than this buffer or the peer's limit allows. */
#define MOTE_SEND_BUFFER_SIZE(limit) ((limit) + MOTE_RECORD_OVERHEAD)
/* Smallest buffers accepted (record_size_limit cannot go below 64). */
#define MOTE_RECV_BUFFER_MIN MOTE_RECV_BUFFER_SIZE(64)
#define MOTE_SEND_BUFFER_MIN MOTE_SEND_BUFFER_SIZE(64)

/* Public-key scratch that covers every key the handshake verifies
 * (RSA-4096: four 512-byte numbers, plus 8 bytes for alignment). */
#define MOTE_PK_SCRATCH_SIZE (4 * 512 + 8)

/* ---- Configuration (const) ----------------------------------------- */

/* mote_config.flags */
/* Continue when the server accepts neither record_size_limit nor
 * max_fragment_length although the receive buffer is below a 16 KB
 * record: a large record then fails with MOTE_ERR_RECORD_OVERFLOW. */
#define MOTE_CONFIG_ACCEPT_LARGE_RECORDS 0x0001u
/* Leave out the middlebox compatibility mode (RFC 8446 D.4): empty
 * legacy_session_id and no change_cipher_spec record. */
#define MOTE_CONFIG_NO_MIDDLEBOX_COMPAT 0x0002u
/* Neither offer stored tickets nor store new ones. */
#define MOTE_CONFIG_NO_RESUMPTION 0x0004u
/* Do not offer max_fragment_length / record_size_limit (tests). */
#define MOTE_CONFIG_NO_MAX_FRAGMENT 0x0008u
#define MOTE_CONFIG_NO_RECORD_SIZE_LIMIT 0x0010u
/* Offer TLS 1.3 only (by default TLS 1.2 is offered too). */
#define MOTE_CONFIG_NO_TLS12 0x0020u
/* TLS 1.2: go on with a server that does not do the extended master
 * secret (RFC 7627). Without this flag such a server fails the handshake
 * with MOTE_ERR_NO_EMS (handshake_failure alert). Not recommended. */
#define MOTE_CONFIG_TLS12_ALLOW_NO_EMS 0x0040u
/* DANGER: accept any certificate chain and skip CertificateVerify. The
 * connection is then open to any active attacker. For tests and for
 * debugging only; mote_conn_info() reports it. */
#define MOTE_CONFIG_INSECURE_NO_VERIFY 0x8000u

typedef struct {
	/* Offered cipher suites in order of preference; NULL = AES-128-GCM,
	 * ChaCha20-Poly1305, AES-256-GCM. */
	const uint16_t *suites;
	uint8_t n_suites;
	/* Supported groups in order of preference; NULL = X25519, P-256.
	 * The first `key_shares` of them (1 or 2; 0 means 1) get a key share
	 * in the first ClientHello; a server wanting another group answers
	 * with HelloRetryRequest. */
	const uint16_t *groups;
	uint8_t n_groups;
	uint8_t key_shares;
	/* Signature schemes (signature_algorithms); NULL = all supported. */
	const uint16_t *sig_schemes;
	uint8_t n_sig_schemes;
	/* ALPN protocol names offered, NUL-terminated; NULL/0 = no ALPN. */
	const char *const *alpn;
	uint8_t n_alpn;
	/* MOTE_CONFIG_* flags. */
	uint16_t flags;
	/* Server authentication: trust anchors and/or pins (see
	 * mote/tls_x509.h). Required unless MOTE_CONFIG_INSECURE_NO_VERIFY. */
	mote_tls_verifier verify;
} mote_config;

/* ---- Session cache -------------------------------------------------- */

/* Largest ticket stored (bytes); tickets above it are not kept.
 * OpenSSL's are about 200 bytes, GnuTLS's about 300. */
#ifndef MOTE_SESSION_TICKET_MAX
#define MOTE_SESSION_TICKET_MAX 512
#endif

/* One stored session. Private by contract.
 * TLS 1.3 (RFC 8446 4.6.1): a ticket and its PSK. A ticket is used by one
 * connection and then dropped (servers often accept each ticket once);
 * servers that send several tickets per connection (OpenSSL sends 2)
 * thus serve as many later connections.
 * TLS 1.2 (version12 = 1): the master secret (in psk), the session ID
 * and/or a RFC 5077 ticket. It stays valid after a resumption (TLS 1.2
 * sessions are reusable); a new ticket replaces the old one.
 * Size: 640 bytes with MOTE_SESSION_TICKET_MAX 512, 64- and 32-bit (608
 * before TLS 1.2: + 32 for the session ID). */
typedef struct {
	uint8_t state; /* 0 free, 1 valid, 2 in use by a handshake */
	uint8_t psk_len;
	uint16_t suite;
	uint16_t ticket_len;
	uint8_t version12; /* 1: TLS 1.2 session */
	uint8_t sid_len;   /* TLS 1.2 session ID length (0: ticket only) */
	uint32_t lifetime_s;
	uint32_t age_add;
	uint64_t issued_ms; /* time callback at receipt; 0 = no clock */
	uint32_t serial;    /* age order: the newest ticket has the largest */
	uint8_t name_hash[16]; /* SHA-256 of the server name, truncated */
	uint8_t psk[48]; /* TLS 1.2: the master secret */
	uint8_t session_id[32];
	uint8_t ticket[MOTE_SESSION_TICKET_MAX];
	uint32_t pad2_;
} mote_session;

/* ---- Large-record pool ---------------------------------------------- */

/* One pool buffer holds a full protected record: 5 header bytes and
 * TLSCiphertext of up to 2^14 + 256 bytes (16645 bytes). */
#define MOTE_LARGE_RECORD_BUFFER_SIZE (5 + MOTE_RECORD_FULL_CIPHERTEXT)
/* Pool buffers a context can manage (each costs one pointer in mote_ctx;
 * the buffers themselves are caller memory). */
#ifndef MOTE_LARGE_POOL_MAX
#define MOTE_LARGE_POOL_MAX 4
#endif

/* Connections served in order when they wait for a pool buffer (one
 * pointer each in mote_ctx); more waiters are served without order. */
#ifndef MOTE_LARGE_POOL_QUEUE
#define MOTE_LARGE_POOL_QUEUE 8
#endif

struct mote_conn;

/*
 * Large buffers shared by the connections of a context (see
 * mote_ctx_set_large_pool()). Private by contract: read it through
 * mote_ctx_pool_stats() and mote_ctx_pool_holder().
 */
typedef struct {
	uint8_t *mem;                                  /* n buffers, back to back */
	struct mote_conn *holder[MOTE_LARGE_POOL_MAX]; /* NULL: free */
	struct mote_conn *queue[MOTE_LARGE_POOL_QUEUE]; /* waiters, oldest first */
	uint32_t borrows; /* records received through a pool buffer */
	uint32_t waits;   /* records that had to wait for a free buffer */
	uint8_t n;        /* buffers in the pool */
	uint8_t peak;     /* most buffers lent at the same time */
	uint8_t queued;   /* entries in queue */
} mote_large_pool;

/* ---- Shared context -------------------------------------------------- */

/* Milliseconds since 1970-01-01 UTC, or 0 when the time is unknown (then
 * ticket ages are sent as 0 and certificate validity is checked as the
 * verifier's policy says). */
typedef uint64_t (*mote_time_fn)(void *arg);

/* Private by contract. Size: see tests/unit/test_tls_sizes.c. */
typedef struct mote_ctx {
	const mote_config *config;
	mote_drbg_ctx drbg;
	mote_time_fn time_cb;
	void *time_arg;
	mote_session *sessions;
	void *pk_scratch;
	size_t pk_scratch_len;
	uint32_t session_serial;
	uint16_t n_sessions;
	uint8_t pk_busy;
	mote_large_pool pool;
} mote_ctx;

/*
 * Sets up a context: keeps config (must outlive the context), seeds the
 * DRBG from entropy (48 bytes), keeps the clock callback (may be NULL: no
 * clock). No session cache and no scratch until set below.
 * Errors: MOTE_ERR_BAD_ARG (NULL ctx, config or entropy), the entropy
 * callback's error.
 */
int mote_ctx_init(mote_ctx *ctx, const mote_config *config, mote_entropy_fn entropy,
                  void *entropy_arg, mote_time_fn time, void *time_arg);

/* Gives the session cache: n entries of caller memory (zeroed here). */
void mote_ctx_set_sessions(mote_ctx *ctx, mote_session *entries, size_t n);

/* Gives the public-key scratch (RSA verification during the handshake:
 * MOTE_PK_SCRATCH_SIZE bytes cover RSA-4096). Shared by all connections;
 * lent to one operation at a time. Without it RSA keys fail with
 * MOTE_ERR_SCRATCH_TOO_SMALL. */
void mote_ctx_set_pk_scratch(mote_ctx *ctx, void *scratch, size_t len);

/*
 * Gives the large-record pool: len / MOTE_LARGE_RECORD_BUFFER_SIZE
 * buffers (at most MOTE_LARGE_POOL_MAX) of caller memory, shared by all
 * connections of the context; mem NULL removes the pool.
 *
 * A connection whose own receive buffer is smaller than a protected
 * record the server sends (a server that accepts neither
 * max_fragment_length nor record_size_limit sends up to 16 KB) borrows
 * one buffer for that record: it receives the record into it, opens it
 * in place, and gives it back as soon as the plaintext is consumed, or
 * as soon as what is left fits its own buffer (moved there). While no
 * buffer is free the connection stops taking bytes (mote_conn_state()
 * has MOTE_CONN_POOL_WAIT instead of MOTE_CONN_RECV): the data waits in
 * the network, nothing is dropped. Waiting connections are served first
 * come, first served (up to MOTE_LARGE_POOL_QUEUE of them), so one busy
 * connection cannot keep the buffer from the others. A connection that
 * waits or holds a buffer must be ended with mote_conn_clear(). Plaintext handshake records never
 * need a pool buffer. With a pool, a server that accepts no record limit
 * is accepted (as with MOTE_CONFIG_ACCEPT_LARGE_RECORDS). Without a pool
 * such a record fails with MOTE_ERR_RECORD_NO_BUFFER (record_overflow
 * alert).
 *
 * Hazard: a connection that holds a buffer keeps it until its
 * application data is read. An application that waits on connection A
 * while B's borrowed plaintext stays unread stalls A (single buffer) -
 * read B, or see mote_ctx_pool_holder(). mote_blocking_read() copies as
 * much as the caller's buffer takes at once, so a read of at least 16 KB
 * always gives the buffer back.
 *
 * Memory: the pool state lives in mote_ctx (counted in its size); the
 * buffers are 16645 bytes each. Errors: MOTE_ERR_BAD_ARG (mem given but
 * below one buffer), MOTE_ERR_STATE (a buffer is lent now).
 */
int mote_ctx_set_large_pool(mote_ctx *ctx, void *mem, size_t len);

/* The connection holding pool buffer i, NULL when free or i >= buffers. */
struct mote_conn *mote_ctx_pool_holder(const mote_ctx *ctx, size_t i);

typedef struct {
	size_t buffers;   /* in the pool */
	size_t bytes;     /* buffers * MOTE_LARGE_RECORD_BUFFER_SIZE */
	size_t in_use;    /* lent now */
	size_t peak;      /* most lent at the same time */
	uint32_t borrows; /* records received through a pool buffer */
	uint32_t waits;   /* records that waited for a free buffer */
} mote_pool_stats;

void mote_ctx_pool_stats(const mote_ctx *ctx, mote_pool_stats *st);

/* Forgets every stored ticket (wiped). */
void mote_ctx_flush_sessions(mote_ctx *ctx);

/* Number of valid tickets stored for server_name. */
size_t mote_ctx_session_count(const mote_ctx *ctx, const char *server_name);

/* ---- Connection ------------------------------------------------------ */

/* Reassembly buffer for a handshake message that spans records and is not
 * streamed (EncryptedExtensions, CertificateRequest, CertificateVerify,
 * Finished; TLS 1.2 ServerKeyExchange, CertificateRequest and
 * NewSessionTicket): an RSA-4096 CertificateVerify is 516 bytes of body, a
 * TLS 1.2 ServerKeyExchange with a P-384 point and an RSA-4096 signature
 * 617. Larger messages fail with MOTE_ERR_HS_MESSAGE_TOO_LARGE.
 * (Certificate and the TLS 1.3 NewSessionTicket are streamed, never
 * reassembled.) The workspace union's largest phase is the certificate
 * engine's, so this size does not change sizeof(mote_handshake). */
#ifndef MOTE_HS_REASSEMBLY_SIZE
#define MOTE_HS_REASSEMBLY_SIZE 640
#endif
/* Largest HelloRetryRequest cookie kept for the second ClientHello. */
#ifndef MOTE_HRR_COOKIE_MAX
#define MOTE_HRR_COOKIE_MAX 128
#endif

/* One direction of record protection. Private. */
typedef struct {
	mote_aead_ctx aead; /* alg MOTE_AEAD_NONE: plaintext records */
	uint64_t seq;
	uint8_t iv[12];     /* TLS 1.2 AES-GCM: the 4-byte salt */
	uint8_t v12;        /* TLS 1.2 record format */
	uint8_t explicit_len; /* TLS 1.2 AES-GCM: 8-byte explicit nonce */
} mote_tls_dir;

/* ServerHello / HelloRetryRequest spanning records are reassembled in a
 * buffer of their own (the rest of the workspace is still in use then). */
#ifndef MOTE_HS_SH_REASSEMBLY_SIZE
#define MOTE_HS_SH_REASSEMBLY_SIZE (128 + MOTE_HRR_COOKIE_MAX)
#endif
/* The leaf key kept from Certificate to CertificateVerify: an RSA-4096
 * modulus and its exponent at most. */
#define MOTE_TLS_LEAF_KEY_MAX (512 + 4)

/*
 * The handshake workspace: everything only the handshake needs, lent to
 * one connection from mote_conn_init() until the handshake completes
 * (mote_conn_state() has MOTE_CONN_READY) or fails; the caller may then
 * reuse or free it. A connected mote_conn never touches it again, so it
 * holds only what a connected session needs. Private by contract.
 *
 * Three phases share one union: the ClientHello state (randoms, key
 * shares, ticket binder, cookie) until ServerHello; the X.509 engine while
 * the Certificate message streams through; the reassembly buffer and the
 * leaf key (copied out of the engine) for the other server messages.
 *
 * Transcript: before ServerHello the suite's hash is unknown. Instead of
 * running SHA-256 and SHA-384 side by side (208 more bytes), the
 * ClientHello is regenerated from this state (it is deterministic) into
 * the hash once ServerHello or HelloRetryRequest names the suite.
 */
typedef struct {
	mote_hash_ctx transcript;
	uint16_t share_groups[2]; /* groups with a key share in this ClientHello */
	uint16_t ch_len;          /* ClientHello length (handshake header included) */
	uint16_t ch_sent;         /* bytes of it already in records */
	int16_t session;          /* locked cache entry, or -1 */
	uint8_t hrr;              /* a HelloRetryRequest was received */
	uint8_t transcript_on;    /* transcript hash initialised */
	uint8_t psk_offered;      /* a ticket is in the ClientHello */
	uint8_t psk_accepted;
	uint8_t cert_requested; /* CertificateRequest seen */
	uint8_t ccs_seen;
	uint8_t cookie_len;
	uint8_t cert_stage; /* Certificate stream: prefix bytes seen */
	uint8_t have_leaf;  /* u.post.leaf is set */
	uint8_t sid_len;    /* legacy_session_id length sent; TLS 1.2: the server's */
	uint32_t cert_left; /* certificate_list bytes still to stream */
	uint8_t session_id[32];
	union {
		struct { /* until ServerHello */
			uint8_t random[32];
			uint8_t x25519_priv[32];
			uint8_t x25519_pub[32];
			uint8_t ec_priv[32];
			uint8_t ec_pub[65];
			uint32_t obf_age; /* obfuscated ticket age */
			uint8_t early[48]; /* early secret (PSK) */
			uint8_t binder[48];
			uint8_t cookie[MOTE_HRR_COOKIE_MAX];
			uint8_t reasm[MOTE_HS_SH_REASSEMBLY_SIZE];
		} pre;
		struct { /* EncryptedExtensions .. Finished, except Certificate */
			mote_pkey leaf; /* points into leaf_key */
			uint8_t leaf_key[MOTE_TLS_LEAF_KEY_MAX];
			uint8_t reasm[MOTE_HS_REASSEMBLY_SIZE];
		} post;
		mote_tls_cert_state cert; /* while Certificate streams */
	} u;
} mote_handshake;

/* Handshake secrets kept in the connection (they become the connected
 * secrets below, in the same bytes). Private. */
typedef struct {
	uint8_t master[48]; /* master secret */
	uint8_t c_hs[48];   /* client handshake traffic secret */
	uint8_t s_hs[48];   /* server handshake traffic secret */
} mote_tls_hs_secrets;

/* Connected state. Private. */
typedef struct {
	uint8_t c_ap[48];        /* client application traffic secret */
	uint8_t s_ap[48];        /* server application traffic secret */
	uint8_t res_master[48];  /* resumption master secret */
	uint8_t fin[8 + 4 + 48]; /* [empty Certificate,] Finished, until sent */
	uint8_t nonce[32];       /* NewSessionTicket nonce being received */
	uint8_t fin_len;
	uint8_t fin_sent;
	uint8_t ku_pending; /* KeyUpdate to send: 1 + request_update */
	uint8_t ku_in_row;  /* peer KeyUpdates without app data between */
	uint8_t nonce_len;
	int16_t nst_entry; /* cache entry being filled, or -1 */
	uint16_t nst_tlen; /* ticket length */
	uint32_t nst_pos;  /* NewSessionTicket body bytes parsed */
	uint32_t nst_acc;  /* integer field being read */
} mote_tls_post;

/* TLS 1.2 handshake state kept in the connection (the handshake
 * workspace union is taken by the certificate engine meanwhile): the
 * randoms for the ServerKeyExchange signature and the key expansion, the
 * premaster then master secret, and the client's flight until sent.
 * Private. */
typedef struct {
	uint8_t master[48];  /* premaster secret, then the master secret */
	uint8_t randoms[64]; /* client_random || server_random */
	/* [empty Certificate,] ClientKeyExchange (plaintext), Finished */
	uint8_t flight[7 + 4 + 1 + 97 + 4 + 12];
	uint8_t pms_len;
	uint8_t plain_len;  /* flight bytes before change_cipher_spec */
	uint8_t flight_len;
	uint8_t flight_sent; /* bytes of it in records; + CCS as plain_len + 1 */
	uint8_t ccs_sent;
	uint8_t ems;        /* extended master secret negotiated */
	uint8_t ticket_ext; /* the server will send NewSessionTicket */
	uint8_t resumed;
	int16_t nst_entry;  /* cache entry filled by NewSessionTicket, or -1 */
} mote_tls12_state;

/* Private by contract; sizeof works and is pinned in tests. */
typedef struct mote_conn {
	mote_ctx *ctx;
	mote_handshake *hs; /* NULL once connected */
	const char *server_name;
	uint8_t *rbuf;
	uint8_t *sbuf;
	int err; /* sticky error */
	uint32_t body_len; /* current handshake message body length */
	uint32_t body_got; /* body bytes received */
	uint16_t rcap, scap;
	uint16_t rlen;       /* bytes of the current record received */
	uint16_t rneed;      /* bytes the current record needs in total */
	uint16_t rpos, rend; /* unread plaintext window in rbuf */
	uint16_t slen;       /* bytes in sbuf (records ready + open record) */
	uint16_t spos;       /* bytes of sbuf already sent */
	uint16_t wopen;      /* open app record: plaintext bytes + 1, 0 none */
	uint16_t peer_limit; /* largest content per record the server accepts */
	uint16_t recv_limit; /* content limit negotiated for server records */
	uint16_t suite;
	uint16_t group;
	uint16_t sig_scheme;
	uint8_t hdr[4];  /* current handshake message header */
	uint8_t hdr_len; /* bytes of hdr received */
	uint8_t state;
	uint8_t flags;
	uint8_t rtype;      /* content type of the plaintext in rbuf */
	uint8_t out;        /* pending output (bit mask) */
	uint8_t alert;      /* alert to send */
	uint8_t alert_sent; /* last alert sent + 1, 0 none */
	uint8_t alert_rcvd; /* alert received + 1, 0 none */
	uint8_t mfl;        /* max_fragment_length code offered, 0 none */
	uint8_t alpn;       /* index + 1 of the chosen ALPN protocol, 0 none */
	uint8_t limit_ext;  /* 0 none, 1 max_fragment_length, 2 record_size_limit */
	uint8_t lbuf;       /* pool buffer held: index + 1; 0xFF waiting; 0 */
	uint8_t name_hash[16];
	uint8_t v12;        /* TLS 1.2 negotiated */
	mote_tls_dir rd, wr;
	union {
		mote_tls_hs_secrets hs;
		mote_tls_post post;
		mote_tls12_state t12;
	} u;
} mote_conn;

/*
 * Starts a client connection to server_name (SNI and certificate name;
 * the string must stay valid until the handshake completes). hs is the
 * handshake workspace, lent until the handshake completes. recv_buf
 * and send_buf are caller memory for the connection's lifetime, sized
 * with the macros above (at least MOTE_RECV_BUFFER_MIN/SEND_BUFFER_MIN;
 * at most 65535 bytes each are used). Picks a stored ticket for
 * server_name if there is one, draws the random values and key shares,
 * and prepares the ClientHello: mote_conn_send_buf() returns it.
 * Errors: MOTE_ERR_BAD_ARG, MOTE_ERR_RECV_BUFFER_TOO_SMALL,
 * MOTE_ERR_SEND_BUFFER_TOO_SMALL, MOTE_ERR_UNSUPPORTED (nothing to offer
 * in the config), the DRBG's errors.
 * Stack: key generation (X25519 about 0.6 KB, P-256 about 1.5 KB).
 */
int mote_conn_init(mote_conn *c, mote_ctx *ctx, const char *server_name, void *recv_buf,
                   size_t recv_len, void *send_buf, size_t send_len, mote_handshake *hs);

/* mote_conn_state() bits */
#define MOTE_CONN_CLOSED 0x01u /* no more I/O: mote_conn_error() says why */
#define MOTE_CONN_SEND 0x02u   /* bytes wait in mote_conn_send_buf() */
#define MOTE_CONN_RECV 0x04u   /* the engine takes bytes (recv_buf) */
#define MOTE_CONN_READ 0x08u   /* application data waits (read_buf) */
#define MOTE_CONN_WRITE 0x10u  /* application data can be written */
#define MOTE_CONN_READY 0x20u  /* handshake complete */
#define MOTE_CONN_PEER_CLOSED 0x40u /* close_notify received (clean end) */
/* A record needs a large-record pool buffer and none is free: no RECV
 * until another connection gives one back (mote_ctx_set_large_pool()). */
#define MOTE_CONN_POOL_WAIT 0x80u
#define MOTE_CONN_POOL_HELD 0x100u /* this connection holds a pool buffer */

unsigned mote_conn_state(const mote_conn *c);

/* Where to put bytes received from the network: *len is how many the
 * engine takes now (the rest of the current record). NULL and 0 when it
 * takes none. */
uint8_t *mote_conn_recv_buf(mote_conn *c, size_t *len);

/* len bytes were written at recv_buf(). Processes every complete record.
 * Returns 0 or the (sticky) error; on error an alert is queued. */
int mote_conn_recv_ack(mote_conn *c, size_t len);

/* The transport reached end of file. Without the server's close_notify
 * first this is a truncation: the sticky error becomes MOTE_ERR_TRUNCATED
 * (distinct from a clean close). */
void mote_conn_recv_eof(mote_conn *c);

/* Bytes to send to the network, NULL and 0 when none. */
const uint8_t *mote_conn_send_buf(mote_conn *c, size_t *len);

/* len bytes of send_buf() were sent; queues the next records. */
void mote_conn_send_ack(mote_conn *c, size_t len);

/* Application data received: *len bytes at the returned pointer. NULL
 * and 0 when none. */
const uint8_t *mote_conn_read_buf(mote_conn *c, size_t *len);

/* len bytes of read_buf() were consumed. */
void mote_conn_read_ack(mote_conn *c, size_t len);

/* Where the application writes plaintext: *len bytes of room in the
 * current record. NULL and 0 until the handshake completes and while
 * earlier records are still being sent. */
uint8_t *mote_conn_write_buf(mote_conn *c, size_t *len);

/* len bytes were written at write_buf(); a full record is sealed and
 * queued for sending at once. Returns 0 or an error. */
int mote_conn_write_ack(mote_conn *c, size_t len);

/* Seals the open record (if any) so it can be sent. */
int mote_conn_flush(mote_conn *c);

/* Queues close_notify (after any open record). Reading may go on until
 * the server's close_notify. */
int mote_conn_close(mote_conn *c);

/* Sends a KeyUpdate and switches to a new write key; request_peer asks
 * the server to update its key too. Errors: MOTE_ERR_STATE before the
 * handshake completes, while a KeyUpdate is pending, or on a TLS 1.2
 * connection (no KeyUpdate there). */
int mote_conn_key_update(mote_conn *c, int request_peer);

/* The sticky error (0 while none). A clean close (close_notify
 * received) is not an error: mote_conn_state() then has
 * MOTE_CONN_PEER_CLOSED. */
int mote_conn_error(const mote_conn *c);

/* The last alert sent / received, or -1 for none. */
int mote_conn_alert_sent(const mote_conn *c);
int mote_conn_alert_received(const mote_conn *c);

/* What was negotiated. */
typedef struct {
	uint16_t version;     /* 0x0304 (TLS 1.3) or 0x0303 (TLS 1.2) */
	uint16_t suite;       /* MOTE_TLS_* */
	uint16_t group;       /* MOTE_GROUP_*, 0 for none */
	uint16_t sig_scheme;  /* CertificateVerify / ServerKeyExchange, 0 when resumed */
	uint16_t send_limit;  /* largest content we put in a record */
	uint16_t recv_limit;  /* largest content the server may send */
	uint8_t resumed;      /* PSK resumption; TLS 1.2: abbreviated handshake */
	uint8_t hrr;          /* a HelloRetryRequest was needed */
	uint8_t limit_ext;    /* 0 none, 1 max_fragment_length, 2 record_size_limit */
	uint8_t insecure;     /* MOTE_CONFIG_INSECURE_NO_VERIFY was set */
	const char *alpn;     /* chosen protocol (from the config), or NULL */
} mote_conn_info_t;

/* Fills *info; valid once the handshake completes. */
void mote_conn_info(const mote_conn *c, mote_conn_info_t *info);

/* Bytes per component. The connection holds conn_struct plus both
 * buffers; the handshake workspace only until the handshake completes
 * (0 after). The shared figures are the context's, for all connections. */
typedef struct {
	size_t conn_struct; /* sizeof(mote_conn), of which: */
	size_t keys;        /*   both directions' record protection */
	size_t secrets;     /*   handshake / connected secrets union */
	size_t handshake;   /* sizeof(mote_handshake) while lent, else 0 */
	size_t recv_buf;
	size_t send_buf;
	size_t total;      /* conn_struct + handshake + recv_buf + send_buf */
	size_t ctx_struct; /* sizeof(mote_ctx) (shared) */
	size_t sessions;   /* session cache (shared) */
	size_t pk_scratch; /* public-key scratch (shared) */
	size_t pool;       /* large-record pool buffers (shared) */
	size_t pool_held;  /* of which this connection holds now */
} mote_memory_report;

void mote_conn_memory(const mote_conn *c, mote_memory_report *r);

/* Wipes every secret the connection holds. */
void mote_conn_clear(mote_conn *c);

/* Names for logs: "TLS_AES_128_GCM_SHA256", "x25519", ... ("unknown"). */
const char *mote_tls_suite_name(uint16_t suite);
const char *mote_tls_group_name(uint16_t group);
const char *mote_tls_sig_name(uint16_t scheme);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_TLS_H */
