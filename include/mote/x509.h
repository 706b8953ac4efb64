/*
 * Streaming X.509 certificate-chain validation.
 *
 * The engine receives the certificates of a TLS Certificate message in
 * chunks of any size, as records arrive, and validates the chain without
 * storing a certificate. It keeps only running hashes, name hashes, the
 * pending signature, the leaf's public key and the one public key being
 * read, all in a mote_x509_ctx of fixed size (caller memory) that does not
 * grow with the chain's length or the certificates' sizes.
 *
 * Two layers, used by the TLS handshake and by `mote verify` alike:
 *   certificates  mote_x509_start_chain / start_cert(len) / append(buf, n)
 *                 / end_cert / end_chain, BearSSL-like;
 *   TLS framing   mote_x509_feed_tls(ctx, tls13, buf, n) takes the
 *                 certificate_list of a Certificate message (see there).
 * Every function returns 0 or a negative MOTE_ERR_* code; the first error
 * is sticky: later calls return it until mote_x509_start_chain().
 *
 * Policy (server authentication as browsers do it; client certificates
 * with MOTE_X509_PURPOSE_CLIENT):
 *   - signatures: RSA PKCS#1 v1.5 with SHA-256/384/512, RSA-PSS (SHA-256/
 *     384/512, MGF1 with the same hash), ECDSA P-256/P-384 with SHA-256/
 *     384/512, Ed25519; SHA-1 and MD5 signatures: MOTE_ERR_X509_WEAK_HASH;
 *   - chaining: the leaf comes first; certificate i+1 extends the path when
 *     its normalized subject name equals the path's last issuer name and its
 *     key verifies that certificate's signature; any other certificate
 *     (out of order, duplicate, unrelated, the root itself) is skipped. The
 *     path ends at the first certificate whose issuer is a trust anchor (by
 *     name, and whose signature verifies under the anchor key), or at a leaf
 *     that is itself an anchor (same name and key). Certificates after that
 *     are not parsed. A path certificate must come after the certificate it
 *     signs; the common disorders are covered (root before the
 *     intermediate, extra certificates anywhere), reversed intermediates are
 *     not (MOTE_ERR_X509_UNTRUSTED).
 *   - a certificate that would extend the path but breaks a rule (expired,
 *     not a CA, ...) is passed over, and the next one is tried; if none
 *     completes the path, the first such rule's error is returned.
 *   - validity: every path certificate (not the anchor) against the
 *     policy's time; basicConstraints cA and pathLenConstraint on every
 *     issuer; keyUsage keyCertSign on issuers and digitalSignature on the
 *     leaf (when the extension is present); extendedKeyUsage (when present)
 *     must hold serverAuth (clientAuth) or anyExtendedKeyUsage, on the leaf
 *     and on issuers; unknown critical extensions are rejected; RSA keys
 *     below the policy's minimum size are rejected (MOTE_ERR_WEAK_KEY).
 *   - host name (RFC 6125): SAN dNSName entries, a wildcard only as the
 *     whole leftmost label of a name with at least three labels, matching
 *     exactly one label; SAN iPAddress for an IP; the subject CN only when
 *     the certificate has no SAN extension.
 *   - name constraints: the leaf's names stream past before any issuer's
 *     constraints arrive, so the engine checks the name it validated (the
 *     policy's host name or IP address) against every issuer's permitted
 *     and excluded dNSName and iPAddress subtrees. The leaf's other SAN
 *     entries and other name forms (directoryName, email, URI) are not
 *     checked. Without a host name or IP in the policy there is nothing to
 *     check. Trust anchors carry no constraints.
 *   - strict DER throughout (mote/der.h rules). Certificate parts the policy
 *     does not use (the contents of unknown non-critical extensions, other
 *     SAN name forms, certificates skipped as unrelated) are not decoded.
 *
 * Names: issuer and subject are hashed with SHA-256 in a normalized form:
 * per attribute, its OID and its value; PrintableString, UTF8String and
 * IA5String values compare as one class, ASCII letters case-folded,
 * leading and trailing spaces removed and inner runs of spaces collapsed
 * (RFC 5280 7.1 / RFC 4518, ASCII only); other string types compare byte
 * for byte. Trust anchors store the same hash.
 *
 * Memory: sizeof(mote_x509_ctx) is MOTE_X509_ARENA_SIZE + 768 bytes on
 * 64-bit targets and + 752 on 32-bit ones (ARM EABI): 2304 and 2288 with
 * the default arena (pinned in tests/unit/test_x509.c; breakdown in
 * docs/X509.md). It does not depend on the chain's length or the
 * certificates' sizes. No allocation, no recursion. RSA verification
 * borrows the scratch area passed to mote_x509_init() for one operation
 * at a time; ECDSA and Ed25519 verification use the stack. Peak stack:
 * MOTE_X509_ENGINE_STACK for the engine itself, MOTE_X509_PEAK_STACK with
 * the verifiers.
 */
