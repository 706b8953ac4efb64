/*
 * A misbehaving server: OpenSSL's server (in process) behind a man in the
 * middle that rewrites its records (peer.c). For every fault, the client
 * must fail with the specific error and send the right alert, and OpenSSL
 * must receive that alert (the alert is checked on the wire by a second
 * implementation, encryption included).
 *
 * Faults: a bad CertificateVerify (signature, scheme not offered, scheme
 * for another key type), a tampered, expired, not yet valid, wrongly
 * named or untrusted certificate, a suite, group or session id not offered, TLS 1.2, unknown and
 * misplaced extensions, garbage and corrupted records, a record over the
 * buffer, truncation (mid-record and between records), a bad Finished, an
 * alert in the middle of the handshake (plaintext and protected), messages
 * out of order, trailing bytes in a message, a bad change_cipher_spec,
 * application data before Finished.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/tls.h"
#include "peer.h"
#include "test.h"

static struct pki pki, pki_expired, pki_future, pki_other;
static int faults_run;

/* ---- Helpers on server records ------------------------------------------ */

/* Offset of the ServerHello fields in its record (sid echo is 32 bytes
 * in compatibility mode). */
#define SH_RANDOM (5 + 4 + 2)
#define SH_SID (SH_RANDOM + 32 + 1)
#define SH_SUITE (SH_SID + 32)
#define SH_EXTS (SH_SUITE + 2 + 1 + 2)

/* Finds extension type in the ServerHello record; offset of its body. */
static size_t sh_find_ext(const uint8_t *rec, size_t len, uint16_t type)
{
	size_t off = SH_EXTS;

	while (off + 4 <= len) {
		uint16_t t = (uint16_t)((rec[off] << 8) | rec[off + 1]);
		size_t l = ((size_t)rec[off + 2] << 8) | rec[off + 3];
		if (t == type)
			return off + 4;
		off += 4 + l;
	}
	return 0;
}

/* The protected handshake record being delivered, decrypted: message
 * type of its first message, or -1. */
static int hs_msg_type(struct peer *p, const uint8_t *rec, size_t len, uint8_t *plain,
                       size_t *plen)
{
	uint8_t type;

	if (rec[0] != 23 || peer_open_hs_record(p, rec, len, p->server_seq_hs, plain, plen, &type))
		return -1;
	return type == 22 ? plain[0] : -1;
}

/* ---- Faults ---------------------------------------------------------------- */

struct fault {
	const char *name;
	int (*fn)(struct peer *p, uint8_t *rec, size_t *len, size_t cap);
	int want_err;
	int want_alert; /* -1: none sent */
	struct pki *server;  /* NULL: the good chain */
	const char *host;    /* NULL: localhost */
	struct pki *anchor;  /* NULL: the good chain's root */
};

static int f_suite(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	if (p->records_from_server == 1)
		rec[SH_SUITE + 1] = 0x03; /* the client offers AES-128-GCM only */
	return 0;
}

static int f_group(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	size_t off;

	(void)cap;
	if (p->records_from_server == 1 && (off = sh_find_ext(rec, *len, 51)) != 0)
		rec[off + 1] = 0x17; /* secp256r1: no share was sent for it */
	return 0;
}

static int f_sid(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	(void)len;
	if (p->records_from_server == 1)
		rec[SH_SID + 5] ^= 1;
	return 0;
}

static int f_version(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	size_t off;

	(void)cap;
	if (p->records_from_server == 1 && (off = sh_find_ext(rec, *len, 43)) != 0)
		rec[off + 1] = 0x03; /* supported_versions: TLS 1.2 */
	return 0;
}

/* A TLS 1.2 ServerHello: no supported_versions, no extensions at all. */
static int f_tls12(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	static const uint8_t sh12_head[] = {0x16, 0x03, 0x03, 0x00, 0x2A, 0x02, 0x00, 0x00, 0x26,
	                                    0x03, 0x03};
	(void)cap;
	if (p->records_from_server != 1)
		return 0;
	memcpy(rec, sh12_head, sizeof sh12_head);
	memset(rec + sizeof sh12_head, 0x42, 32);
	rec[sizeof sh12_head + 32] = 0;    /* session id */
	rec[sizeof sh12_head + 33] = 0xC0; /* ECDHE-ECDSA-AES128-GCM-SHA256 */
	rec[sizeof sh12_head + 34] = 0x2B;
	rec[sizeof sh12_head + 35] = 0;
	*len = sizeof sh12_head + 36;
	return 0;
}

static int f_sh_unknown_ext(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	size_t off;

	(void)cap;
	if (p->records_from_server == 1 && (off = sh_find_ext(rec, *len, 51)) != 0)
		rec[off - 4] = 0x7E; /* key_share becomes type 0x7E33: never sent */
	return 0;
}

