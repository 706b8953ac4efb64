/*
 * CertificateVerify signatures (RFC 8446 sections 4.2.3 and 4.4.3): the
 * scheme must fit the leaf key, then the signature is checked. RSA
 * borrows the context's public-key scratch for the one operation.
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/rsa.h"
#include "tls/tls_int.h"

static int sig_ecdsa(int tls12, mote_ec_curve curve, mote_hash_alg h, const mote_pkey *key,
                     const uint8_t *content, size_t len, const uint8_t *sig, size_t sig_len)
{
	uint8_t digest[MOTE_HASH_MAX_SIZE], rs[MOTE_EC_MAX_SIG];
	int want = curve == MOTE_EC_P256 ? MOTE_PKEY_CURVE_P256 : MOTE_PKEY_CURVE_P384;

	/* TLS 1.2 (RFC 5246 7.4.1.4.1): the scheme names the hash only; the
	 * curve is the key's. */
	if (tls12 && key->type == MOTE_PKEY_EC && key->u.ec.curve == MOTE_PKEY_CURVE_P256)
		curve = MOTE_EC_P256;
	else if (tls12 && key->type == MOTE_PKEY_EC && key->u.ec.curve == MOTE_PKEY_CURVE_P384)
		curve = MOTE_EC_P384;
	else if (key->type != MOTE_PKEY_EC || key->u.ec.curve != want)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (mote_ecdsa_sig_from_der(curve, rs, sig, sig_len))
		return MOTE_ERR_BAD_CERT_VERIFY;
	mote_hash(h, content, len, digest);
	return mote_ecdsa_verify(curve, key->u.ec.point, key->u.ec.point_len, digest,
	                         mote_hash_size(h), rs, 2 * mote_ec_size(curve));
}

/* RSASSA-PSS with MGF1 over the same hash and a salt of the hash length
 * (section 4.2.3). */
static int sig_rsa_pss(mote_ctx *ctx, mote_hash_alg h, const mote_pkey *key,
                       const uint8_t *content, size_t len, const uint8_t *sig, size_t sig_len)
{
	mote_rsa_public_key pub;
	uint8_t digest[MOTE_HASH_MAX_SIZE];
	int err;

	if (key->type != MOTE_PKEY_RSA)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (ctx->pk_busy)
		return MOTE_ERR_STATE; /* one operation at once (mote/tls.h) */
	pub.n = key->u.rsa.n;
	pub.n_len = key->u.rsa.n_len;
	pub.e = key->u.rsa.e;
	pub.e_len = key->u.rsa.e_len;
	mote_hash(h, content, len, digest);
	ctx->pk_busy = 1;
	err = mote_rsa_pss_verify(&pub, h, h, mote_hash_size(h), digest, mote_hash_size(h), sig,
	                          sig_len, ctx->pk_scratch, ctx->pk_scratch_len);
	ctx->pk_busy = 0;
	return err;
}

/* RSASSA-PKCS1-v1_5: TLS 1.2 ServerKeyExchange only (never reached for
 * CertificateVerify, whose schemes exclude rsa_pkcs1_*). */
static int sig_rsa_pkcs1(mote_ctx *ctx, mote_hash_alg h, const mote_pkey *key,
                         const uint8_t *content, size_t len, const uint8_t *sig, size_t sig_len)
{
	mote_rsa_public_key pub;
	uint8_t digest[MOTE_HASH_MAX_SIZE];
	int err;

	if (key->type != MOTE_PKEY_RSA)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (ctx->pk_busy)
		return MOTE_ERR_STATE;
	pub.n = key->u.rsa.n;
	pub.n_len = key->u.rsa.n_len;
	pub.e = key->u.rsa.e;
	pub.e_len = key->u.rsa.e_len;
	mote_hash(h, content, len, digest);
	ctx->pk_busy = 1;
	err = mote_rsa_pkcs1_verify(&pub, h, digest, mote_hash_size(h), sig, sig_len,
	                            ctx->pk_scratch, ctx->pk_scratch_len);
	ctx->pk_busy = 0;
	return err;
}

static int sig_verify(int tls12, mote_ctx *ctx, uint16_t scheme, const mote_pkey *key,
                      const uint8_t *content, size_t len, const uint8_t *sig, size_t sig_len)
{
	int err;

	switch (scheme) {
	case MOTE_SIG_ECDSA_SECP256R1_SHA256:
		err = sig_ecdsa(tls12, MOTE_EC_P256, MOTE_HASH_SHA256, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_ECDSA_SECP384R1_SHA384:
		err = sig_ecdsa(tls12, MOTE_EC_P384, MOTE_HASH_SHA384, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_RSA_PSS_RSAE_SHA256:
		err = sig_rsa_pss(ctx, MOTE_HASH_SHA256, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_RSA_PSS_RSAE_SHA384:
		err = sig_rsa_pss(ctx, MOTE_HASH_SHA384, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_RSA_PSS_RSAE_SHA512:
		err = sig_rsa_pss(ctx, MOTE_HASH_SHA512, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_RSA_PKCS1_SHA256:
		err = sig_rsa_pkcs1(ctx, MOTE_HASH_SHA256, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_RSA_PKCS1_SHA384:
		err = sig_rsa_pkcs1(ctx, MOTE_HASH_SHA384, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_RSA_PKCS1_SHA512:
		err = sig_rsa_pkcs1(ctx, MOTE_HASH_SHA512, key, content, len, sig, sig_len);
		break;
	case MOTE_SIG_ED25519:
		if (key->type != MOTE_PKEY_ED25519)
			return MOTE_ERR_ILLEGAL_PARAMETER;
		if (sig_len != MOTE_ED25519_SIGNATURE_SIZE)
			return MOTE_ERR_BAD_CERT_VERIFY;
		err = mote_ed25519_verify(sig, content, len, key->u.ed25519.pub);
		break;
	default:
		/* rsa_pss_pss_* need an RSASSA-PSS key, which the certificate
		 * decoder does not produce: such a key never reaches here, so
		 * the scheme cannot match the key. */
		return MOTE_ERR_ILLEGAL_PARAMETER;
	}
	if (err == MOTE_ERR_ILLEGAL_PARAMETER || err == MOTE_ERR_STATE ||
	    err == MOTE_ERR_SCRATCH_TOO_SMALL)
		return err;
	return err ? MOTE_ERR_BAD_CERT_VERIFY : 0;
}

int tls_sig_verify(mote_ctx *ctx, uint16_t scheme, const mote_pkey *key, const uint8_t *content,
                   size_t len, const uint8_t *sig, size_t sig_len)
{
	return sig_verify(0, ctx, scheme, key, content, len, sig, sig_len);
}

int tls_sig_verify12(mote_ctx *ctx, uint16_t scheme, const mote_pkey *key,
                     const uint8_t *content, size_t len, const uint8_t *sig, size_t sig_len)
{
	return sig_verify(1, ctx, scheme, key, content, len, sig, sig_len);
}
