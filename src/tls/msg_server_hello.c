/*
 * ServerHello and HelloRetryRequest (RFC 8446 sections 4.1.3, 4.1.4):
 * checks that the server chose only what was offered, then runs the key
 * schedule up to the handshake traffic keys.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

/* SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest. */
static const uint8_t hrr_random[32] = {
	0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
	0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
};

struct sh_msg {
	uint16_t legacy_version;
	const uint8_t *random;
	tls_rd sid;
	uint16_t suite;
	uint8_t comp;
	int has_exts;
	uint64_t seen;
	uint16_t version;
	uint16_t group;
	const uint8_t *share;
	size_t share_len;
	uint16_t psk_index;
	const uint8_t *cookie;
	size_t cookie_len;
};

/* One extension's body. hrr: the HelloRetryRequest form. */
static int sh_ext(const mote_conn *c, struct sh_msg *m, uint16_t type, tls_rd *d, int hrr)
{
	tls_rd v;

	switch (type) {
	case TLS_EXT_SUPPORTED_VERSIONS:
		m->version = (uint16_t)tls_rd_u16(d);
		break;
	case TLS_EXT_KEY_SHARE:
		m->group = (uint16_t)tls_rd_u16(d);
		if (!hrr) {
			tls_rd_vec(d, &v, 2, 1, 0xFFFF);
			m->share = v.p;
			m->share_len = v.n;
		}
		break;
	case TLS_EXT_PRE_SHARED_KEY:
		if (hrr || !tls_ext_sent(c, type))
			return tls_ext_misplaced(c, type);
		m->psk_index = (uint16_t)tls_rd_u16(d);
		break;
	case TLS_EXT_COOKIE:
		if (!hrr)
			return tls_ext_misplaced(c, type);
		tls_rd_vec(d, &v, 2, 1, 0xFFFF);
		m->cookie = v.p;
		m->cookie_len = v.n;
		break;
	default:
		return tls_ext_misplaced(c, type);
	}
	return tls_rd_end(d);
}

static int sh_parse(const mote_conn *c, struct sh_msg *m, const uint8_t *p, size_t n)
{
	tls_rd r, exts, d;
	int err;

	memset(m, 0, sizeof *m);
	tls_rd_init(&r, p, n);
	m->legacy_version = (uint16_t)tls_rd_u16(&r);
	m->random = tls_rd_bytes(&r, 32);
	tls_rd_vec(&r, &m->sid, 1, 0, 32);
	m->suite = (uint16_t)tls_rd_u16(&r);
	m->comp = (uint8_t)tls_rd_u8(&r);
	if (r.err)
		return MOTE_ERR_DECODE;
	if (r.n == 0)
		return 0; /* no extensions: TLS 1.2 or older */
	m->has_exts = 1;
	tls_rd_vec(&r, &exts, 2, 0, 0xFFFF);
	err = tls_rd_end(&r);
	while (!err && exts.n) {
		uint16_t type = (uint16_t)tls_rd_u16(&exts);
		tls_rd_vec(&exts, &d, 2, 0, 0xFFFF);
		if (exts.err)
			return MOTE_ERR_DECODE;
		if (m->seen & tls_ext_bit(type))
			return MOTE_ERR_ILLEGAL_PARAMETER; /* duplicate */
		m->seen |= tls_ext_bit(type);
		err = sh_ext(c, m, type, &d, memcmp(m->random, hrr_random, 32) == 0);
	}
	return err;
}

static int sh_common_checks(const mote_conn *c, const struct sh_msg *m)
{
	const mote_handshake *hs = c->hs;
	const uint16_t *suites;
	size_t n_suites = tls_cfg_suites(c->ctx->config, &suites);
	size_t sid_len = hs->sid_len;
	const tls_suite *st = tls_suite_find(m->suite);

	if (!(m->seen & tls_ext_bit(TLS_EXT_SUPPORTED_VERSIONS)))
		return MOTE_ERR_PROTOCOL_VERSION; /* the server chose TLS 1.2 or older */
	if (m->legacy_version != TLS_VERSION_12 || m->version != TLS_VERSION_13)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (m->sid.n != sid_len || memcmp(m->sid.p, hs->session_id, sid_len) != 0)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (m->comp != 0 || !tls_list_has(suites, n_suites, m->suite) || !st || st->kx != TLS_KX_13)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	return 0;
}