static int f_sh_misplaced_ext(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	size_t off;

	(void)cap;
	if (p->records_from_server == 1 && (off = sh_find_ext(rec, *len, 51)) != 0)
		rec[off - 3] = 10; /* key_share becomes supported_groups: EE only */
	return 0;
}

static int f_garbage_type(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	(void)len;
	if (p->records_from_server == 3)
		rec[0] = 0x63;
	return 0;
}

static int f_bad_mac(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	if (p->records_from_server == 3)
		rec[*len - 3] ^= 0x80;
	return 0;
}

static int f_bad_ccs(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	(void)len;
	if (rec[0] == 20)
		rec[5] = 2;
	return 0;
}

static int f_overflow(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	if (p->records_from_server == 3 && cap >= 5 + 700) {
		rec[3] = 700 >> 8;
		rec[4] = 700 & 0xFF;
		memset(rec + *len, 0, 5 + 700 - *len);
		*len = 5 + 700;
	}
	return 0;
}

static int f_truncate_mid(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	if (p->records_from_server == 4) {
		*len /= 2;
		p->eof_after = 4; /* and the transport ends */
	}
	return 0;
}

/* Rewrites the protected record carrying message type `which`. */
static int rewrite_hs(struct peer *p, uint8_t *rec, size_t *len, size_t cap, int which,
                      void (*edit)(uint8_t *plain, size_t *plen, uint8_t *type))
{
	uint8_t plain[20000], type = 22;
	size_t plen;

	if (hs_msg_type(p, rec, *len, plain, &plen) != which)
		return 0;
	edit(plain, &plen, &type);
	if (plen + 5 + 17 > cap)
		return -1;
	*len = peer_seal_hs_record(p, plain, plen, type, p->server_seq_hs, rec);
	return 0;
}

static void e_flip_finished(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)type;
	plain[*plen - 1] ^= 1;
}

static int f_bad_finished(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 20, e_flip_finished);
}

static void e_alert(uint8_t *plain, size_t *plen, uint8_t *type)
{
	plain[0] = 2;
	plain[1] = 40; /* handshake_failure */
	*plen = 2;
	*type = 21;
}

static int f_alert_protected(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 11, e_alert);
}

static int f_alert_plain(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	static const uint8_t alert[] = {21, 3, 3, 0, 2, 2, 40};

	(void)cap;
	if (p->records_from_server == 1) {
		memcpy(rec, alert, sizeof alert);
		*len = sizeof alert;
	}
	return 0;
}

static void e_appdata(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)plain;
	(void)plen;
	*type = 23;
}

static int f_early_appdata(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 15, e_appdata);
}

/* EncryptedExtensions replaced by a second ServerHello-typed message. */
static void e_as_cv(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)plen;
	(void)type;
	plain[0] = 15; /* CertificateVerify where EncryptedExtensions belongs */
}

static int f_out_of_order(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 8, e_as_cv);
}

/* EncryptedExtensions grown by one extension. */
static const uint8_t *ee_add;
static size_t ee_add_len;

static void e_ee_add(uint8_t *plain, size_t *plen, uint8_t *type)
{
	size_t body = ((size_t)plain[1] << 16 | (size_t)plain[2] << 8 | plain[3]) + ee_add_len;
	size_t exts = ((size_t)plain[4] << 8 | plain[5]) + ee_add_len;

	(void)type;
	memmove(plain + 6 + ee_add_len, plain + 6, *plen - 6);
	memcpy(plain + 6, ee_add, ee_add_len);
	plain[1] = (uint8_t)(body >> 16);
	plain[2] = (uint8_t)(body >> 8);
	plain[3] = (uint8_t)body;
	plain[4] = (uint8_t)(exts >> 8);
	plain[5] = (uint8_t)exts;
	*plen += ee_add_len;
}

static int f_ee_alpn(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	static const uint8_t alpn[] = {0, 16, 0, 5, 0, 3, 2, 'h', '2'};

	ee_add = alpn;
	ee_add_len = sizeof alpn;
	return rewrite_hs(p, rec, len, cap, 8, e_ee_add);
}

static int f_ee_key_share(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	static const uint8_t ks[] = {0, 51, 0, 2, 0, 29};

	ee_add = ks;
	ee_add_len = sizeof ks;
	return rewrite_hs(p, rec, len, cap, 8, e_ee_add);
}

static int f_ee_mfl(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	static const uint8_t mfl[] = {0, 1, 0, 1, 3}; /* 2048: the client offered 512 */

	ee_add = mfl;
	ee_add_len = sizeof mfl;
	return rewrite_hs(p, rec, len, cap, 8, e_ee_add);
}

