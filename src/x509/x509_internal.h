/*
 * Internals of the streaming X.509 engine, shared by its files:
 *   x509_stream.c   incremental DER decoder: levels, headers, regions
 *   x509_grammar.c  the Certificate grammar (what each element is)
 *   x509_alg.c      AlgorithmIdentifiers: signatures, PSS, key types
 *   x509_ext.c      extensions: basicConstraints ... nameConstraints
 *   x509_chain.c    path building, policy decisions, anchors, pins
 *   x509_sig.c      signature verification dispatch
 *   x509_name.c     normalized name hashing
 *   x509_host.c     host name, IP and dNSName-constraint matching
 */
#ifndef MOTE_X509_INTERNAL_H
#define MOTE_X509_INTERNAL_H

#include "mote/der.h"
#include "mote/error.h"
#include "mote/x509.h"

/* What an open element is. Containers first, then primitive fields. */
enum {
	XK_FRAME,    /* the certificate's bytes as announced by start_cert */
	XK_CERT,     /* Certificate */
	XK_TBS,      /* TBSCertificate */
	XK_VERSION,  /* [0] EXPLICIT Version */
	XK_ALGID,    /* AlgorithmIdentifier, arg: XA_* */
	XK_PSS,      /* RSASSA-PSS-params */
	XK_EXPL,     /* [n] EXPLICIT inside PSS params, arg: n */
	XK_NAME,     /* Name, arg: XN_ISSUER / XN_SUBJECT */
	XK_RDN,      /* RelativeDistinguishedName */
	XK_ATV,      /* AttributeTypeAndValue */
	XK_VALIDITY, /* Validity */
	XK_SPKI,     /* SubjectPublicKeyInfo */
	XK_RSA_BITS, /* BIT STRING holding RSAPublicKey */
	XK_RSA_KEY,  /* RSAPublicKey */
	XK_EXTS3,    /* [3] EXPLICIT Extensions */
	XK_EXTS,     /* Extensions */
	XK_EXT,      /* Extension */
	XK_EXTVAL,   /* extnValue OCTET STRING, arg: XE_* */
	XK_BC,       /* BasicConstraints */
	XK_EKU,      /* ExtKeyUsageSyntax */
	XK_SAN,      /* GeneralNames */
	XK_NC,       /* NameConstraints */
	XK_SUBTREES, /* GeneralSubtrees, arg: 0 permitted, 1 excluded */
	XK_SUBTREE,  /* GeneralSubtree, arg as above */
	XK_PRIM = 32,
	XF_SKIP = XK_PRIM, /* any element not decoded (hashed only) */
	XF_VERSION,
	XF_SERIAL,
	XF_ALG_OID,
	XF_NULL,
	XF_CURVE,
	XF_SALT,
	XF_TIME, /* arg: 0 notBefore, 1 notAfter */
	XF_ATV_OID,
	XF_ATV_VALUE,
	XF_RSA_N,
	XF_RSA_E,
	XF_EC_POINT,
	XF_ED_KEY,
	XF_SIG,
	XF_EXT_OID,
	XF_EXT_CRIT,
	XF_BC_CA,
	XF_PATHLEN,
	XF_KU,
	XF_EKU_OID,
	XF_SAN_DNS,
	XF_SAN_IP,
	XF_NC_DNS, /* arg: 0 permitted, 1 excluded */
	XF_NC_IP
};

/* Which AlgorithmIdentifier. */
enum { XA_TBS, XA_OUTER, XA_SPKI, XA_PSS_HASH, XA_MGF, XA_MGF_HASH };
enum { XN_ISSUER, XN_SUBJECT };

/* Signature algorithms (mote_x509_sigalg.sig). */
enum { XS_NONE, XS_UNKNOWN, XS_WEAK, XS_RSA_PKCS1, XS_RSA_PSS, XS_ECDSA, XS_ED25519 };
/* Hashes beyond mote_hash_alg's (mote_x509_sigalg.hash). */
#define XH_WEAK 0x10
#define XH_UNKNOWN 0x11

/* Extensions the engine knows (bits of seen_ext). */
enum { XE_UNKNOWN, XE_BC, XE_KU, XE_EKU, XE_SAN, XE_NC, XE_SKI, XE_AKI };

/* Regions: byte ranges that feed a hash. */
#define XR_CERT 0x01 /* whole leaf certificate (PIN_LEAF_CERT) */
#define XR_TBS 0x02  /* TBSCertificate, for its signature */
#define XR_SPKI 0x04 /* SubjectPublicKeyInfo (SPKI pins) */

