/*
 * Key exchange groups for key_share (RFC 8446 section 4.2.8): X25519 and
 * secp256r1. Ephemeral keys are drawn from the context's DRBG, kept in the
 * handshake workspace and wiped with it.
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/ec.h"
#include "mote/x25519.h"
#include "tls/tls_int.h"

int tls_random(mote_conn *c, uint8_t *out, size_t len)
{
	return mote_drbg_generate(&c->ctx->drbg, out, len, NULL, 0);
}

int tls_kex_supported(uint16_t group)
{
	return group == MOTE_GROUP_X25519 || group == MOTE_GROUP_SECP256R1;
}

int tls_kex_keygen(mote_conn *c, uint16_t group)
{
	mote_handshake *hs = c->hs;
	int err;

	switch (group) {
	case MOTE_GROUP_X25519:
		err = tls_random(c, hs->u.pre.x25519_priv, 32);
		if (!err)
			mote_x25519_base(hs->u.pre.x25519_pub, hs->u.pre.x25519_priv);
		return err;
	case MOTE_GROUP_SECP256R1:
		return mote_ec_keygen(MOTE_EC_P256, hs->u.pre.ec_priv, hs->u.pre.ec_pub, mote_drbg_random,
		                      &c->ctx->drbg);
	default:
		return MOTE_ERR_UNSUPPORTED;
	}
}

size_t tls_kex_pub(const mote_conn *c, uint16_t group, const uint8_t **pub)
{
	switch (group) {
	case MOTE_GROUP_X25519:
		*pub = c->hs->u.pre.x25519_pub;
		return 32;
	case MOTE_GROUP_SECP256R1:
		*pub = c->hs->u.pre.ec_pub;
		return 65;
	default:
		*pub = NULL;
		return 0;
	}
}

/* The shared secret from the server's share. Errors: MOTE_ERR_BAD_POINT
 * (wrong length or not a point), MOTE_ERR_WEAK_KEY (X25519 all-zero
 * result, RFC 8446 7.4.2). */
int tls_kex_shared(mote_conn *c, uint16_t group, const uint8_t *peer, size_t peer_len,
                   uint8_t *shared, size_t *shared_len)
{
	switch (group) {
	case MOTE_GROUP_X25519:
		if (peer_len != 32)
			return MOTE_ERR_BAD_POINT;
		*shared_len = 32;
		return mote_x25519(shared, c->hs->u.pre.x25519_priv, peer);
	case MOTE_GROUP_SECP256R1:
		/* Uncompressed point of the right length, on the curve
		 * (section 4.2.8.2): mote_ecdh checks it. */
		*shared_len = 32;
		return mote_ecdh(MOTE_EC_P256, shared, c->hs->u.pre.ec_priv, peer, peer_len);
	default:
		return MOTE_ERR_UNSUPPORTED;
	}
}

/* TLS 1.2 ECDHE (RFC 8422 5.10): a fresh key pair for the server's curve;
 * the private key lives on the stack for this call only. */
int tls_kex_ephemeral(mote_conn *c, uint16_t group, const uint8_t *peer, size_t peer_len,
                      uint8_t *pub, size_t *pub_len, uint8_t *shared, size_t *shared_len)
{
	uint8_t priv[48];
	mote_ec_curve curve = group == MOTE_GROUP_SECP384R1 ? MOTE_EC_P384 : MOTE_EC_P256;
	int err;

	switch (group) {
	case MOTE_GROUP_X25519:
		if (peer_len != 32)
			return MOTE_ERR_BAD_POINT;
		err = tls_random(c, priv, 32);
		if (!err) {
			mote_x25519_base(pub, priv);
			*pub_len = 32;
			*shared_len = 32;
			err = mote_x25519(shared, priv, peer);
		}
		break;
	case MOTE_GROUP_SECP256R1:
	case MOTE_GROUP_SECP384R1:
		err = mote_ec_keygen(curve, priv, pub, mote_drbg_random, &c->ctx->drbg);
		if (!err) {
			*pub_len = 1 + 2 * mote_ec_size(curve);
			*shared_len = mote_ec_size(curve);
			err = mote_ecdh(curve, shared, priv, peer, peer_len);
		}
		break;
	default:
		return MOTE_ERR_ILLEGAL_PARAMETER;
	}
	mote_wipe(priv, sizeof priv);
	return err;
}