/* One byte more in the EncryptedExtensions body than its vector holds. */
static void e_ee_trailing(uint8_t *plain, size_t *plen, uint8_t *type)
{
	size_t body = ((size_t)plain[1] << 16 | (size_t)plain[2] << 8 | plain[3]) + 1;

	(void)type;
	plain[1] = (uint8_t)(body >> 16);
	plain[2] = (uint8_t)(body >> 8);
	plain[3] = (uint8_t)body;
	plain[*plen] = 0;
	*plen += 1;
}

static int f_ee_trailing(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 8, e_ee_trailing);
}

static void e_cert_ctx(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)plen;
	(void)type;
	plain[4] = 1; /* certificate_request_context: must be empty */
}

static int f_cert_ctx(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 11, e_cert_ctx);
}

/* CertificateVerify with one signature byte changed. */
static void e_flip_cv(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)type;
	plain[*plen - 5] ^= 0x01;
}

static int f_bad_cv(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 15, e_flip_cv);
}

/* CertificateVerify claiming a scheme the client did not offer. */
static void e_cv_scheme(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)plen;
	(void)type;
	plain[4] = 0x02; /* ecdsa_sha1 (0x0203) */
	plain[5] = 0x03;
}

static int f_cv_scheme(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 15, e_cv_scheme);
}

/* CertificateVerify claiming Ed25519 for the P-256 key. */
static void e_cv_wrong_key(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)plen;
	(void)type;
	plain[4] = 0x08;
	plain[5] = 0x07;
}

static int f_cv_wrong_key(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 15, e_cv_wrong_key);
}

/* One byte of the leaf certificate changed (its signature fails). */
static void e_cert_byte(uint8_t *plain, size_t *plen, uint8_t *type)
{
	(void)plen;
	(void)type;
	plain[4 + 1 + 3 + 3 + 40] ^= 0x20;
}

static int f_cert_byte(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	return rewrite_hs(p, rec, len, cap, 11, e_cert_byte);
}

static const struct fault faults[] = {
	{.name = "bad CertificateVerify", .fn = f_bad_cv,
	 .want_err = MOTE_ERR_BAD_CERT_VERIFY, .want_alert = MOTE_ALERT_decrypt_error},
	{.name = "CertificateVerify scheme not offered", .fn = f_cv_scheme,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "CertificateVerify scheme for another key", .fn = f_cv_wrong_key,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "tampered certificate", .fn = f_cert_byte,
	 .want_err = MOTE_ERR_BAD_SIGNATURE, .want_alert = MOTE_ALERT_bad_certificate},
	{.name = "expired certificate", .fn = NULL,
	 .want_err = MOTE_ERR_X509_EXPIRED, .want_alert = MOTE_ALERT_certificate_expired, .server = &pki_expired},
	{.name = "certificate not yet valid", .fn = NULL,
	 .want_err = MOTE_ERR_X509_NOT_YET_VALID, .want_alert = MOTE_ALERT_certificate_expired, .server = &pki_future},
	{.name = "wrong host name", .fn = NULL,
	 .want_err = MOTE_ERR_X509_NAME_MISMATCH, .want_alert = MOTE_ALERT_bad_certificate, .host = "other.example"},
	{.name = "untrusted root", .fn = NULL,
	 .want_err = MOTE_ERR_X509_UNTRUSTED, .want_alert = MOTE_ALERT_unknown_ca, .anchor = &pki_other},
	{.name = "suite not offered", .fn = f_suite,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "group not offered", .fn = f_group,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "session id echo", .fn = f_sid,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "supported_versions 1.2", .fn = f_version,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "TLS 1.2 ServerHello", .fn = f_tls12,
	 .want_err = MOTE_ERR_PROTOCOL_VERSION, .want_alert = MOTE_ALERT_protocol_version},
	{.name = "unknown ServerHello ext", .fn = f_sh_unknown_ext,
	 .want_err = MOTE_ERR_UNSUPPORTED_EXTENSION, .want_alert = MOTE_ALERT_unsupported_extension},
	{.name = "misplaced ServerHello ext", .fn = f_sh_misplaced_ext,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "garbage record type", .fn = f_garbage_type,
	 .want_err = MOTE_ERR_UNEXPECTED_MESSAGE, .want_alert = MOTE_ALERT_unexpected_message},
	{.name = "corrupted ciphertext", .fn = f_bad_mac,
	 .want_err = MOTE_ERR_BAD_RECORD_MAC, .want_alert = MOTE_ALERT_bad_record_mac},
	{.name = "bad change_cipher_spec", .fn = f_bad_ccs,
	 .want_err = MOTE_ERR_UNEXPECTED_MESSAGE, .want_alert = MOTE_ALERT_unexpected_message},
	{.name = "record over the buffer", .fn = f_overflow,
	 .want_err = MOTE_ERR_RECORD_NO_BUFFER, .want_alert = MOTE_ALERT_record_overflow},
	{.name = "truncated record", .fn = f_truncate_mid,
	 .want_err = MOTE_ERR_TRUNCATED, .want_alert = -1},
	{.name = "bad Finished", .fn = f_bad_finished,
	 .want_err = MOTE_ERR_BAD_FINISHED, .want_alert = MOTE_ALERT_decrypt_error},
	{.name = "protected alert", .fn = f_alert_protected,
	 .want_err = MOTE_ERR_ALERT_RECEIVED_BASE - 40, .want_alert = -1},
	{.name = "plaintext alert", .fn = f_alert_plain,
	 .want_err = MOTE_ERR_ALERT_RECEIVED_BASE - 40, .want_alert = -1},
	{.name = "app data before Finished", .fn = f_early_appdata,
	 .want_err = MOTE_ERR_UNEXPECTED_MESSAGE, .want_alert = MOTE_ALERT_unexpected_message},
	{.name = "message out of order", .fn = f_out_of_order,
	 .want_err = MOTE_ERR_UNEXPECTED_MESSAGE, .want_alert = MOTE_ALERT_unexpected_message},
	{.name = "unsolicited ALPN", .fn = f_ee_alpn,
	 .want_err = MOTE_ERR_UNSUPPORTED_EXTENSION, .want_alert = MOTE_ALERT_unsupported_extension},
	{.name = "key_share in EE", .fn = f_ee_key_share,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "max_fragment_length changed", .fn = f_ee_mfl,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "trailing byte in EE", .fn = f_ee_trailing,
	 .want_err = MOTE_ERR_DECODE, .want_alert = MOTE_ALERT_decode_error},
	{.name = "certificate context", .fn = f_cert_ctx,
	 .want_err = MOTE_ERR_ILLEGAL_PARAMETER, .want_alert = MOTE_ALERT_illegal_parameter},
};