/* What happens to TBS bytes. */
enum { XT_OFF, XT_PREFIX, XT_HASH, XT_BUFFER };

/* Per-certificate flags (ctx->flags). */
#define XC_CANDIDATE 0x0001 /* subject matches the path's last issuer */
#define XC_SIG_OK 0x0002    /* key verified the pending signature */
#define XC_KU 0x0004        /* keyUsage present */
#define XC_EKU 0x0008       /* extendedKeyUsage present */
#define XC_EKU_OK 0x0010    /* ... and allows the purpose */
#define XC_SAN 0x0020       /* subjectAltName present */
#define XC_SAN_MATCH 0x0040 /* a SAN entry matched the host/IP */
#define XC_CN_MATCH 0x0080  /* a subject CN matched the host */
#define XC_CN_ATTR 0x0100   /* the attribute being read is a CN */
#define XC_PINNED 0x0200    /* SPKI hash matched a pin */
#define XC_ANCHOR 0x0400    /* subject and key equal an anchor's */
#define XC_HAS_BC 0x0800    /* basicConstraints present */

/* Name-constraint results (ctx->nc). */
#define XNC_DNS_PERMIT_SEEN 0x01
#define XNC_DNS_PERMIT_MATCH 0x02
#define XNC_DNS_EXCLUDED 0x04
#define XNC_IP_PERMIT_SEEN 0x08
#define XNC_IP_PERMIT_MATCH 0x10
#define XNC_IP_EXCLUDED 0x20

/* Chain states (ctx->state). */
enum { XST_IDLE, XST_CHAIN, XST_CERT, XST_DONE };

/* keyUsage bits as read from the BIT STRING: bit n of the named-bit list
 * is (first two bytes, big-endian) 0x8000 >> n. */
#define XKU_DIGITAL_SIGNATURE 0x8000
#define XKU_KEY_CERT_SIGN 0x0400

/* A public key the engine can verify with: arena slot or anchor. */
typedef struct {
	uint8_t type;
	uint8_t curve;
	const uint8_t *k;
	size_t k_len;
	const uint8_t *e;
	size_t e_len;
} mote_x509_key;

/* ---- x509_stream.c ---- */
/* Record a rule broken by the current certificate (first one kept). */
void mote_x509_cert_error(mote_x509_ctx *ctx, int err);
/* Append bytes to the arena's current-certificate region. */
int mote_x509_arena_append(mote_x509_ctx *ctx, const uint8_t *p, size_t n);
/* Reserve n bytes below the leaf key for the key being read. */
int mote_x509_arena_key(mote_x509_ctx *ctx, size_t n);
/* Bytes left in the current primitive / container. */
uint32_t mote_x509_level_len(const mote_x509_ctx *ctx, const mote_x509_level *lv);

/* ---- x509_grammar.c ---- */
int mote_x509_child(mote_x509_ctx *ctx, mote_x509_level *parent, mote_x509_level *child);
int mote_x509_field_begin(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len);
int mote_x509_field_bytes(mote_x509_ctx *ctx, mote_x509_level *lv, const uint8_t *p, size_t n);
int mote_x509_field_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len);
int mote_x509_container_end(mote_x509_ctx *ctx, mote_x509_level *lv);

/* ---- x509_alg.c ---- */
int mote_x509_alg_child(mote_x509_ctx *ctx, mote_x509_level *parent, mote_x509_level *child);
int mote_x509_alg_field_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len);
int mote_x509_alg_end(mote_x509_ctx *ctx, mote_x509_level *lv);
/* DER check of the captured OID of length len. OIDs longer than the
 * capture buffer cannot be checked or known: they pass, as unknown. */
int mote_x509_check_oid(const mote_x509_ctx *ctx, uint32_t len);
/* 1 if the captured OID of length len equals known[0..known_len). */
int mote_x509_oid_is(const mote_x509_ctx *ctx, uint32_t len, const uint8_t *known,
                     size_t known_len);

/* ---- x509_ext.c ---- */
int mote_x509_ext_child(mote_x509_ctx *ctx, mote_x509_level *parent, mote_x509_level *child);
int mote_x509_ext_field_begin(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len);
int mote_x509_ext_field_bytes(mote_x509_ctx *ctx, mote_x509_level *lv, const uint8_t *p,
                              size_t n);
