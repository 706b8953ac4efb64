/*
 * Path building and policy decisions, driven by the stream as each
 * certificate's parts complete.
 *
 * Certificate 0 is the leaf. The path's state between certificates is the
 * name its next certificate must have as subject (want_name: the last
 * path certificate's issuer) and that certificate's pending signature.
 * For certificate i > 0:
 *   subject read   != want_name: not the next link, skip the rest;
 *   key read       verify the pending signature with it; failure: skip;
 *   TBS read       the rules for an issuer (validity, cA, pathLen,
 *                  keyCertSign, EKU, name constraints, critical
 *                  extensions, depth); broken: skip; else the certificate
 *                  joins the path (commit) and its own signature becomes
 *                  the pending one;
 *   end            if its issuer is an anchor whose key verifies the
 *                  pending signature, the path is complete.
 * A skipped candidate's error is remembered (the first one) and reported
 * by end_chain if no later certificate completes the path.
 */
#include <string.h>

#include "x509_internal.h"

/* Candidates (certificates named as the next link) that may fail before
 * the engine gives up: bounds the signature verifications a peer can
 * cause with one chain. */
#define MAX_FAILED_CANDIDATES 8

#define XC_COMMITTED 0x1000

int mote_x509_is_leaf(const mote_x509_ctx *ctx)
{
	return ctx->cert_index == 0;
}

int mote_x509_wants_nc(const mote_x509_ctx *ctx)
{
	return ctx->cert_index > 0 && (ctx->pol->host != NULL || ctx->pol->ip_len != 0);
}

static int builds_path(const mote_x509_ctx *ctx)
{
	return ctx->pol->trust == MOTE_X509_TRUST_ANCHORS ||
	       ctx->pol->trust == MOTE_X509_PIN_CHAIN_SPKI;
}

static int insecure(const mote_x509_ctx *ctx)
{
	return ctx->pol->trust == MOTE_X509_INSECURE;
}

static void release_key(mote_x509_ctx *ctx)
{
	ctx->key.off = ctx->leaf.off;
	ctx->key.len = 0;
	ctx->key.e_len = 0;
}

void mote_x509_chain_cert_begin(mote_x509_ctx *ctx)
{
	int leaf = mote_x509_is_leaf(ctx);

	ctx->version = 0;
	ctx->crit = 0;
	ctx->ext_id = 0;
	ctx->is_ca = 0;
	ctx->path_len = -1;
	ctx->seen_ext = 0;
	ctx->ku = 0;
	ctx->flags = leaf ? XC_CANDIDATE : 0;
	ctx->cert_err = 0;
	memset(&ctx->alg, 0, sizeof ctx->alg);
	memset(&ctx->alg_out, 0, sizeof ctx->alg_out);
	ctx->spki_type = MOTE_PKEY_NONE;
	ctx->spki_curve = 0;
	ctx->nc = 0;
	ctx->c_len = 0;
	release_key(ctx);
	ctx->tbs_mode = (!leaf || builds_path(ctx)) ? XT_PREFIX : XT_OFF;
	/* Nothing to learn from certificates after the path is complete, or
	 * after the leaf when no path is built. */
	if (!leaf && (ctx->trusted || !builds_path(ctx)))
		ctx->skip = 1;
	if (leaf && ctx->pol->trust == MOTE_X509_PIN_LEAF_CERT) {
		mote_hash_init(&ctx->tbs, MOTE_HASH_SHA256);
		ctx->regions |= XR_CERT;
	}
}

/* A certificate named as the next link fails: remember why, skip it. */
static int candidate_fail(mote_x509_ctx *ctx, int err)
{
	if (!ctx->cand_err)
		ctx->cand_err = (int16_t)err;
	ctx->skip = 1;
	ctx->c_len = 0;
	ctx->tbs_mode = XT_OFF;
	release_key(ctx);
	if (++ctx->failed_candidates > MAX_FAILED_CANDIDATES)
		return MOTE_ERR_X509_TOO_MANY_CANDIDATES;
	return 0;
}

