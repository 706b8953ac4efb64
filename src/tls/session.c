/*
 * The session cache: tickets in caller-given entries of the shared
 * context, keyed by a hash of the server name. An entry is locked by the
 * one handshake that offers it and dropped once used (section 4.6.1 and
 * Appendix C.4: servers may accept a ticket only once).
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/kdf.h"
#include "mote/sha2.h"
#include "tls/tls_int.h"

enum { S_FREE = 0, S_VALID = 1, S_IN_USE = 2, S_FILLING = 3 };

void tls_name_hash(const char *name, uint8_t out[16])
{
	uint8_t h[32];

	mote_sha256(name, name ? strlen(name) : 0, h);
	memcpy(out, h, 16);
}

static uint64_t now_ms(const mote_ctx *ctx)
{
	return ctx->time_cb ? ctx->time_cb(ctx->time_arg) : 0;
}

static void entry_free(mote_session *e)
{
	mote_wipe(e, sizeof *e);
}

/* A ticket past its lifetime is dropped. Without a clock it is kept. */
static int entry_expired(const mote_session *e, uint64_t now)
{
	return now && e->issued_ms && now > e->issued_ms &&
	       now - e->issued_ms > (uint64_t)e->lifetime_s * 1000;
}

static int entry_usable(const mote_conn *c, const mote_session *e, uint64_t now)
{
	const uint16_t *suites;
	size_t n = tls_cfg_suites(c->ctx->config, &suites);

	if (e->state != S_VALID || memcmp(e->name_hash, c->name_hash, 16) != 0)
		return 0;
	if (e->version12 && !tls12_offered(c))
		return 0;
	return !entry_expired(e, now) && tls_list_has(suites, n, e->suite) &&
	       tls_suite_find(e->suite);
}

int tls_session_pick(mote_conn *c)
{
	mote_ctx *ctx = c->ctx;
	uint64_t now = now_ms(ctx);
	int best = -1;

	c->hs->session = -1;
	if (ctx->config->flags & MOTE_CONFIG_NO_RESUMPTION)
		return -1;
	for (size_t i = 0; i < ctx->n_sessions; i++) {
		mote_session *e = &ctx->sessions[i];
		if (e->state == S_VALID && entry_expired(e, now))
			entry_free(e);
		if (entry_usable(c, e, now) && (best < 0 || e->serial > ctx->sessions[best].serial))
			best = (int)i;
	}
	if (best >= 0) {
		ctx->sessions[best].state = S_IN_USE;
		c->hs->session = (int16_t)best;
		c->hs->psk_offered = 1;
	}
	return best;
}

void tls_session_release(mote_conn *c, int consumed)
{
	mote_session *e;

	if (!c->hs || c->hs->session < 0)
		return;
	e = &c->ctx->sessions[c->hs->session];
	if (consumed)
		entry_free(e);
	else
		e->state = S_VALID;
	c->hs->session = -1;
}

/* An entry for a new ticket: a free one, else the oldest valid one. */
int tls_session_new(mote_conn *c)
{
	mote_ctx *ctx = c->ctx;
	int best = -1;

	if (ctx->config->flags & MOTE_CONFIG_NO_RESUMPTION)
		return -1;
	for (size_t i = 0; i < ctx->n_sessions; i++) {
		mote_session *e = &ctx->sessions[i];
		if (e->state == S_FREE)
			return (int)i;
		if (e->state == S_VALID && (best < 0 || e->serial < ctx->sessions[best].serial))
			best = (int)i;
	}
	if (best >= 0)
		entry_free(&ctx->sessions[best]);
	return best;
}

void mote_ctx_set_sessions(mote_ctx *ctx, mote_session *entries, size_t n)
{
	if (n > 0x7FFF)
		n = 0x7FFF;
	ctx->sessions = entries;
	ctx->n_sessions = (uint16_t)(entries ? n : 0);
	if (entries)
		memset(entries, 0, n * sizeof *entries);
}

void mote_ctx_flush_sessions(mote_ctx *ctx)
{
	for (size_t i = 0; i < ctx->n_sessions; i++)
		entry_free(&ctx->sessions[i]);
}