int mote_x509_ext_field_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len);
int mote_x509_ext_end(mote_x509_ctx *ctx, mote_x509_level *lv);

/* ---- x509_chain.c ---- */
void mote_x509_chain_cert_begin(mote_x509_ctx *ctx);
int mote_x509_chain_tbs_alg(mote_x509_ctx *ctx);
void mote_x509_chain_time(mote_x509_ctx *ctx, int which, int64_t t);
void mote_x509_chain_subject(mote_x509_ctx *ctx);
/* The SPKI's SHA-256 is known: does a pin match it? */
void mote_x509_chain_pins(mote_x509_ctx *ctx, const uint8_t spki_hash[MOTE_SHA256_SIZE]);
/* Starts the SPKI hash region when a pin needs it. */
void mote_x509_chain_spki_begin(mote_x509_ctx *ctx);
int mote_x509_chain_key(mote_x509_ctx *ctx);
/* The signature value is complete in the arena. */
void mote_x509_chain_sig(mote_x509_ctx *ctx);
int mote_x509_chain_tbs_end(mote_x509_ctx *ctx);
int mote_x509_chain_outer_alg(mote_x509_ctx *ctx);
int mote_x509_chain_cert_end(mote_x509_ctx *ctx);
int mote_x509_chain_end(mote_x509_ctx *ctx);
/* The leaf certificate is being read (name and SAN matching apply). */
int mote_x509_is_leaf(const mote_x509_ctx *ctx);
/* Name constraints matter for this certificate. */
int mote_x509_wants_nc(const mote_x509_ctx *ctx);

/* ---- x509_sig.c ---- */
/* Verify the pending signature with key. 0, MOTE_ERR_BAD_SIGNATURE,
 * MOTE_ERR_X509_WEAK_HASH, MOTE_ERR_X509_UNSUPPORTED_ALG, ... */
int mote_x509_verify_pending(mote_x509_ctx *ctx, const mote_x509_key *key);
/* The key slot as a verification key (pointing into the arena). */
void mote_x509_slot_key(const mote_x509_ctx *ctx, const mote_x509_key_slot *s, mote_x509_key *k);
/* The anchor's key as a verification key; ebuf holds the exponent. */
void mote_x509_anchor_key(const mote_trust_anchor *ta, uint8_t ebuf[4], mote_x509_key *k);
/* 1 if two keys are the same key. */
int mote_x509_key_equal(const mote_x509_key *a, const mote_x509_key *b);

/* ---- x509_name.c ---- */
void mote_x509_name_begin(mote_sha256_ctx *h);
void mote_x509_name_rdn(mote_sha256_ctx *h);
void mote_x509_name_attr_begin(mote_sha256_ctx *h, uint32_t oid_len);
void mote_x509_name_value_begin(mote_sha256_ctx *h, mote_x509_name_state *s, uint8_t tag);
void mote_x509_name_value(mote_sha256_ctx *h, mote_x509_name_state *s, const uint8_t *p,
                          size_t len);
void mote_x509_name_value_end(mote_sha256_ctx *h, mote_x509_name_state *s);
void mote_x509_name_final(mote_sha256_ctx *h, uint8_t out[MOTE_X509_NAME_HASH_SIZE]);
/* A whole DER Name (the contents of its SEQUENCE) hashed at once. */
int mote_x509_name_hash_der(const uint8_t *der, size_t len, uint8_t out[MOTE_X509_NAME_HASH_SIZE]);

/* ---- x509_host.c ---- */
/* SAN dNSName / CN pattern against the host name, streamed. */
void mote_x509_host_begin(mote_x509_ctx *ctx);
void mote_x509_host_bytes(mote_x509_ctx *ctx, const uint8_t *p, size_t n);
int mote_x509_host_end(const mote_x509_ctx *ctx);
/* dNSName constraint of length len against the host name, streamed. */
void mote_x509_nc_dns_begin(mote_x509_ctx *ctx, uint32_t len);
void mote_x509_nc_dns_bytes(mote_x509_ctx *ctx, const uint8_t *p, size_t n);
int mote_x509_nc_dns_end(const mote_x509_ctx *ctx);
/* iPAddress constraint (address || mask, 8 or 32 bytes) against ip. */
int mote_x509_nc_ip_match(const uint8_t *ip, size_t ip_len, const uint8_t *c, size_t c_len);

#endif
