/*
 * ClientHello (RFC 8446 section 4.1.2), first and second (after
 * HelloRetryRequest).
 *
 * The message is a pure function of the handshake state (randoms, key
 * shares, ticket, binder, cookie) and the const config, so it is never
 * stored: it is regenerated to emit each record-sized piece, to compute
 * the PSK binder over its truncated form, and to hash it into the
 * transcript once ServerHello names the hash.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

static const mote_session *ch_session(const mote_conn *c)
{
	return c->hs->session >= 0 ? &c->ctx->sessions[c->hs->session] : NULL;
}

static void ext_sni(const mote_conn *c, tls_wr *w)
{
	size_t len;

	if (!tls_sni_wanted(c->server_name))
		return;
	len = strlen(c->server_name);
	tls_wr_u16(w, TLS_EXT_SERVER_NAME);
	tls_wr_open(w, 2);
	tls_wr_open(w, 2);
	tls_wr_u8(w, 0); /* host_name */
	tls_wr_open(w, 2);
	tls_wr_bytes(w, c->server_name, len);
	tls_wr_close(w);
	tls_wr_close(w);
	tls_wr_close(w);
}

static void ext_u16_list(tls_wr *w, uint16_t type, const uint16_t *list, size_t n)
{
	tls_wr_u16(w, type);
	tls_wr_open(w, 2);
	tls_wr_open(w, 2);
	for (size_t i = 0; i < n; i++)
		tls_wr_u16(w, list[i]);
	tls_wr_close(w);
	tls_wr_close(w);
}

static void ext_key_share(const mote_conn *c, tls_wr *w)
{
	const uint8_t *pub;

	tls_wr_u16(w, TLS_EXT_KEY_SHARE);
	tls_wr_open(w, 2);
	tls_wr_open(w, 2);
	for (int i = 0; i < 2; i++) {
		uint16_t g = c->hs->share_groups[i];
		size_t len;
		if (!g)
			continue;
		len = tls_kex_pub(c, g, &pub);
		tls_wr_u16(w, g);
		tls_wr_open(w, 2);
		tls_wr_bytes(w, pub, len);
		tls_wr_close(w);
	}
	tls_wr_close(w);
	tls_wr_close(w);
}

static void ext_simple(const mote_conn *c, tls_wr *w)
{
	const mote_config *cfg = c->ctx->config;

	tls_wr_u16(w, TLS_EXT_SUPPORTED_VERSIONS);
	tls_wr_open(w, 2);
	tls_wr_open(w, 1);
	tls_wr_u16(w, TLS_VERSION_13);
	if (tls12_offered(c))
		tls_wr_u16(w, TLS_VERSION_12);
	tls_wr_close(w);
	tls_wr_close(w);
	if (!(cfg->flags & MOTE_CONFIG_NO_RESUMPTION) && c->ctx->n_sessions) {
		/* Without it a server must not send tickets (section 4.2.9). */
		tls_wr_u16(w, TLS_EXT_PSK_KEY_EXCHANGE_MODES);
		tls_wr_open(w, 2);
		tls_wr_open(w, 1);
		tls_wr_u8(w, 1); /* psk_dhe_ke */
		tls_wr_close(w);
		tls_wr_close(w);
	}
	if (c->recv_limit < 16384 && !(cfg->flags & MOTE_CONFIG_NO_RECORD_SIZE_LIMIT)) {
		/* RFC 8449: the limit counts the inner content type too. */
		tls_wr_u16(w, TLS_EXT_RECORD_SIZE_LIMIT);
		tls_wr_open(w, 2);
		tls_wr_u16(w, (uint32_t)c->recv_limit + 1);
		tls_wr_close(w);
	}
	if (c->mfl) {
		tls_wr_u16(w, TLS_EXT_MAX_FRAGMENT_LENGTH);
		tls_wr_open(w, 2);
		tls_wr_u8(w, c->mfl);
		tls_wr_close(w);
	}
}

/* TLS 1.2 extensions: extended_master_secret (RFC 7627), empty
 * renegotiation_info (RFC 5746 3.4: the initial handshake), session_ticket
 * (RFC 5077: a stored ticket, else empty), ec_point_formats (RFC 8422
 * 5.1.2: uncompressed only). */