#ifndef MOTE_X509_H
#define MOTE_X509_H

#include <stddef.h>
#include <stdint.h>

#include "mote/config.h"
#include "mote/hash.h"
#include "mote/pkey.h"
#include "mote/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Arena for keys, the pending signature and certificate bytes that must
 * wait for a hash algorithm. Its peak use is
 *     leaf key + pending signature + the key being read,
 * each up to 512 bytes with RSA-4096, so the default covers every chain of
 * supported keys. A smaller arena (e.g. 1024) serves chains whose sum fits
 * (all RSA-2048, all EC, RSA-4096 roots kept as anchors) and fails others
 * with MOTE_ERR_X509_TOO_LARGE. Ed25519-signed certificates also need
 * their whole TBSCertificate here until the issuer's key arrives: PureEdDSA
 * hashes the signature's R and the key before the message, so it cannot
 * run on a stream.
 */
#ifndef MOTE_X509_ARENA_SIZE
#define MOTE_X509_ARENA_SIZE 1536
#endif

/* Peak stack in bytes (x86-64, gcc 12 -O2, measured by
 * tests/unit/test_x509_stack.c and rounded up): the engine's own frames
 * (decoding, names, hashes: 648), and the peak of a whole validation, set
 * by the signature verifiers it calls (Ed25519 and ECDSA P-384 the
 * deepest: 3432 with gcc 12, 4008 with clang 14). */
#define MOTE_X509_ENGINE_STACK 768
#define MOTE_X509_PEAK_STACK 4608

/* Largest RSA modulus, in bytes, the engine accepts (RSA-4096). */
#define MOTE_X509_MAX_RSA_BYTES 512

/* Open DER elements the decoder tracks; the deepest element of a
 * certificate the engine parses is 10 levels down. */
#define MOTE_X509_LEVELS 12

/* Longest primitive value kept whole (OIDs, times, IP constraints). */
#define MOTE_X509_CAPTURE 40

#define MOTE_X509_NAME_HASH_SIZE 32
#define MOTE_X509_PIN_SIZE 32

/* Default maximum number of certificates in a path (leaf and
 * intermediates; the anchor not counted). */
#define MOTE_X509_DEFAULT_MAX_DEPTH 6

/* ---- Trust anchors ------------------------------------------------ */

/* The anchor may issue certificates. An anchor without it is trusted only
 * as the leaf itself (same name and key). */
#define MOTE_TA_CA 0x01

/*
 * A trust anchor: normalized subject name hash + public key. Plain const
 * data: arrays of anchors generated by `mote ta bundle.pem > anchors.c`
 * live in flash; mote_ta_from_der() builds them at run time.
 *   key       RSA: the modulus (big-endian, no leading zero byte);
 *             EC: the uncompressed point 0x04 || X || Y;
 *             Ed25519: the 32-byte key.
 *   rsa_e     RSA public exponent (RSA only).
 *   key_type  a mote_pkey_type (RSA, EC or ED25519).
 *   curve     MOTE_PKEY_CURVE_P256 / _P384 for EC, else 0.
 * sizeof: 56 bytes on 64-bit targets, 48 on 32-bit ones (+ key bytes).
 */