size_t mote_ctx_session_count(const mote_ctx *ctx, const char *server_name)
{
	uint8_t h[16];
	size_t count = 0;

	tls_name_hash(server_name, h);
	for (size_t i = 0; i < ctx->n_sessions; i++) {
		const mote_session *e = &ctx->sessions[i];
		if (e->state == S_VALID && memcmp(e->name_hash, h, 16) == 0)
			count++;
	}
	return count;
}

/* ---- NewSessionTicket (section 4.6.1), streamed --------------------- */

/* Body layout: lifetime(4) age_add(4) nonce<0..255> ticket<1..2^16-1>
 * extensions<0..2^16-2>. Offsets after the nonce depend on its length. */
int tls_nst_begin(mote_conn *c)
{
	mote_tls_post *post = &c->u.post;
	int e = tls_session_new(c);

	post->nst_pos = 0;
	post->nst_acc = 0;
	post->nonce_len = 0;
	post->nst_tlen = 0;
	post->nst_entry = (int16_t)e;
	if (e >= 0)
		c->ctx->sessions[e].state = S_FILLING;
	/* lifetime, age_add, nonce length, ticket length, extensions length */
	if (c->body_len < 4 + 4 + 1 + 2 + 1 + 2)
		return MOTE_ERR_DECODE;
	return 0;
}

static mote_session *nst_entry(mote_conn *c)
{
	int16_t e = c->u.post.nst_entry;
	return e >= 0 ? &c->ctx->sessions[e] : NULL;
}

static void nst_drop(mote_conn *c)
{
	mote_session *e = nst_entry(c);

	if (e)
		entry_free(e);
	c->u.post.nst_entry = -1;
}

/* One body byte at position pos. */
static int nst_byte(mote_conn *c, uint32_t pos, uint8_t b)
{
	mote_tls_post *post = &c->u.post;
	mote_session *e = nst_entry(c);
	uint32_t n = post->nonce_len, t = post->nst_tlen;

	post->nst_acc = (post->nst_acc << 8) | b;
	if (pos == 3 && e)
		e->lifetime_s = post->nst_acc;
	else if (pos == 7 && e)
		e->age_add = post->nst_acc;
	else if (pos == 8) {
		post->nonce_len = b;
		if (b > sizeof post->nonce)
			nst_drop(c); /* nonce too long to keep: parse, do not store */
	} else if (pos > 8 && pos < 9 + n) {
		if (pos - 9 < sizeof post->nonce)
			post->nonce[pos - 9] = b;
	} else if (pos == 10 + n) {
		post->nst_tlen = (uint16_t)(post->nst_acc & 0xFFFF);
		if (post->nst_tlen == 0)
			return MOTE_ERR_DECODE;
		if (post->nst_tlen > MOTE_SESSION_TICKET_MAX)
			nst_drop(c);
		else if (e)
			e->ticket_len = post->nst_tlen;
	} else if (pos > 10 + n && pos < 11 + n + t) {
		if (e)
			e->ticket[pos - 11 - n] = b;
	} else if (pos == 12 + n + t) {
		/* The extensions (only early_data is defined; all are ignored,
		 * section 4.6.1) must end the message exactly. */
		if (13 + n + t + (post->nst_acc & 0xFFFF) != c->body_len)
			return MOTE_ERR_DECODE;
	}
	return 0;
}

int tls_nst_stream(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_tls_post *post = &c->u.post;
	int err;

	for (size_t i = 0; i < n; i++) {
		err = nst_byte(c, post->nst_pos++, p[i]);
		if (err) {
			nst_drop(c);
			return err;
		}
	}
	return 0;
}

int tls_nst_end(mote_conn *c)
{
	mote_tls_post *post = &c->u.post;
	mote_session *e = nst_entry(c);
	const tls_suite *s = tls_suite_find(c->suite);
	size_t hl = mote_hash_size(s->hash);

	/* The extensions length must have been read (and checked). */
	if (post->nst_pos < 13u + post->nonce_len + post->nst_tlen) {
		nst_drop(c);
		return MOTE_ERR_DECODE;
	}
	if (!e)
		return 0;
	if (e->lifetime_s == 0) {
		nst_drop(c); /* "the ticket should be discarded immediately" */
		return 0;
	}
	if (e->lifetime_s > 604800)
		e->lifetime_s = 604800;
	/* PSK = HKDF-Expand-Label(resumption_master_secret, "resumption",
	 * ticket_nonce, Hash.length) */
	(void)mote_hkdf_expand_label(s->hash, post->res_master, hl, "resumption", post->nonce,
	                             post->nonce_len, e->psk, hl);
	e->psk_len = (uint8_t)hl;
	e->suite = c->suite;
	memcpy(e->name_hash, c->name_hash, 16);
	e->issued_ms = now_ms(c->ctx);
	e->serial = ++c->ctx->session_serial;
	e->state = S_VALID;
	post->nst_entry = -1;
	return 0;
}