static void ext_tls12(const mote_conn *c, tls_wr *w)
{
	const mote_session *s = ch_session(c);

	if (!tls12_offered(c))
		return;
	tls_wr_u16(w, TLS_EXT_EXTENDED_MASTER_SECRET);
	tls_wr_u16(w, 0);
	tls_wr_u16(w, TLS_EXT_RENEGOTIATION_INFO);
	tls_wr_u16(w, 1);
	tls_wr_u8(w, 0);
	tls_wr_u16(w, TLS_EXT_EC_POINT_FORMATS);
	tls_wr_u16(w, 2);
	tls_wr_u8(w, 1);
	tls_wr_u8(w, 0);
	if (tls_ext_sent(c, TLS_EXT_SESSION_TICKET)) {
		tls_wr_u16(w, TLS_EXT_SESSION_TICKET);
		tls_wr_open(w, 2);
		if (s && s->version12)
			tls_wr_bytes(w, s->ticket, s->ticket_len);
		tls_wr_close(w);
	}
}

static void ext_alpn(const mote_conn *c, tls_wr *w)
{
	const mote_config *cfg = c->ctx->config;

	if (!cfg->alpn || !cfg->n_alpn)
		return;
	tls_wr_u16(w, TLS_EXT_ALPN);
	tls_wr_open(w, 2);
	tls_wr_open(w, 2);
	for (size_t i = 0; i < cfg->n_alpn; i++) {
		tls_wr_open(w, 1);
		tls_wr_bytes(w, cfg->alpn[i], strlen(cfg->alpn[i]));
		tls_wr_close(w);
	}
	tls_wr_close(w);
	tls_wr_close(w);
}

/* pre_shared_key, always the last extension (section 4.2.11). */
static void ext_psk(const mote_conn *c, tls_wr *w)
{
	const mote_session *s = ch_session(c);
	size_t hl;

	if (!c->hs->psk_offered || !s || s->version12)
		return;
	hl = mote_hash_size(tls_suite_find(s->suite)->hash);
	tls_wr_u16(w, TLS_EXT_PRE_SHARED_KEY);
	tls_wr_open(w, 2);
	tls_wr_open(w, 2); /* identities */
	tls_wr_open(w, 2);
	tls_wr_bytes(w, s->ticket, s->ticket_len);
	tls_wr_close(w);
	tls_wr_u32(w, c->hs->u.pre.obf_age);
	tls_wr_close(w);
	tls_wr_open(w, 2); /* binders */
	tls_wr_open(w, 1);
	tls_wr_bytes(w, c->hs->u.pre.binder, hl);
	tls_wr_close(w);
	tls_wr_close(w);
	tls_wr_close(w);
}

static void ch_write(const mote_conn *c, tls_wr *w)
{
	const mote_config *cfg = c->ctx->config;
	const mote_handshake *hs = c->hs;
	const uint16_t *list;
	size_t n;

	tls_wr_u8(w, TLS_HS_CLIENT_HELLO);
	tls_wr_open(w, 3);
	tls_wr_u16(w, TLS_VERSION_12); /* legacy_version */
	tls_wr_bytes(w, hs->u.pre.random, 32);
	tls_wr_open(w, 1);
	tls_wr_bytes(w, hs->session_id, hs->sid_len);
	tls_wr_close(w);
	n = tls_cfg_suites(cfg, &list);
	tls_wr_open(w, 2);
	for (size_t i = 0; i < n; i++) {
		const tls_suite *st = tls_suite_find(list[i]);
		/* Unknown suites are offered as configured (tests). */
		if (st && st->kx != TLS_KX_13 && !tls12_offered(c))
			continue;
		tls_wr_u16(w, list[i]);
	}
	tls_wr_close(w);
	tls_wr_u8(w, 1); /* legacy_compression_methods: null only */
	tls_wr_u8(w, 0);
	tls_wr_open(w, 2);
	ext_sni(c, w);
	ext_simple(c, w);
	n = tls_cfg_groups(cfg, &list);
	ext_u16_list(w, TLS_EXT_SUPPORTED_GROUPS, list, n);
	n = tls_cfg_sigs(cfg, &list);
	ext_u16_list(w, TLS_EXT_SIGNATURE_ALGORITHMS, list, n);
	ext_key_share(c, w);
	ext_alpn(c, w);
	ext_tls12(c, w);
	if (hs->cookie_len) {
		tls_wr_u16(w, TLS_EXT_COOKIE);
		tls_wr_open(w, 2);
		tls_wr_open(w, 2);
		tls_wr_bytes(w, hs->u.pre.cookie, hs->cookie_len);
		tls_wr_close(w);
		tls_wr_close(w);
	}
	ext_psk(c, w);
	tls_wr_close(w);
	tls_wr_close(w);
}

