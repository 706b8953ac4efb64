/*
 * The large-record pool: full-size record buffers in mote_ctx, lent to a
 * connection for one protected record that does not fit its own receive
 * buffer (a server that accepted no record limit may send 16 KB).
 *
 * A connection asks for a buffer once the 5-byte header of such a record
 * is in its own buffer; the header is copied over and the body received
 * straight into the pool buffer, where the record is opened in place.
 * The buffer goes back when the plaintext is consumed, or earlier, as
 * soon as what is left fits the connection's own buffer (moved there).
 * A connection that finds no free buffer takes no more bytes until one
 * is free (flow control: the record waits in the network); it asks again
 * each time the application asks where to put received bytes.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

int mote_ctx_set_large_pool(mote_ctx *ctx, void *mem, size_t len)
{
	mote_large_pool *p;
	size_t n;

	if (!ctx)
		return MOTE_ERR_BAD_ARG;
	p = &ctx->pool;
	if (p->queued || tls_pool_in_use(ctx))
		return MOTE_ERR_STATE;
	n = mem ? len / MOTE_LARGE_RECORD_BUFFER_SIZE : 0;
	if (mem && n == 0)
		return MOTE_ERR_BAD_ARG;
	if (n > MOTE_LARGE_POOL_MAX)
		n = MOTE_LARGE_POOL_MAX;
	memset(p, 0, sizeof *p);
	p->mem = n ? mem : NULL;
	p->n = (uint8_t)n;
	return 0;
}

struct mote_conn *mote_ctx_pool_holder(const mote_ctx *ctx, size_t i)
{
	return i < ctx->pool.n ? ctx->pool.holder[i] : NULL;
}

size_t tls_pool_in_use(const mote_ctx *ctx)
{
	size_t used = 0;

	for (size_t i = 0; i < ctx->pool.n; i++)
		used += ctx->pool.holder[i] != NULL;
	return used;
}

void mote_ctx_pool_stats(const mote_ctx *ctx, mote_pool_stats *st)
{
	const mote_large_pool *p = &ctx->pool;

	st->buffers = p->n;
	st->bytes = (size_t)p->n * MOTE_LARGE_RECORD_BUFFER_SIZE;
	st->in_use = tls_pool_in_use(ctx);
	st->peak = p->peak;
	st->borrows = p->borrows;
	st->waits = p->waits;
}

/* c's place in the queue of waiters; the queue length when not in it. */
static size_t queue_rank(const mote_large_pool *p, const mote_conn *c)
{
	size_t i;

	for (i = 0; i < p->queued; i++) {
		if (p->queue[i] == c)
			break;
	}
	return i;
}

static void dequeue(mote_large_pool *p, const mote_conn *c)
{
	size_t i = queue_rank(p, c);

	if (i == p->queued)
		return;
	memmove(&p->queue[i], &p->queue[i + 1], (p->queued - i - 1) * sizeof p->queue[0]);
	p->queue[--p->queued] = NULL;
}

/* A buffer is free for c: more free buffers than waiters ahead of it. */
int tls_pool_may_take(const mote_conn *c)
{
	const mote_large_pool *p = &c->ctx->pool;

	return p->n - tls_pool_in_use(c->ctx) > queue_rank(p, c);
}

/* c waits: in the queue, or the queue is full (it joins when it asks
 * again, so it must not be told to stop asking). */
int tls_pool_blocked(const mote_conn *c)
{
	const mote_large_pool *p = &c->ctx->pool;

	if (tls_pool_may_take(c))
		return 0;
	return queue_rank(p, c) < p->queued || p->queued < MOTE_LARGE_POOL_QUEUE ? 1 : 0;
}

uint8_t *tls_pool_buf(const mote_ctx *ctx, unsigned idx)
{
	return ctx->pool.mem + (size_t)idx * MOTE_LARGE_RECORD_BUFFER_SIZE;
}

int tls_pool_borrow(mote_conn *c)
{
	mote_large_pool *p = &c->ctx->pool;
	size_t used;

	for (unsigned i = 0; i < p->n && tls_pool_may_take(c); i++) {
		if (p->holder[i])
			continue;
		dequeue(p, c);
		p->holder[i] = c;
		c->lbuf = (uint8_t)(i + 1);
		/* The header (all that was received so far) moves along. */
		memcpy(tls_pool_buf(c->ctx, i), c->rbuf, c->rlen);
		p->borrows++;
		used = tls_pool_in_use(c->ctx);
		if (used > p->peak)
			p->peak = (uint8_t)used;
		return 1;
	}
	if (c->lbuf != TLS_POOL_WAITING) {
		c->lbuf = TLS_POOL_WAITING;
		p->waits++;
	}
	if (queue_rank(p, c) == p->queued && p->queued < MOTE_LARGE_POOL_QUEUE)
		p->queue[p->queued++] = c;
	return 0;
}

void tls_pool_release(mote_conn *c)
{
	if (!TLS_POOL_HELD(c))
		return;
	c->ctx->pool.holder[c->lbuf - 1] = NULL;
	c->lbuf = 0;
}

void tls_pool_settle(mote_conn *c)
{
	size_t rest;

	if (!TLS_POOL_HELD(c) || !c->rend)
		return;
	rest = (size_t)c->rend - c->rpos;
	if (5 + rest > c->rcap)
		return;
	memcpy(c->rbuf + 5, tls_pool_buf(c->ctx, c->lbuf - 1u) + c->rpos, rest);
	c->rpos = 5;
	c->rend = (uint16_t)(5 + rest);
	tls_pool_release(c);
}

void tls_pool_drop(mote_conn *c)
{
	if (c->lbuf == TLS_POOL_WAITING) {
		dequeue(&c->ctx->pool, c);
		c->lbuf = 0;
	}
	if (!TLS_POOL_HELD(c))
		return;
	tls_pool_release(c);
	c->rlen = 0;
	c->rneed = 5;
	c->rpos = c->rend = 0;
	c->rtype = 0;
}