/* ---- TLS 1.2 sessions (RFC 5246 7.4.1.2, RFC 5077) ------------------ */

/* Default lifetime of a TLS 1.2 session: a session ID has none, and a
 * ticket's lifetime_hint of 0 means unspecified. */
#define TLS12_LIFETIME_S 7200

/* NewSessionTicket (RFC 5077 3.3): lifetime_hint(4) ticket<0..2^16-1>,
 * only after the server acknowledged session_ticket. The ticket waits in
 * a cache entry being filled until the server's Finished verifies. An
 * empty or oversized ticket is not kept. */
int tls12_nst_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_tls12_state *t = &c->u.t12;
	tls_rd r, tk;
	uint32_t hint;
	int e;

	if (!t->ticket_ext)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	tls_rd_init(&r, p, n);
	hint = tls_rd_u32(&r);
	tls_rd_vec(&r, &tk, 2, 0, 0xFFFF);
	if (tls_rd_end(&r))
		return MOTE_ERR_DECODE;
	t->ticket_ext = 0;
	if (tk.n == 0 || tk.n > MOTE_SESSION_TICKET_MAX)
		return 0;
	e = tls_session_new(c);
	if (e < 0)
		return 0;
	c->ctx->sessions[e].state = S_FILLING;
	c->ctx->sessions[e].lifetime_s = hint ? hint : TLS12_LIFETIME_S;
	c->ctx->sessions[e].ticket_len = (uint16_t)tk.n;
	memcpy(c->ctx->sessions[e].ticket, tk.p, tk.n);
	t->nst_entry = (int16_t)e;
	return 0;
}

/* A ticket received in a handshake that did not complete is dropped. */
void tls12_nst_drop(mote_conn *c)
{
	if (c->hs && c->v12 && c->u.t12.nst_entry >= 0) {
		entry_free(&c->ctx->sessions[c->u.t12.nst_entry]);
		c->u.t12.nst_entry = -1;
	}
}

/* After the server's Finished: the session (master secret, suite, the
 * server's session ID and/or the new ticket) goes to the cache. A
 * resumed session stays, its ticket replaced by a new one if any. */
void tls12_session_store(mote_conn *c)
{
	mote_ctx *ctx = c->ctx;
	mote_tls12_state *t = &c->u.t12;
	mote_handshake *hs = c->hs;
	mote_session *old = hs->session >= 0 ? &ctx->sessions[hs->session] : NULL;
	mote_session *e;
	int i = t->nst_entry;

	if (t->resumed && i < 0) {
		tls_session_release(c, 0);
		return;
	}
	if (i < 0 && hs->sid_len)
		i = tls_session_new(c);
	if (i < 0)
		return;
	e = &ctx->sessions[i];
	if (i != t->nst_entry) {
		e->ticket_len = 0;
		e->lifetime_s = TLS12_LIFETIME_S;
	}
	if (t->resumed && old) {
		e->sid_len = old->sid_len;
		memcpy(e->session_id, old->session_id, old->sid_len);
		tls_session_release(c, 1);
	} else {
		e->sid_len = hs->sid_len;
		memcpy(e->session_id, hs->session_id, hs->sid_len);
	}
	e->version12 = (uint8_t)(1 | (t->ems ? 2 : 0));
	e->suite = c->suite;
	e->psk_len = 48;
	memcpy(e->psk, t->master, 48);
	memcpy(e->name_hash, c->name_hash, 16);
	e->issued_ms = now_ms(ctx);
	e->serial = ++ctx->session_serial;
	e->state = S_VALID;
	t->nst_entry = -1;
}