/* Starts the transcript with the suite's hash and the ClientHello. */
void tls_transcript_start(mote_conn *c, mote_hash_alg alg)
{
	mote_handshake *hs = c->hs;

	mote_hash_init(&hs->transcript, alg);
	tls_ch_hash(c, &hs->transcript, hs->ch_len);
	hs->transcript_on = 1;
}

static int psk_compatible(const mote_conn *c, uint16_t suite)
{
	const mote_session *s = &c->ctx->sessions[c->hs->session];

	return tls_suite_find(s->suite)->hash == tls_suite_find(suite)->hash;
}

static int hrr_handle(mote_conn *c, const struct sh_msg *m, const uint8_t *p, size_t n)
{
	mote_handshake *hs = c->hs;
	mote_hash_alg alg = tls_suite_find(m->suite)->hash;
	const uint16_t *groups;
	size_t n_groups = tls_cfg_groups(c->ctx->config, &groups);
	uint8_t mh[4 + MOTE_HASH_MAX_SIZE];
	int new_group = (m->seen & tls_ext_bit(TLS_EXT_KEY_SHARE)) != 0;

	if (hs->hrr)
		return MOTE_ERR_UNEXPECTED_MESSAGE; /* a second HelloRetryRequest */
	/* The group must have been offered, without a share yet; and the
	 * request must change something (section 4.1.4). */
	if (new_group && (!tls_list_has(groups, n_groups, m->group) || !tls_kex_supported(m->group) ||
	                  m->group == hs->share_groups[0] || m->group == hs->share_groups[1]))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (!new_group && !m->cookie)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (m->cookie_len > MOTE_HRR_COOKIE_MAX)
		return MOTE_ERR_UNSUPPORTED;
	/* Transcript: message_hash(Hash(ClientHello1)) || HelloRetryRequest. */
	mote_hash_init(&hs->transcript, alg);
	mh[0] = TLS_HS_MESSAGE_HASH;
	mh[1] = mh[2] = 0;
	mh[3] = (uint8_t)mote_hash_size(alg);
	tls_ch_hash(c, &hs->transcript, hs->ch_len);
	mote_hash_final(&hs->transcript, mh + 4);
	mote_hash_init(&hs->transcript, alg);
	mote_hash_update(&hs->transcript, mh, 4 + mh[3]);
	tls_hs_hash_msg(c, p, n);
	hs->transcript_on = 1;
	hs->hrr = 1;
	c->flags |= TLS_F_HRR;
	c->suite = m->suite;
	if (m->cookie) {
		memcpy(hs->u.pre.cookie, m->cookie, m->cookie_len);
		hs->cookie_len = (uint8_t)m->cookie_len;
	}
	if (hs->psk_offered && !psk_compatible(c, m->suite)) {
		hs->psk_offered = 0; /* RFC 8446 4.1.4: drop incompatible PSKs */
		tls_session_release(c, 0);
	}
	if (new_group) {
		mote_wipe(hs->u.pre.x25519_priv, sizeof hs->u.pre.x25519_priv);
		mote_wipe(hs->u.pre.ec_priv, sizeof hs->u.pre.ec_priv);
		hs->share_groups[0] = m->group;
		hs->share_groups[1] = 0;
		int err = tls_kex_keygen(c, m->group);
		if (err)
			return err;
	}
	return tls_ch_prepare(c);
}

