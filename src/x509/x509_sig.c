/*
 * Verification of the pending signature (the last path certificate's)
 * with the next key: RSA PKCS#1 v1.5 and PSS (scratch borrowed from the
 * caller for the one operation), ECDSA P-256/P-384 (DER signature
 * converted to r || s), Ed25519 over the TBS bytes kept in the arena.
 */
#include <string.h>

#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/rsa.h"
#include "x509_internal.h"

void mote_x509_slot_key(const mote_x509_ctx *ctx, const mote_x509_key_slot *s, mote_x509_key *k)
{
	k->type = s->type;
	k->curve = s->curve;
	k->k = ctx->arena + s->off;
	k->k_len = s->len;
	k->e = s->e;
	k->e_len = s->e_len;
}

void mote_x509_anchor_key(const mote_trust_anchor *ta, uint8_t ebuf[4], mote_x509_key *k)
{
	uint32_t e = ta->rsa_e;
	size_t n = 4;

	ebuf[0] = (uint8_t)(e >> 24);
	ebuf[1] = (uint8_t)(e >> 16);
	ebuf[2] = (uint8_t)(e >> 8);
	ebuf[3] = (uint8_t)e;
	while (n > 1 && ebuf[4 - n] == 0)
		n--;
	k->type = ta->key_type;
	k->curve = ta->curve;
	k->k = ta->key;
	k->k_len = ta->key_len;
	k->e = ebuf + 4 - n;
	k->e_len = ta->key_type == MOTE_PKEY_RSA ? n : 0;
}

int mote_x509_key_equal(const mote_x509_key *a, const mote_x509_key *b)
{
	if (a->type != b->type || a->curve != b->curve || a->k_len != b->k_len ||
	    a->e_len != b->e_len)
		return 0;
	return memcmp(a->k, b->k, a->k_len) == 0 && (a->e_len == 0 || memcmp(a->e, b->e, a->e_len) == 0);
}

static int sig_rsa(mote_x509_ctx *ctx, const mote_x509_key *k, const uint8_t *sig, size_t len)
{
	const mote_x509_sigalg *a = &ctx->pend_alg;
	mote_rsa_public_key pk = {k->k, k->k_len, k->e, k->e_len};
	mote_hash_alg h = (mote_hash_alg)a->hash;
	size_t hl = mote_hash_size(h);

	if (a->sig == XS_RSA_PKCS1)
		return mote_rsa_pkcs1_verify(&pk, h, ctx->pend_digest, hl, sig, len, ctx->scratch,
		                             ctx->scratch_len);
	return mote_rsa_pss_verify(&pk, h, (mote_hash_alg)a->mgf_hash, a->salt, ctx->pend_digest, hl,
	                           sig, len, ctx->scratch, ctx->scratch_len);
}

static int sig_ecdsa(mote_x509_ctx *ctx, const mote_x509_key *k, const uint8_t *sig, size_t len)
{
	mote_ec_curve c = (mote_ec_curve)k->curve;
	size_t hl = mote_hash_size((mote_hash_alg)ctx->pend_alg.hash);
	uint8_t rs[MOTE_EC_MAX_SIG];
	int err;

	err = mote_ecdsa_sig_from_der(c, rs, sig, len);
	if (err)
		return err == MOTE_ERR_UNSUPPORTED ? MOTE_ERR_X509_UNSUPPORTED_ALG : MOTE_ERR_BAD_SIGNATURE;
	return mote_ecdsa_verify(c, k->k, k->k_len, ctx->pend_digest, hl, rs, 2 * mote_ec_size(c));
}

int mote_x509_verify_pending(mote_x509_ctx *ctx, const mote_x509_key *key)
{
	const mote_x509_sigalg *a = &ctx->pend_alg;
	const uint8_t *sig = ctx->arena + ctx->pend_sig_off;
	size_t len = ctx->pend_sig_len;
	int err;

	switch (a->sig) {
	case XS_WEAK:
		return MOTE_ERR_X509_WEAK_HASH;
	case XS_RSA_PKCS1:
	case XS_RSA_PSS:
		if (key->type != MOTE_PKEY_RSA)
			return MOTE_ERR_BAD_SIGNATURE;
		err = sig_rsa(ctx, key, sig, len);
		break;
	case XS_ECDSA:
		if (key->type != MOTE_PKEY_EC)
			return MOTE_ERR_BAD_SIGNATURE;
		err = sig_ecdsa(ctx, key, sig, len);
		break;
	case XS_ED25519:
		if (key->type != MOTE_PKEY_ED25519 || len != MOTE_ED25519_SIGNATURE_SIZE)
			return MOTE_ERR_BAD_SIGNATURE;
		err = mote_ed25519_verify(sig, ctx->arena, ctx->pend_msg_len, key->k);
		break;
	default:
		return MOTE_ERR_X509_UNSUPPORTED_ALG;
	}
	/* Key errors of the verifier are the issuer's problem, reported as
	 * is (MOTE_ERR_BAD_KEY, MOTE_ERR_BAD_POINT, MOTE_ERR_SCRATCH_TOO_SMALL
	 * ...); everything else is a bad signature. */
	return err;
}