int mote_x509_chain_tbs_alg(mote_x509_ctx *ctx)
{
	const mote_x509_sigalg *a = &ctx->alg;
	int hashed = a->sig == XS_RSA_PKCS1 || a->sig == XS_RSA_PSS || a->sig == XS_ECDSA;

	if (ctx->tbs_mode != XT_PREFIX)
		return 0;
	if (a->sig == XS_ED25519) {
		ctx->tbs_mode = XT_BUFFER;
		return 0;
	}
	if (hashed && a->hash < XH_WEAK && mote_hash_size((mote_hash_alg)a->hash) != 0) {
		mote_hash_init(&ctx->tbs, (mote_hash_alg)a->hash);
		mote_hash_update(&ctx->tbs, ctx->arena + ctx->p_len, ctx->c_len);
		ctx->tbs_mode = XT_HASH;
	} else {
		/* Weak or unknown: unverifiable, which only matters if this
		 * signature must be verified (mote_x509_verify_pending). */
		ctx->tbs_mode = XT_OFF;
	}
	ctx->c_len = 0;
	return 0;
}

void mote_x509_chain_time(mote_x509_ctx *ctx, int which, int64_t t)
{
	const mote_x509_policy *pol = ctx->pol;

	if (insecure(ctx))
		return;
	if (pol->time_mode == MOTE_X509_TIME_CHECK) {
		if (which == 0 && pol->time < t)
			mote_x509_cert_error(ctx, MOTE_ERR_X509_NOT_YET_VALID);
		if (which == 1 && pol->time > t)
			mote_x509_cert_error(ctx, MOTE_ERR_X509_EXPIRED);
	} else if (pol->time_mode == MOTE_X509_TIME_NOT_BEFORE_FLOOR) {
		if (which == 1 && pol->time > t)
			mote_x509_cert_error(ctx, MOTE_ERR_X509_EXPIRED);
	}
}

void mote_x509_chain_subject(mote_x509_ctx *ctx)
{
	if (mote_x509_is_leaf(ctx))
		return;
	if (memcmp(ctx->cur_subject, ctx->want_name, MOTE_X509_NAME_HASH_SIZE) != 0) {
		ctx->skip = 1;
		return;
	}
	ctx->flags |= XC_CANDIDATE;
}

void mote_x509_chain_spki_begin(mote_x509_ctx *ctx)
{
	if ((ctx->pol->trust == MOTE_X509_PIN_LEAF_SPKI && mote_x509_is_leaf(ctx)) ||
	    ctx->pol->trust == MOTE_X509_PIN_CHAIN_SPKI) {
		mote_sha256_init(&ctx->aux);
		ctx->regions |= XR_SPKI;
	}
}

void mote_x509_chain_pins(mote_x509_ctx *ctx, const uint8_t spki_hash[MOTE_SHA256_SIZE])
{
	const mote_x509_policy *pol = ctx->pol;

	if (pol->trust != MOTE_X509_PIN_LEAF_SPKI && pol->trust != MOTE_X509_PIN_CHAIN_SPKI)
		return;
	for (size_t i = 0; i < pol->pin_count; i++) {
		if (memcmp(pol->pins[i], spki_hash, MOTE_X509_PIN_SIZE) == 0)
			ctx->flags |= XC_PINNED;
	}
}

/* The leaf itself is an anchor: same subject name and key. */
static void chain_leaf_anchor(mote_x509_ctx *ctx, const mote_x509_key *k)
{
	const mote_x509_policy *pol = ctx->pol;

	if (pol->trust != MOTE_X509_TRUST_ANCHORS)
		return;
	for (size_t i = 0; i < pol->anchor_count; i++) {
		const mote_trust_anchor *ta = &pol->anchors[i];
		mote_x509_key ak;
		uint8_t e[4];

		if (memcmp(ta->name_hash, ctx->cur_subject, MOTE_X509_NAME_HASH_SIZE) != 0)
			continue;
		mote_x509_anchor_key(ta, e, &ak);
		if (mote_x509_key_equal(k, &ak))
			ctx->flags |= XC_ANCHOR;
	}
}