/* Key schedule up to the handshake traffic secrets (section 7.1). */
static int sh_keys(mote_conn *c, const struct sh_msg *m)
{
	mote_handshake *hs = c->hs;
	const tls_suite *s = tls_suite_find(m->suite);
	uint8_t shared[MOTE_HASH_MAX_SIZE + 16], early[MOTE_HASH_MAX_SIZE];
	uint8_t hsec[MOTE_HASH_MAX_SIZE], th[MOTE_HASH_MAX_SIZE];
	size_t shared_len = 0;
	int err;

	err = tls_kex_shared(c, m->group, m->share, m->share_len, shared, &shared_len);
	if (!err) {
		if (hs->psk_accepted)
			memcpy(early, hs->u.pre.early, sizeof early);
		else
			tls_next_secret(s->hash, NULL, NULL, 0, early);
		tls_next_secret(s->hash, early, shared, shared_len, hsec);
		tls_transcript_hash(hs, th);
		tls_derive_secret(s->hash, hsec, "c hs traffic", th, c->u.hs.c_hs);
		tls_derive_secret(s->hash, hsec, "s hs traffic", th, c->u.hs.s_hs);
		tls_next_secret(s->hash, hsec, NULL, 0, c->u.hs.master);
		err = tls_dir_set(&c->rd, s, c->u.hs.s_hs);
		if (!err)
			err = tls_dir_set(&c->wr, s, c->u.hs.c_hs);
	}
	mote_wipe(shared, sizeof shared);
	mote_wipe(early, sizeof early);
	mote_wipe(hsec, sizeof hsec);
	return err;
}

static int sh_finish(mote_conn *c, const struct sh_msg *m, const uint8_t *p, size_t n)
{
	mote_handshake *hs = c->hs;
	int has_psk = (m->seen & tls_ext_bit(TLS_EXT_PRE_SHARED_KEY)) != 0;
	int err;

	if (hs->hrr && m->suite != c->suite)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	/* Only psk_dhe_ke is offered: a key share is always required. */
	if (!(m->seen & tls_ext_bit(TLS_EXT_KEY_SHARE)))
		return MOTE_ERR_MISSING_EXTENSION;
	if (!m->group || (m->group != hs->share_groups[0] && m->group != hs->share_groups[1]))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (has_psk && (m->psk_index != 0 || !psk_compatible(c, m->suite)))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	hs->psk_accepted = (uint8_t)has_psk;
	if (has_psk)
		c->flags |= TLS_F_RESUMED;
	c->suite = m->suite;
	c->group = m->group;
	if (!hs->transcript_on)
		tls_transcript_start(c, tls_suite_find(m->suite)->hash);
	tls_hs_hash_msg(c, p, n);
	err = sh_keys(c, m);
	if (err)
		return err;
	/* A ticket is used once, accepted or not (a TLS 1.2 session stays). */
	if (hs->psk_offered)
		tls_session_release(c, !c->ctx->sessions[hs->session].version12);
	/* The ClientHello state (ephemeral keys included) is done with. */
	mote_wipe(&hs->u.pre, sizeof hs->u.pre);
	c->flags |= TLS_F_KEYCHG;
	c->state = TLS_ST_WAIT_EE;
	return 0;
}

/* A ServerHello without supported_versions chose TLS 1.2 (or older). */
static int sh_is_tls12(const uint8_t *p, size_t n)
{
	tls_rd r, exts, d;

	tls_rd_init(&r, p, n);
	(void)tls_rd_bytes(&r, 2 + 32);
	tls_rd_vec(&r, &d, 1, 0, 32);
	(void)tls_rd_bytes(&r, 3);
	if (r.err)
		return 0; /* sh_parse reports it */
	if (r.n == 0)
		return 1;
	tls_rd_vec(&r, &exts, 2, 0, 0xFFFF);
	while (!exts.err && exts.n) {
		if (tls_rd_u16(&exts) == TLS_EXT_SUPPORTED_VERSIONS)
			return 0;
		tls_rd_vec(&exts, &d, 2, 0, 0xFFFF);
	}
	return 1;
}

int tls_sh_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	struct sh_msg m;
	int err;

	if (sh_is_tls12(p, n))
		return tls12_offered(c) ? tls12_sh_handle(c, p, n) : MOTE_ERR_PROTOCOL_VERSION;
	err = sh_parse(c, &m, p, n);

	if (err)
		return err;
	if (!m.has_exts)
		return MOTE_ERR_PROTOCOL_VERSION;
	err = sh_common_checks(c, &m);
	if (err)
		return err;
	if (memcmp(m.random, hrr_random, 32) == 0)
		return hrr_handle(c, &m, p, n);
	return sh_finish(c, &m, p, n);
}
