/*
 * Server authentication: the certificate_list stream goes to the X.509
 * engine (mote/x509.h) under a policy built from the config, the server
 * name and the clock; CertificateVerify is then checked with the leaf key,
 * copied out of the engine so that its memory returns to the workspace.
 *
 * With MOTE_CONFIG_INSECURE_NO_VERIFY the engine runs its insecure policy:
 * nothing of the chain is checked, but the leaf key is still extracted
 * and CertificateVerify still verified with it.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

/* The alert for a certificate failure (RFC 8446 section 6.2). */
static unsigned cert_alert(int err)
{
	switch (err) {
	case MOTE_ERR_X509_EXPIRED:
	case MOTE_ERR_X509_NOT_YET_VALID:
		return MOTE_ALERT_certificate_expired;
	case MOTE_ERR_X509_UNTRUSTED:
	case MOTE_ERR_X509_PIN_MISMATCH:
		return MOTE_ALERT_unknown_ca;
	case MOTE_ERR_X509_UNSUPPORTED_ALG:
	case MOTE_ERR_X509_WEAK_HASH:
	case MOTE_ERR_X509_TOO_LARGE:
	case MOTE_ERR_WEAK_KEY:
	case MOTE_ERR_KEY_TOO_LARGE:
	case MOTE_ERR_RSA_KEY_TOO_SMALL:
		return MOTE_ALERT_unsupported_certificate;
	case MOTE_ERR_X509_TLS_FRAMING:
	case MOTE_ERR_X509_EMPTY_CHAIN:
		return MOTE_ALERT_decode_error;
	case MOTE_ERR_X509_NO_TIME_POLICY:
	case MOTE_ERR_STATE:
	case MOTE_ERR_SCRATCH_TOO_SMALL:
		return MOTE_ALERT_internal_error;
	default:
		return MOTE_ALERT_bad_certificate;
	}
}

static int cert_fail(mote_conn *c, int err)
{
	return tls_fail_alert(c, err, cert_alert(err));
}

static int insecure(const mote_conn *c)
{
	return (c->ctx->config->flags & MOTE_CONFIG_INSECURE_NO_VERIFY) != 0;
}

static void policy_time(mote_conn *c, mote_x509_policy *p)
{
	const mote_tls_verifier *v = &c->ctx->config->verify;
	uint64_t now = c->ctx->time_cb ? c->ctx->time_cb(c->ctx->time_arg) : 0;

	if (v->time_mode == MOTE_TLS_TIME_IGNORE)
		mote_x509_policy_ignore_time(p);
	else if (v->time_mode == MOTE_TLS_TIME_CLOCK && now)
		mote_x509_policy_set_time(p, (int64_t)(now / 1000));
	else if (v->time_floor)
		mote_x509_policy_set_time_floor(p, v->time_floor);
	/* else: no time policy, and start_chain refuses to go on */
}

static int policy_build(mote_conn *c, mote_x509_policy *p)
{
	const mote_tls_verifier *v = &c->ctx->config->verify;
	int err;

	mote_x509_policy_init(p, v->anchors, v->n_anchors);
	if (insecure(c)) {
		mote_x509_policy_insecure_no_verification(p);
		return 0;
	}
	policy_time(c, p);
	if (v->min_rsa_bits)
		p->min_rsa_bits = v->min_rsa_bits;
	err = mote_x509_policy_set_host(p, c->server_name, strlen(c->server_name));
	if (!err && v->pin_mode != MOTE_X509_TRUST_ANCHORS)
		err = mote_x509_policy_pin(p, (mote_x509_trust)v->pin_mode, v->pins, v->n_pins);
	return err;
}

int tls_x509_begin(mote_conn *c)
{
	mote_tls_cert_state *cs = &c->hs->u.cert;
	int err;

	c->hs->have_leaf = 0;
	err = policy_build(c, &cs->policy);
	if (err)
		return cert_fail(c, err);
	mote_x509_init(&cs->x509, &cs->policy, c->ctx->pk_scratch, c->ctx->pk_scratch_len);
	return 0;
}

int tls_x509_feed(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_ctx *ctx = c->ctx;
	int err;

	/* The engine borrows the shared scratch for RSA signatures. */
	if (ctx->pk_busy)
		return tls_fail_alert(c, MOTE_ERR_STATE, MOTE_ALERT_internal_error);
	ctx->pk_busy = 1;
	err = mote_x509_feed_tls(&c->hs->u.cert.x509, !c->v12, p, n);
	ctx->pk_busy = 0;
	return err ? cert_fail(c, err) : 0;
}

/* Copies the leaf key out of the engine (through the stack: the engine's
 * memory and the destination overlap in the workspace union). */
static int keep_leaf(mote_conn *c)
{
	mote_handshake *hs = c->hs;
	uint8_t key[MOTE_TLS_LEAF_KEY_MAX];
	mote_pkey k;
	size_t a = 0, b = 0;
	int err = mote_x509_leaf_key(&hs->u.cert.x509, &k);

	if (err)
		return err;
	if (k.type == MOTE_PKEY_RSA) {
		a = k.u.rsa.n_len;
		b = k.u.rsa.e_len;
		if (a + b > sizeof key)
			return MOTE_ERR_KEY_TOO_LARGE;
		memcpy(key, k.u.rsa.n, a);
		memcpy(key + a, k.u.rsa.e, b);
	} else if (k.type == MOTE_PKEY_EC) {
		a = k.u.ec.point_len;
		memcpy(key, k.u.ec.point, a);
	} else if (k.type == MOTE_PKEY_ED25519) {
		a = 32;
		memcpy(key, k.u.ed25519.pub, a);
	} else {
		return MOTE_ERR_X509_UNSUPPORTED_ALG;
	}
	mote_wipe(&hs->u.cert, sizeof hs->u.cert);
	memcpy(hs->u.post.leaf_key, key, a + b);
	hs->u.post.leaf = k;
	if (k.type == MOTE_PKEY_RSA) {
		hs->u.post.leaf.u.rsa.n = hs->u.post.leaf_key;
		hs->u.post.leaf.u.rsa.e = hs->u.post.leaf_key + a;
	} else if (k.type == MOTE_PKEY_EC) {
		hs->u.post.leaf.u.ec.point = hs->u.post.leaf_key;
	} else {
		hs->u.post.leaf.u.ed25519.pub = hs->u.post.leaf_key;
	}
	hs->have_leaf = 1;
	return 0;
}

int tls_x509_end(mote_conn *c)
{
	int err = mote_x509_tls_finish(&c->hs->u.cert.x509);

	if (!err)
		err = keep_leaf(c);
	return err ? cert_fail(c, err) : 0;
}

int tls_x509_verify_cv(mote_conn *c, uint16_t scheme, const uint8_t *content, size_t len,
                       const uint8_t *sig, size_t sig_len)
{
	if (!c->hs->have_leaf)
		return MOTE_ERR_INTERNAL;
	return tls_sig_verify(c->ctx, scheme, &c->hs->u.post.leaf, content, len, sig, sig_len);
}

int tls12_sig_verify(mote_conn *c, uint16_t scheme, const uint8_t *content, size_t len,
                     const uint8_t *sig, size_t sig_len)
{
	int err;

	if (!c->hs->have_leaf)
		return MOTE_ERR_INTERNAL;
	err = tls_sig_verify12(c->ctx, scheme, &c->hs->u.post.leaf, content, len, sig, sig_len);
	return err == MOTE_ERR_BAD_CERT_VERIFY ? MOTE_ERR_BAD_SKE_SIGNATURE : err;
}