typedef struct mote_trust_anchor {
	uint8_t name_hash[MOTE_X509_NAME_HASH_SIZE];
	const uint8_t *key;
	uint32_t rsa_e;
	uint16_t key_len;
	uint8_t key_type;
	uint8_t curve;
	uint8_t flags;
} mote_trust_anchor;

/*
 * A trust anchor from one DER certificate (any certificate: it is not
 * validated, only its subject and key are taken). The key bytes are copied
 * to arena[*used..] and *used advances; the anchor points there, so the
 * arena must outlive it. flags: MOTE_TA_CA unless the certificate has
 * basicConstraints with cA FALSE or is v1/v2 and not self-issued.
 * Errors: MOTE_ERR_DER_* (malformed), MOTE_ERR_X509_UNSUPPORTED_ALG (key
 * type), those of mote_pkey_parse_spki, MOTE_ERR_BUFFER_TOO_SMALL (arena).
 * Stack: under 512 bytes.
 */
int mote_ta_from_der(mote_trust_anchor *ta, const uint8_t *der, size_t len, uint8_t *arena,
                     size_t arena_len, size_t *used);

/*
 * Every CERTIFICATE block of a PEM text (a CA bundle) into tas[0..cap),
 * keys into the arena as above. Blocks with other labels are ignored.
 * *count gets the number of anchors written. der_buf (der_cap bytes, at
 * least the largest certificate's DER size; 8 KB is ample) is where each
 * block is decoded before conversion. Stops at the first failure and
 * returns its error (*count anchors are valid); MOTE_ERR_BUFFER_TOO_SMALL
 * when tas or the arena is full.
 */
int mote_ta_load_pem(mote_trust_anchor *tas, size_t cap, size_t *count, const char *pem,
                     size_t pem_len, uint8_t *der_buf, size_t der_cap, uint8_t *arena,
                     size_t arena_len, size_t *used);

/* ---- Policy ------------------------------------------------------- */

typedef enum {
	MOTE_X509_TRUST_ANCHORS = 0, /* validate the chain up to an anchor */
	MOTE_X509_PIN_LEAF_SPKI,     /* leaf SubjectPublicKeyInfo SHA-256 */
	MOTE_X509_PIN_CHAIN_SPKI,    /* SPKI SHA-256 of a chain certificate */
	MOTE_X509_PIN_LEAF_CERT,     /* leaf certificate SHA-256 */
	MOTE_X509_INSECURE           /* nothing checked: see below */
} mote_x509_trust;

typedef enum {
	MOTE_X509_TIME_UNSET = 0, /* refused by mote_x509_start_chain() */
	MOTE_X509_TIME_CHECK,     /* notBefore <= now <= notAfter */
	MOTE_X509_TIME_NOT_BEFORE_FLOOR,
	MOTE_X509_TIME_IGNORE
} mote_x509_time_mode;

typedef enum { MOTE_X509_PURPOSE_SERVER = 0, MOTE_X509_PURPOSE_CLIENT } mote_x509_purpose;

/*
 * What to check. Fill it with the functions below; the engine keeps a
 * pointer, so it must stay in place (and unchanged) while a chain is being
 * validated. One policy may serve many contexts.
 */
typedef struct {
	const mote_trust_anchor *anchors;
	size_t anchor_count;
	const uint8_t (*pins)[MOTE_X509_PIN_SIZE];
	size_t pin_count;
	const char *host; /* not NUL-terminated; NULL: no name check */
	int64_t time;
	uint16_t host_len;
	uint16_t min_rsa_bits;
	uint8_t ip[16];
	uint8_t ip_len; /* 0, 4 or 16 */
	uint8_t trust;  /* mote_x509_trust */
	uint8_t time_mode;
	uint8_t purpose;
	uint8_t max_depth;
} mote_x509_policy;