/* RSA keys below the policy's size. */
static int chain_key_size(const mote_x509_ctx *ctx)
{
	uint32_t bits;
	uint8_t top;

	if (ctx->key.type != MOTE_PKEY_RSA || insecure(ctx))
		return 0;
	top = ctx->arena[ctx->key.off];
	bits = (uint32_t)ctx->key.len * 8;
	while (bits > 0 && !(top & 0x80)) {
		top = (uint8_t)(top << 1);
		bits--;
	}
	return bits < ctx->pol->min_rsa_bits ? MOTE_ERR_WEAK_KEY : 0;
}

static int chain_leaf_key(mote_x509_ctx *ctx, const mote_x509_key *k)
{
	ctx->leaf = ctx->key;
	ctx->key.len = 0;
	chain_leaf_anchor(ctx, k);
	return 0;
}

int mote_x509_chain_key(mote_x509_ctx *ctx)
{
	mote_x509_key k;
	int err = 0;

	if (ctx->spki_type == MOTE_PKEY_NONE || ctx->key.len == 0)
		err = MOTE_ERR_X509_UNSUPPORTED_ALG;
	if (!err)
		err = chain_key_size(ctx);
	if (err)
		return mote_x509_is_leaf(ctx) ? err : candidate_fail(ctx, err);
	mote_x509_slot_key(ctx, &ctx->key, &k);
	if (mote_x509_is_leaf(ctx))
		return chain_leaf_key(ctx, &k);
	err = mote_x509_verify_pending(ctx, &k);
	release_key(ctx);
	if (err)
		return candidate_fail(ctx, err);
	ctx->flags |= XC_SIG_OK;
	return 0;
}

static int chain_leaf_name(const mote_x509_ctx *ctx)
{
	const mote_x509_policy *pol = ctx->pol;

	if (pol->ip_len)
		return (ctx->flags & XC_SAN_MATCH) ? 0 : MOTE_ERR_X509_NAME_MISMATCH;
	if (pol->host == NULL)
		return 0;
	/* The subject CN only counts when there is no SAN (RFC 6125 6.4.4). */
	if (ctx->flags & XC_SAN)
		return (ctx->flags & XC_SAN_MATCH) ? 0 : MOTE_ERR_X509_NAME_MISMATCH;
	return (ctx->flags & XC_CN_MATCH) ? 0 : MOTE_ERR_X509_NAME_MISMATCH;
}

static int chain_leaf_rules(const mote_x509_ctx *ctx)
{
	if (ctx->cert_err)
		return ctx->cert_err;
	if ((ctx->flags & XC_KU) && !(ctx->ku & XKU_DIGITAL_SIGNATURE))
		return MOTE_ERR_X509_KEY_USAGE_LEAF;
	if ((ctx->flags & XC_EKU) && !(ctx->flags & XC_EKU_OK))
		return MOTE_ERR_X509_EXT_KEY_USAGE;
	return chain_leaf_name(ctx);
}

static int chain_nc_rules(const mote_x509_ctx *ctx)
{
	uint8_t nc = ctx->nc;

	if ((nc & XNC_DNS_PERMIT_SEEN) && !(nc & XNC_DNS_PERMIT_MATCH))
		return MOTE_ERR_X509_NAME_CONSTRAINTS;
	if ((nc & XNC_IP_PERMIT_SEEN) && !(nc & XNC_IP_PERMIT_MATCH))
		return MOTE_ERR_X509_NAME_CONSTRAINTS;
	if (nc & (XNC_DNS_EXCLUDED | XNC_IP_EXCLUDED))
		return MOTE_ERR_X509_NAME_CONSTRAINTS;
	return 0;
}