static void run_fault(const struct fault *f)
{
	static const uint16_t aes128[] = {MOTE_TLS_AES_128_GCM_SHA256};
	mote_config cfg = {.suites = aes128, .n_suites = 1};
	struct server_opts so = {.suites = "TLS_AES_128_GCM_SHA256"};
	uint8_t rbuf[MOTE_RECV_BUFFER_SIZE(512)], sbuf[MOTE_SEND_BUFFER_SIZE(512)];
	uint8_t arena[600];
	mote_trust_anchor ta;
	mote_handshake hs;
	mote_conn c;
	mote_ctx ctx;
	struct peer p;
	int err;

	CHECK_INT(pki_anchor(f->anchor ? f->anchor : &pki, &ta, arena, sizeof arena), 0);
	cfg.verify.anchors = &ta;
	cfg.verify.n_anchors = 1;
	test_mote_ctx(&ctx, &cfg, 99);
	CHECK_INT(peer_ctx_new(&p, f->server ? f->server : &pki, &so), 0);
	p.fault = f->fn;
	CHECK_INT(mote_conn_init(&c, &ctx, f->host ? f->host : "localhost", rbuf, sizeof rbuf, sbuf,
	                         sizeof sbuf, &hs),
	          0);
	err = peer_handshake(&p, &c);
	if (err != f->want_err || mote_conn_alert_sent(&c) != f->want_alert)
		printf("  %s: got %s, alert %d\n", f->name, mote_error_name(err),
		       mote_conn_alert_sent(&c));
	CHECK_INT(err, f->want_err);
	CHECK_INT(mote_conn_alert_sent(&c), f->want_alert);
	/* OpenSSL must have read the same alert off the wire. */
	if (f->want_alert >= 0) {
		if (p.alert_received != f->want_alert)
			printf("  %s: OpenSSL read alert %d\n", f->name, p.alert_received);
		CHECK_INT(p.alert_received, f->want_alert);
	}
	CHECK(mote_conn_state(&c) & MOTE_CONN_CLOSED);
	mote_conn_clear(&c);
	peer_free(&p);
	faults_run++;
}

int main(void)
{
	CHECK_INT(pki_make(&pki, "ec256", "localhost", 0, -1, 30), 0);
	CHECK_INT(pki_make(&pki_expired, "ec256", "localhost", 0, -30, -1), 0);
	CHECK_INT(pki_make(&pki_future, "ec256", "localhost", 0, 2, 30), 0);
	CHECK_INT(pki_make(&pki_other, "ec256", "localhost", 0, -1, 30), 0);
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
		run_fault(&faults[i]);
	pki_free(&pki);
	pki_free(&pki_expired);
	pki_free(&pki_future);
	pki_free(&pki_other);
	printf("interop_faults: %d faults, each with its error and alert\n", faults_run);
	return test_finish("interop_faults");
}