/*
 * Chain validation up to anchors[0..count) (may be empty: then nothing is
 * trusted). Defaults: purpose server, max depth MOTE_X509_DEFAULT_MAX_DEPTH,
 * RSA keys of at least 2048 bits, no host name, and NO time policy: one of
 * the three time functions below must be called.
 */
void mote_x509_policy_init(mote_x509_policy *p, const mote_trust_anchor *anchors, size_t count);

/* Validity checked against now (seconds since 1970-01-01T00:00:00Z). */
void mote_x509_policy_set_time(mote_x509_policy *p, int64_t now);

/* For devices without a clock: floor is a time known to have passed (the
 * firmware's build date, a time stored at the last sync). Certificates
 * that expired before floor are rejected; notBefore is not checked, since
 * the real time is unknown but not earlier than floor. */
void mote_x509_policy_set_time_floor(mote_x509_policy *p, int64_t floor);

/* Validity periods are not checked at all. */
void mote_x509_policy_ignore_time(mote_x509_policy *p);

/*
 * The name the peer must hold. A dotted-quad IPv4 literal is matched
 * against iPAddress entries (as mote_x509_policy_set_ip); anything else
 * must be a DNS name (letters, digits, '-', '.', '_'; at most 253 bytes
 * after dropping one trailing dot; no empty label) matched against dNSName
 * entries. IPv6 literals: use mote_x509_policy_set_ip(). name[0..len) must
 * outlive the policy's use (not copied). Errors: MOTE_ERR_BAD_ARG.
 */
int mote_x509_policy_set_host(mote_x509_policy *p, const char *name, size_t len);

/* The IP address the peer must hold: 4 (IPv4) or 16 (IPv6) bytes, network
 * order, copied. Errors: MOTE_ERR_BAD_ARG for another length. */
int mote_x509_policy_set_ip(mote_x509_policy *p, const uint8_t *ip, size_t len);

void mote_x509_policy_set_purpose(mote_x509_policy *p, mote_x509_purpose purpose);

/* At most depth certificates in the path (1..255), anchor not counted. */
void mote_x509_policy_set_max_depth(mote_x509_policy *p, unsigned depth);

/*
 * Pin modes (no anchors needed): mode is MOTE_X509_PIN_LEAF_SPKI (SHA-256
 * of the leaf's DER SubjectPublicKeyInfo, as `openssl pkey -pubin
 * -outform DER | openssl dgst -sha256`), MOTE_X509_PIN_LEAF_CERT (SHA-256
 * of the leaf's DER) or MOTE_X509_PIN_CHAIN_SPKI (SHA-256 of the SPKI of
 * a certificate of the path: the leaf, or an issuer reached from the leaf
 * by name and signature as in anchor mode: the pinned certificate takes
 * the anchor's place). The leaf rules (validity per the time policy, host
 * name when set, keyUsage, extendedKeyUsage, critical extensions) still
 * apply. pins[0..count) must outlive the policy's use.
 * Errors: MOTE_ERR_BAD_ARG (another mode).
 */
int mote_x509_policy_pin(mote_x509_policy *p, mote_x509_trust mode,
                         const uint8_t (*pins)[MOTE_X509_PIN_SIZE], size_t count);

/*
 * INSECURE: accepts any well-formed leaf and extracts its key; checks no
 * signature, no time, no name, nothing. For tests and debugging only: a
 * connection using it is open to any man in the middle.
 */
void mote_x509_policy_insecure_no_verification(mote_x509_policy *p);

/* ---- The engine --------------------------------------------------- */

