/*
 * Context and connection set-up, information and the memory report.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

int mote_ctx_init(mote_ctx *ctx, const mote_config *config, mote_entropy_fn entropy,
                  void *entropy_arg, mote_time_fn time, void *time_arg)
{
	static const uint8_t pers[] = "mote tls ctx";

	if (!ctx || !config || !entropy)
		return MOTE_ERR_BAD_ARG;
	memset(ctx, 0, sizeof *ctx);
	ctx->config = config;
	ctx->time_cb = time;
	ctx->time_arg = time_arg;
	return mote_drbg_init(&ctx->drbg, entropy, entropy_arg, pers, sizeof pers - 1);
}

void mote_ctx_set_pk_scratch(mote_ctx *ctx, void *scratch, size_t len)
{
	ctx->pk_scratch = scratch;
	ctx->pk_scratch_len = scratch ? len : 0;
	ctx->pk_busy = 0;
}

/* Limits offered from the receive buffer: content bytes per record that
 * fit, the record_size_limit (that + 1) and the largest
 * max_fragment_length code (2^9..2^12 = codes 1..4) not above it. */
static void conn_limits(mote_conn *c)
{
	const mote_config *cfg = c->ctx->config;
	size_t limit = (size_t)c->rcap - MOTE_RECORD_OVERHEAD;

	c->peer_limit = 16384;
	if (c->rcap >= 5 + MOTE_RECORD_FULL_CIPHERTEXT || limit >= 16384) {
		c->recv_limit = 16384;
		return;
	}
	c->recv_limit = (uint16_t)limit;
	if (cfg->flags & MOTE_CONFIG_NO_MAX_FRAGMENT)
		return;
	for (uint8_t code = 4; code >= 1; code--) {
		if (((size_t)1 << (8 + code)) <= limit) {
			c->mfl = code;
			break;
		}
	}
}

static int conn_first_flight(mote_conn *c)
{
	const mote_config *cfg = c->ctx->config;
	mote_handshake *hs = c->hs;
	const uint16_t *groups;
	size_t n_groups = tls_cfg_groups(cfg, &groups);
	size_t shares = cfg->key_shares ? cfg->key_shares : 1;
	int err;

	err = tls_random(c, hs->u.pre.random, 32);
	if (!err)
		err = tls_random(c, hs->session_id, 32);
	for (size_t i = 0, k = 0; !err && i < n_groups && k < shares && k < 2; i++) {
		if (!tls_kex_supported(groups[i]))
			continue;
		hs->share_groups[k++] = groups[i];
		err = tls_kex_keygen(c, groups[i]);
	}
	if (err)
		return err;
	if (!hs->share_groups[0])
		return MOTE_ERR_UNSUPPORTED;
	hs->sid_len = (cfg->flags & MOTE_CONFIG_NO_MIDDLEBOX_COMPAT) ? 0 : 32;
	if (tls_session_pick(c) >= 0 && c->ctx->sessions[hs->session].version12) {
		/* TLS 1.2: the stored session ID, or a fresh one to go with the
		 * ticket (RFC 5077 3.4: its echo tells the ticket was taken). */
		const mote_session *e = &c->ctx->sessions[hs->session];
		hs->sid_len = e->sid_len ? e->sid_len : 32;
		memcpy(hs->session_id, e->session_id, e->sid_len);
	}
	return tls_ch_prepare(c);
}

int mote_conn_init(mote_conn *c, mote_ctx *ctx, const char *server_name, void *recv_buf,
                   size_t recv_len, void *send_buf, size_t send_len, mote_handshake *hs)
{
	int err;

	if (!c || !ctx || !server_name || !recv_buf || !send_buf || !hs)
		return MOTE_ERR_BAD_ARG;
	memset(c, 0, sizeof *c);
	memset(hs, 0, sizeof *hs);
	if (recv_len < MOTE_RECV_BUFFER_MIN)
		return MOTE_ERR_RECV_BUFFER_TOO_SMALL;
	if (send_len < MOTE_SEND_BUFFER_MIN)
		return MOTE_ERR_SEND_BUFFER_TOO_SMALL;
	c->ctx = ctx;
	c->hs = hs;
	hs->session = -1;
	c->server_name = server_name;
	c->rbuf = recv_buf;
	c->sbuf = send_buf;
	c->rcap = (uint16_t)(recv_len > 0xFFFF ? 0xFFFF : recv_len);
	c->scap = (uint16_t)(send_len > 0xFFFF ? 0xFFFF : send_len);
	c->rneed = 5;
	c->state = TLS_ST_WAIT_SH;
	tls_name_hash(server_name, c->name_hash);
	conn_limits(c);
	err = conn_first_flight(c);
	if (err) {
		tls_session_release(c, 0);
		mote_wipe(hs, sizeof *hs);
		c->hs = NULL;
		c->err = err;
		c->state = TLS_ST_CLOSED;
		return err;
	}
	tls_output(c);
	return 0;
}

void mote_conn_info(const mote_conn *c, mote_conn_info_t *info)
{
	const mote_config *cfg = c->ctx->config;

	memset(info, 0, sizeof *info);
	info->version = c->v12 ? TLS_VERSION_12 : TLS_VERSION_13;
	info->suite = c->suite;
	info->group = c->group;
	info->sig_scheme = c->sig_scheme;
	info->send_limit = (uint16_t)(c->peer_limit < c->scap - MOTE_RECORD_OVERHEAD
	                                      ? c->peer_limit
	                                      : c->scap - MOTE_RECORD_OVERHEAD);
	info->recv_limit = c->recv_limit;
	info->resumed = (c->flags & TLS_F_RESUMED) != 0;
	info->hrr = (c->flags & TLS_F_HRR) != 0;
	info->limit_ext = c->limit_ext;
	info->insecure = (cfg->flags & MOTE_CONFIG_INSECURE_NO_VERIFY) != 0;
	info->alpn = c->alpn ? cfg->alpn[c->alpn - 1] : NULL;
}

void mote_conn_memory(const mote_conn *c, mote_memory_report *r)
{
	memset(r, 0, sizeof *r);
	r->conn_struct = sizeof *c;
	r->keys = sizeof c->rd + sizeof c->wr;
	r->secrets = sizeof c->u;
	r->handshake = c->hs ? sizeof *c->hs : 0;
	r->recv_buf = c->rcap;
	r->send_buf = c->scap;
	r->total = r->conn_struct + r->handshake + r->recv_buf + r->send_buf;
	r->ctx_struct = sizeof *c->ctx;
	r->sessions = c->ctx->n_sessions * sizeof(mote_session);
	r->pk_scratch = c->ctx->pk_scratch_len;
	r->pool = (size_t)c->ctx->pool.n * MOTE_LARGE_RECORD_BUFFER_SIZE;
	r->pool_held = TLS_POOL_HELD(c) ? MOTE_LARGE_RECORD_BUFFER_SIZE : 0;
}

void mote_conn_clear(mote_conn *c)
{
	if (TLS_POOL_HELD(c)) /* the record in it may hold plaintext */
		mote_wipe(tls_rbuf(c), c->rneed);
	tls_pool_drop(c);
	if (c->hs) {
		tls12_nst_drop(c);
		tls_session_release(c, 1);
		mote_wipe(c->hs, sizeof *c->hs);
	} else if (c->state == TLS_ST_CONNECTED && !c->v12 && c->u.post.nst_entry >= 0) {
		mote_wipe(&c->ctx->sessions[c->u.post.nst_entry], sizeof(mote_session));
	}
	mote_wipe(c, sizeof *c);
}