static int chain_ca_rules(const mote_x509_ctx *ctx)
{
	if (ctx->cert_err)
		return ctx->cert_err;
	if (ctx->version != 2 || !(ctx->flags & XC_HAS_BC) || !ctx->is_ca)
		return MOTE_ERR_X509_NOT_CA;
	if ((ctx->flags & XC_KU) && !(ctx->ku & XKU_KEY_CERT_SIGN))
		return MOTE_ERR_X509_KEY_USAGE_CA;
	if ((ctx->flags & XC_EKU) && !(ctx->flags & XC_EKU_OK))
		return MOTE_ERR_X509_EXT_KEY_USAGE;
	if (ctx->path_len >= 0 && ctx->ca_below > ctx->path_len)
		return MOTE_ERR_X509_PATH_LEN;
	if (ctx->depth + 1 > ctx->pol->max_depth)
		return MOTE_ERR_X509_DEPTH;
	return chain_nc_rules(ctx);
}

/* The certificate joins the path: its TBS digest (or, for Ed25519, its
 * TBS bytes) is kept for its signature, which comes next. */
static void chain_commit(mote_x509_ctx *ctx)
{
	if (ctx->cert_index > 0 &&
	    memcmp(ctx->cur_subject, ctx->cur_issuer, MOTE_X509_NAME_HASH_SIZE) != 0 &&
	    ctx->ca_below < 255)
		ctx->ca_below++;
	ctx->depth++;
	memcpy(ctx->want_name, ctx->cur_issuer, MOTE_X509_NAME_HASH_SIZE);
	ctx->pend_alg = ctx->alg;
	ctx->pend_msg_len = 0;
	if (ctx->tbs_mode == XT_HASH)
		mote_hash_final(&ctx->tbs, ctx->pend_digest);
	if (ctx->tbs_mode == XT_BUFFER) {
		memmove(ctx->arena, ctx->arena + ctx->p_len, ctx->c_len);
		ctx->pend_msg_len = ctx->c_len;
		ctx->p_len = ctx->c_len;
	} else {
		ctx->p_len = 0;
	}
	ctx->c_len = 0;
	ctx->tbs_mode = XT_OFF;
	ctx->flags |= XC_COMMITTED;
}

/* The leaf's TBS is complete: its rules, and the trust decisions that
 * need nothing else. */
static int chain_leaf_tbs(mote_x509_ctx *ctx)
{
	int trust = ctx->pol->trust;
	int err;

	if (trust == MOTE_X509_INSECURE) {
		ctx->trusted = 1;
		ctx->skip = 1;
		return 0;
	}
	err = chain_leaf_rules(ctx);
	if (err)
		return err;
	if (trust == MOTE_X509_PIN_LEAF_CERT) {
		ctx->skip = 1; /* the certificate hash runs to its end */
		return 0;
	}
	if (trust == MOTE_X509_PIN_LEAF_SPKI && !(ctx->flags & XC_PINNED))
		return MOTE_ERR_X509_PIN_MISMATCH;
	if (trust == MOTE_X509_PIN_LEAF_SPKI || (ctx->flags & (XC_ANCHOR | XC_PINNED))) {
		ctx->depth = 1;
		ctx->trusted = 1;
		ctx->skip = 1;
		return 0;
	}
	chain_commit(ctx);
	return 0;
}

int mote_x509_chain_tbs_end(mote_x509_ctx *ctx)
{
	int err;

	if (mote_x509_is_leaf(ctx))
		return chain_leaf_tbs(ctx);
	err = chain_ca_rules(ctx);
	if (err)
		return candidate_fail(ctx, err);
	chain_commit(ctx);
	if (ctx->flags & XC_PINNED) {
		ctx->trusted = 1;
		ctx->skip = 1;
	}
	return 0;
}

int mote_x509_chain_outer_alg(mote_x509_ctx *ctx)
{
	const mote_x509_sigalg *a = &ctx->alg, *b = &ctx->alg_out;

	if (a->sig != b->sig || a->hash != b->hash || a->mgf_hash != b->mgf_hash ||
	    a->salt != b->salt || a->null_params != b->null_params)
		return MOTE_ERR_X509_ALG_MISMATCH;
	return 0;
}