/* Where a stored key lives inside the arena. */
typedef struct {
	uint16_t off;
	uint16_t len;
	uint8_t type; /* mote_pkey_type */
	uint8_t curve;
	uint8_t e_len;
	uint8_t e[4]; /* RSA public exponent, big-endian, no leading zeros */
} mote_x509_key_slot;

/* One open DER element. */
typedef struct {
	uint32_t end; /* offset in the certificate where it ends */
	uint8_t kind; /* what it is in the certificate grammar */
	uint8_t arg;  /* which one (issuer/subject, which AlgorithmIdentifier) */
	uint8_t st;   /* next expected child */
	uint8_t tag;
} mote_x509_level;

/* Streaming match of one name (SAN entry, CN, constraint) against the
 * policy's host name. */
typedef struct {
	uint16_t pos;
	uint8_t state;
	uint8_t dots;
} mote_x509_match;

/* Normalization state of one attribute value being hashed. */
typedef struct {
	uint8_t cls;
	uint8_t space;
	uint8_t any;
} mote_x509_name_state;

/* An AlgorithmIdentifier of a signature, decoded. */
typedef struct {
	uint8_t sig;  /* internal signature algorithm id */
	uint8_t hash; /* mote_hash_alg, or an internal weak/unknown id */
	uint8_t mgf_hash;
	uint8_t null_params;
	uint16_t salt;
} mote_x509_sigalg;

/*
 * The context: fixed size, caller memory, private by contract (the fields
 * are declared so that sizeof works). One chain at a time.
 */
typedef struct {
	const mote_x509_policy *pol;
	uint8_t *scratch;
	size_t scratch_len;
	int err;
	/* Incremental DER decoder. */
	uint32_t pos;
	uint32_t cert_len;
	uint32_t fld_len;
	mote_x509_level lv[MOTE_X509_LEVELS];
	uint8_t nlv;
	uint8_t hdr_n;
	uint8_t hdr[6];
	uint8_t cap_n;
	uint8_t cap[MOTE_X509_CAPTURE];
	uint8_t regions;
	uint8_t bits_pending;
	uint8_t skip;
	uint8_t tbs_mode;
	/* Per-certificate state. */
	uint8_t version;
	uint8_t crit;
	uint8_t ext_id;
	uint8_t is_ca;
	int16_t path_len;
	uint16_t seen_ext;
	uint16_t ku;
	uint16_t flags;
	int16_t cert_err;
	mote_x509_sigalg alg;     /* TBS signature field */
	mote_x509_sigalg alg_out; /* outer signatureAlgorithm */
	uint8_t spki_type;
	uint8_t spki_curve;
	/* Host name matching and name constraints of the certificate. */
	mote_x509_match hm;
	mote_x509_name_state nst;
	uint8_t nc;
	/* Chain state. */
	uint8_t state;
	uint8_t depth;
	uint8_t ca_below;
	uint8_t cert_index;
	uint8_t trusted;
	uint8_t failed_candidates;
	int16_t cand_err;
	uint8_t want_name[MOTE_X509_NAME_HASH_SIZE];
	uint8_t cur_issuer[MOTE_X509_NAME_HASH_SIZE];
	uint8_t cur_subject[MOTE_X509_NAME_HASH_SIZE];
	/* The pending signature: the last path certificate's, waiting for
	 * its issuer's key. The digest (or, for Ed25519, the TBS bytes at the
	 * arena's start) and the signature at arena[sig_off..]. */
	mote_x509_sigalg pend_alg;
	uint16_t pend_msg_len;
	uint16_t pend_sig_off;
	uint16_t pend_sig_len;
	uint8_t pend_digest[MOTE_HASH_MAX_SIZE];
	/* Arena use: [0, p_len) pending, [p_len, p_len + c_len) bytes of the
	 * current certificate, [key.off, leaf.off) the key being read,
	 * [leaf.off, end) the leaf key. */
	uint16_t p_len;
	uint16_t c_len;
	mote_x509_key_slot leaf;
	mote_x509_key_slot key;
	/* TLS framing. */
	uint32_t tls_left;
	uint32_t tls_entry_left;
	uint16_t tls_ext_left;
	uint8_t tls_phase;
	uint8_t tls_n;
	uint8_t tls_buf[4];
	/* Hashes: TBS (or leaf certificate) and names (or SPKI). */
	mote_hash_ctx tbs;
	mote_sha256_ctx aux;
	uint8_t arena[MOTE_X509_ARENA_SIZE];
} mote_x509_ctx;

