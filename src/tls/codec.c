/* Wire-format reader and windowed writer (see codec.h). */
#include "tls/codec.h"

#include <string.h>

const uint8_t *tls_rd_bytes(tls_rd *r, size_t len)
{
	const uint8_t *p;

	if (r->err || len > r->n) {
		r->err = MOTE_ERR_DECODE;
		r->n = 0;
		return NULL;
	}
	p = r->p;
	r->p += len;
	r->n -= len;
	return p;
}

static uint32_t rd_uint(tls_rd *r, unsigned bytes)
{
	const uint8_t *p = tls_rd_bytes(r, bytes);
	uint32_t v = 0;

	if (!p)
		return 0;
	for (unsigned i = 0; i < bytes; i++)
		v = (v << 8) | p[i];
	return v;
}

uint32_t tls_rd_u8(tls_rd *r)
{
	return rd_uint(r, 1);
}

uint32_t tls_rd_u16(tls_rd *r)
{
	return rd_uint(r, 2);
}

uint32_t tls_rd_u24(tls_rd *r)
{
	return rd_uint(r, 3);
}

uint32_t tls_rd_u32(tls_rd *r)
{
	return rd_uint(r, 4);
}

void tls_rd_vec(tls_rd *r, tls_rd *sub, unsigned len_bytes, size_t min, size_t max)
{
	size_t len = rd_uint(r, len_bytes);
	const uint8_t *p;

	if (!r->err && (len < min || len > max))
		r->err = MOTE_ERR_DECODE;
	p = tls_rd_bytes(r, len);
	tls_rd_init(sub, p, p ? len : 0);
	sub->err = r->err;
}

int tls_rd_end(const tls_rd *r)
{
	return (r->err || r->n) ? MOTE_ERR_DECODE : 0;
}

void tls_wr_measure(tls_wr *w)
{
	memset(w, 0, sizeof *w);
	w->measuring = 1;
}

void tls_wr_replay(tls_wr *w, uint8_t *buf, size_t lo, size_t hi, mote_hash_ctx *hash,
                   size_t hash_end)
{
	w->buf = buf;
	w->lo = lo;
	w->hi = hi;
	w->pos = 0;
	w->hash = hash;
	w->hash_end = hash_end;
	w->nvec = 0;
	w->depth = 0;
	w->measuring = 0;
}

void tls_wr_bytes(tls_wr *w, const void *p, size_t len)
{
	const uint8_t *src = p;
	size_t a = w->pos, b = w->pos + len;

	if (!w->measuring) {
		/* The part of [a, b) inside the window, then inside the hash range. */
		size_t x = a > w->lo ? a : w->lo, y = b < w->hi ? b : w->hi;
		if (w->buf && x < y)
			memcpy(w->buf + (x - w->lo), src + (x - a), y - x);
		y = b < w->hash_end ? b : w->hash_end;
		if (w->hash && a < y)
			mote_hash_update(w->hash, src, y - a);
	}
	w->pos = b;
}

static void wr_uint(tls_wr *w, uint32_t v, unsigned bytes)
{
	uint8_t b[4];

	for (unsigned i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
	tls_wr_bytes(w, b, bytes);
}

void tls_wr_u8(tls_wr *w, uint32_t v)
{
	wr_uint(w, v, 1);
}

void tls_wr_u16(tls_wr *w, uint32_t v)
{
	wr_uint(w, v, 2);
}

void tls_wr_u24(tls_wr *w, uint32_t v)
{
	wr_uint(w, v, 3);
}

void tls_wr_u32(tls_wr *w, uint32_t v)
{
	wr_uint(w, v, 4);
}

void tls_wr_open(tls_wr *w, unsigned len_bytes)
{
	uint8_t idx = w->nvec;

	if (idx >= TLS_WR_MAX_VECS || w->depth >= TLS_WR_MAX_DEPTH) {
		w->overflow = 1;
		idx = TLS_WR_MAX_VECS - 1;
	} else {
		w->nvec++;
	}
	/* The prefix width is kept in the top bits of the depth slot. */
	w->open[w->depth < TLS_WR_MAX_DEPTH ? w->depth : TLS_WR_MAX_DEPTH - 1] =
	        (uint8_t)(idx | ((len_bytes - 1) << 6));
	wr_uint(w, w->measuring ? 0 : w->lens[idx], len_bytes);
	w->starts[w->depth < TLS_WR_MAX_DEPTH ? w->depth : TLS_WR_MAX_DEPTH - 1] = w->pos;
	if (w->depth < TLS_WR_MAX_DEPTH)
		w->depth++;
}

void tls_wr_close(tls_wr *w)
{
	uint8_t slot;

	if (w->depth == 0) {
		w->overflow = 1;
		return;
	}
	slot = w->open[--w->depth];
	if (w->measuring)
		w->lens[slot & 0x3F] = (uint16_t)(w->pos - w->starts[w->depth]);
}