void mote_x509_chain_sig(mote_x509_ctx *ctx)
{
	ctx->pend_sig_off = ctx->p_len;
	ctx->pend_sig_len = ctx->c_len;
	ctx->p_len = (uint16_t)(ctx->p_len + ctx->c_len);
	ctx->c_len = 0;
}

/* The path's last certificate is complete: is its issuer an anchor? */
static void chain_try_anchors(mote_x509_ctx *ctx)
{
	const mote_x509_policy *pol = ctx->pol;

	for (size_t i = 0; i < pol->anchor_count && !ctx->trusted; i++) {
		const mote_trust_anchor *ta = &pol->anchors[i];
		mote_x509_key k;
		uint8_t e[4];
		int err;

		if (!(ta->flags & MOTE_TA_CA) ||
		    memcmp(ta->name_hash, ctx->want_name, MOTE_X509_NAME_HASH_SIZE) != 0)
			continue;
		mote_x509_anchor_key(ta, e, &k);
		err = mote_x509_verify_pending(ctx, &k);
		if (err == 0)
			ctx->trusted = 1;
		else if (!ctx->cand_err)
			ctx->cand_err = (int16_t)err;
	}
}

int mote_x509_chain_cert_end(mote_x509_ctx *ctx)
{
	int leaf = mote_x509_is_leaf(ctx);
	uint8_t digest[MOTE_SHA256_SIZE];

	ctx->cert_index = (uint8_t)(ctx->cert_index < 255 ? ctx->cert_index + 1 : 255);
	ctx->regions = 0;
	if (leaf && ctx->pol->trust == MOTE_X509_PIN_LEAF_CERT) {
		mote_hash_final(&ctx->tbs, digest);
		for (size_t i = 0; i < ctx->pol->pin_count; i++) {
			if (memcmp(ctx->pol->pins[i], digest, MOTE_X509_PIN_SIZE) == 0)
				ctx->trusted = 1;
		}
		ctx->depth = 1;
		return ctx->trusted ? 0 : MOTE_ERR_X509_PIN_MISMATCH;
	}
	if ((ctx->flags & XC_COMMITTED) && !ctx->trusted &&
	    ctx->pol->trust == MOTE_X509_TRUST_ANCHORS)
		chain_try_anchors(ctx);
	return 0;
}

int mote_x509_chain_end(mote_x509_ctx *ctx)
{
	if (ctx->cert_index == 0)
		return MOTE_ERR_X509_EMPTY_CHAIN;
	if (ctx->trusted)
		return 0;
	if (ctx->cand_err)
		return ctx->cand_err;
	if (ctx->pol->trust == MOTE_X509_TRUST_ANCHORS)
		return MOTE_ERR_X509_UNTRUSTED;
	return MOTE_ERR_X509_PIN_MISMATCH;
}

int mote_x509_leaf_key(const mote_x509_ctx *ctx, mote_pkey *out)
{
	const mote_x509_key_slot *s = &ctx->leaf;

	memset(out, 0, sizeof *out);
	if (s->len == 0 || ctx->state == XST_IDLE)
		return MOTE_ERR_STATE;
	out->type = (mote_pkey_type)s->type;
	switch (s->type) {
	case MOTE_PKEY_RSA:
		out->u.rsa.n = ctx->arena + s->off;
		out->u.rsa.n_len = s->len;
		out->u.rsa.e = s->e;
		out->u.rsa.e_len = s->e_len;
		break;
	case MOTE_PKEY_EC:
		out->u.ec.curve = s->curve;
		out->u.ec.point = ctx->arena + s->off;
		out->u.ec.point_len = s->len;
		break;
	default:
		out->u.ed25519.pub = ctx->arena + s->off;
		break;
	}
	return 0;
}