/*
 * Binds a policy and the RSA scratch area. scratch (scratch_len bytes) is
 * used only inside one RSA verification at a time and may be shared by
 * contexts that never verify concurrently; MOTE_RSA_VERIFY_SCRATCH bytes
 * (see mote/rsa.h) for the largest modulus. NULL/0 is fine when no RSA
 * signature will be met (else MOTE_ERR_SCRATCH_TOO_SMALL).
 */
void mote_x509_init(mote_x509_ctx *ctx, const mote_x509_policy *pol, void *scratch,
                    size_t scratch_len);

/* Starts (or restarts) a chain: clears every state and error.
 * Errors: MOTE_ERR_X509_NO_TIME_POLICY, MOTE_ERR_BAD_ARG (no policy). */
int mote_x509_start_chain(mote_x509_ctx *ctx);

/* The next certificate is len bytes of DER (leaf first).
 * Errors: MOTE_ERR_STATE, MOTE_ERR_DER_TRUNCATED (len 0). */
int mote_x509_start_cert(mote_x509_ctx *ctx, uint32_t len);

/* The next bytes of the certificate, any number at a time (more than the
 * certificate has left: MOTE_ERR_DER_TRAILING_DATA). Returns the first
 * error met: DER errors are final; a rule broken by a certificate that
 * might be skipped is reported by end_chain(). */
int mote_x509_append(mote_x509_ctx *ctx, const uint8_t *buf, size_t len);

/* The certificate is complete (else MOTE_ERR_DER_TRUNCATED). */
int mote_x509_end_cert(mote_x509_ctx *ctx);

/* The chain is complete: 0 if it is valid under the policy, else the
 * specific error (MOTE_ERR_X509_EMPTY_CHAIN for no certificate). */
int mote_x509_end_chain(mote_x509_ctx *ctx);

/*
 * TLS framing: buf[0..len) are the next bytes of the certificate_list of a
 * Certificate message, starting with the list's own 3-byte length, i.e.
 *   TLS 1.2 (tls13 = 0): the whole message body;
 *   TLS 1.3 (tls13 = 1): the body after certificate_request_context;
 *                        each entry's extensions are checked for framing
 *                        and skipped.
 * Calls start_chain on the first byte and end_chain after the list's last
 * byte, returning its verdict there. Errors: those of the engine,
 * MOTE_ERR_X509_TLS_FRAMING (empty certificate, extensions overrunning the
 * entry, bytes after the list). The same tls13 must be passed throughout.
 */
int mote_x509_feed_tls(mote_x509_ctx *ctx, int tls13, const uint8_t *buf, size_t len);

/* After the Certificate message ended: the verdict, or
 * MOTE_ERR_X509_TLS_FRAMING if the list had not ended. */
int mote_x509_tls_finish(mote_x509_ctx *ctx);

/*
 * The leaf's public key, available once the leaf's SubjectPublicKeyInfo
 * has been read (also in pin and insecure modes). *out points into ctx,
 * valid until the next mote_x509_start_chain(). The handshake checks
 * CertificateVerify / ServerKeyExchange with it after end_chain() returned
 * 0. Errors: MOTE_ERR_STATE (no key yet).
 */
int mote_x509_leaf_key(const mote_x509_ctx *ctx, mote_pkey *out);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_X509_H */
