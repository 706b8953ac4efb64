/*
 * Wire-format reader and writer for the TLS handshake (internal).
 *
 * Reader: a bounds-checked cursor with a sticky error. Reads past the end
 * set MOTE_ERR_DECODE and return zeros, so a parser reads a whole message
 * and checks once; values read are only acted upon after that check.
 * Every length-prefixed vector is opened as a sub-reader and must be
 * consumed exactly (tls_rd_end), as picotls does.
 *
 * Writer: writes bytes [lo, hi) of a message into a window and can feed
 * bytes [0, hash_end) to a hash on the way. Lengths of nested vectors are
 * computed by a first, measuring pass and replayed by the writing pass,
 * so a message can be produced a record at a time without ever existing
 * whole in memory (the ClientHello with a ticket can exceed a small send
 * buffer).
 */
#ifndef MOTE_TLS_CODEC_H
#define MOTE_TLS_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "mote/error.h"
#include "mote/hash.h"

typedef struct {
	const uint8_t *p;
	size_t n;
	int err;
} tls_rd;

static inline void tls_rd_init(tls_rd *r, const uint8_t *p, size_t n)
{
	r->p = p;
	r->n = n;
	r->err = 0;
}

/* Pointer to the next len bytes (consumed), or NULL and the error. */
const uint8_t *tls_rd_bytes(tls_rd *r, size_t len);
uint32_t tls_rd_u8(tls_rd *r);
uint32_t tls_rd_u16(tls_rd *r);
uint32_t tls_rd_u24(tls_rd *r);
uint32_t tls_rd_u32(tls_rd *r);
/* Opens a vector with a len_bytes-byte length prefix (1, 2 or 3) whose
 * length lies in [min, max]; sub reads it. Errors go to r. */
void tls_rd_vec(tls_rd *r, tls_rd *sub, unsigned len_bytes, size_t min, size_t max);
/* 0 if r had no error and is consumed exactly; else MOTE_ERR_DECODE. */
int tls_rd_end(const tls_rd *r);

#define TLS_WR_MAX_VECS 40
#define TLS_WR_MAX_DEPTH 6

typedef struct {
	uint8_t *buf;            /* receives bytes [lo, hi) of the message */
	size_t lo, hi;
	size_t pos;              /* bytes produced so far */
	mote_hash_ctx *hash;     /* if set, bytes [0, hash_end) are hashed */
	size_t hash_end;
	uint16_t lens[TLS_WR_MAX_VECS]; /* vector lengths (measuring pass) */
	size_t starts[TLS_WR_MAX_DEPTH];
	uint8_t open[TLS_WR_MAX_DEPTH];
	uint8_t nvec, depth;
	uint8_t measuring;
	uint8_t overflow; /* too many vectors: a programming error */
} tls_wr;

/* Measuring pass: produces nothing, records vector lengths. */
void tls_wr_measure(tls_wr *w);
/* Replay pass after a measuring one, with a window and optional hash. */
void tls_wr_replay(tls_wr *w, uint8_t *buf, size_t lo, size_t hi, mote_hash_ctx *hash,
                   size_t hash_end);
void tls_wr_bytes(tls_wr *w, const void *p, size_t len);
void tls_wr_u8(tls_wr *w, uint32_t v);
void tls_wr_u16(tls_wr *w, uint32_t v);
void tls_wr_u24(tls_wr *w, uint32_t v);
void tls_wr_u32(tls_wr *w, uint32_t v);
/* Opens a vector with a len_bytes-byte length prefix; closed by
 * tls_wr_close (vectors nest). */
void tls_wr_open(tls_wr *w, unsigned len_bytes);
void tls_wr_close(tls_wr *w);

#endif