size_t tls_ch_binders_len(const mote_conn *c)
{
	const mote_session *s = ch_session(c);

	if (!c->hs->psk_offered || !s || s->version12)
		return 0;
	return 2 + 1 + mote_hash_size(tls_suite_find(s->suite)->hash);
}

void tls_ch_hash(mote_conn *c, mote_hash_ctx *h, size_t hash_end)
{
	tls_wr w;

	tls_wr_measure(&w);
	ch_write(c, &w);
	tls_wr_replay(&w, NULL, 0, 0, h, hash_end);
	ch_write(c, &w);
}

/* The PSK binder (section 4.2.11.2): a Finished-style MAC keyed from the
 * binder key over the transcript up to the truncated ClientHello (after
 * a HelloRetryRequest, the transcript so far comes first). */
static void ch_binder(mote_conn *c)
{
	mote_handshake *hs = c->hs;
	const mote_session *s = ch_session(c);
	mote_hash_alg alg = tls_suite_find(s->suite)->hash;
	uint8_t empty[MOTE_HASH_MAX_SIZE], key[MOTE_HASH_MAX_SIZE], th[MOTE_HASH_MAX_SIZE];
	mote_hash_ctx h;

	if (hs->transcript_on)
		h = hs->transcript;
	else
		mote_hash_init(&h, alg);
	tls_ch_hash(c, &h, hs->ch_len - tls_ch_binders_len(c));
	mote_hash_final(&h, th);
	tls_empty_hash(alg, empty);
	tls_derive_secret(alg, hs->u.pre.early, "res binder", empty, key);
	tls_finished_mac(alg, key, th, hs->u.pre.binder);
	mote_wipe(key, sizeof key);
}

/* Obfuscated ticket age (section 4.2.11.1): the age in milliseconds plus
 * the server's age_add, modulo 2^32. Unknown time: age 0. */
static uint32_t ticket_age(const mote_conn *c, const mote_session *s)
{
	uint64_t now = c->ctx->time_cb ? c->ctx->time_cb(c->ctx->time_arg) : 0;
	uint32_t age = (now && s->issued_ms && now > s->issued_ms) ? (uint32_t)(now - s->issued_ms)
	                                                           : 0;

	return age + s->age_add;
}

int tls_ch_prepare(mote_conn *c)
{
	mote_handshake *hs = c->hs;
	const mote_session *s;
	tls_wr w;

	s = ch_session(c);
	if (s && hs->psk_offered && !s->version12) {
		mote_hash_alg alg = tls_suite_find(s->suite)->hash;
		if (!hs->hrr) {
			hs->u.pre.obf_age = ticket_age(c, s);
			tls_next_secret(alg, NULL, s->psk, s->psk_len, hs->u.pre.early);
		}
		/* The binder needs ch_len, which does not depend on its value. */
		tls_wr_measure(&w);
		ch_write(c, &w);
		hs->ch_len = (uint16_t)w.pos;
		ch_binder(c);
	}
	tls_wr_measure(&w);
	ch_write(c, &w);
	if (w.overflow || w.pos > 0xFFFF)
		return MOTE_ERR_INTERNAL;
	hs->ch_len = (uint16_t)w.pos;
	hs->ch_sent = 0;
	c->out |= TLS_OUT_CH;
	return 0;
}

/* Emits the next piece of the ClientHello as one plaintext record. */
int tls_ch_emit(mote_conn *c)
{
	mote_handshake *hs = c->hs;
	size_t room = tls_record_room(c, 0), n = hs->ch_len - hs->ch_sent;
	uint8_t *rec = c->sbuf + c->slen;
	tls_wr w;

	if (room == 0)
		return 0;
	n = n < room ? n : room;
	tls_wr_measure(&w);
	ch_write(c, &w);
	tls_wr_replay(&w, rec + 5, hs->ch_sent, hs->ch_sent + n, NULL, 0);
	ch_write(c, &w);
	/* Once ServerHello or HelloRetryRequest named the hash, the
	 * transcript takes the ClientHello as it goes out. */
	if (hs->transcript_on)
		mote_hash_update(&hs->transcript, rec + 5, n);
	tls_record_seal(c, c->slen, n, TLS_CT_HANDSHAKE);
	/* legacy_record_version 0x0301 for the first ClientHello (5.1). */
	if (!hs->hrr)
		rec[2] = 0x01;
	c->slen = (uint16_t)(c->slen + 5 + n);
	hs->ch_sent = (uint16_t)(hs->ch_sent + n);
	if (hs->ch_sent == hs->ch_len)
		c->out &= (uint8_t)~TLS_OUT_CH;
	return 1;
}
