/*
 * Test-side DER tools, written independently of src/x509/der.c so that
 * tests do not check the reader with itself:
 *   - a builder for hand-made structures (minimal DER headers);
 *   - a rewriter that re-encodes a valid DER fixture, mutating one element
 *     (non-minimal or indefinite length, or an element appended inside);
 *   - "field hex" expectation files written by tests/data/keys/gen.sh.
 * Test code only (allocates); assumes its inputs are valid DER.
 */
#ifndef MOTE_TEST_DER_BUILD_H
#define MOTE_TEST_DER_BUILD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* ---- builder ---- */

struct der_buf {
	uint8_t b[8192];
	size_t n;
};

static inline size_t der_put_header(uint8_t *out, uint8_t tag, size_t len)
{
	size_t k = 0;

	out[0] = tag;
	if (len < 0x80) {
		out[1] = (uint8_t)len;
		return 2;
	}
	for (size_t v = len; v; v >>= 8)
		k++;
	out[1] = (uint8_t)(0x80 | k);
	for (size_t i = 0; i < k; i++)
		out[2 + i] = (uint8_t)(len >> (8 * (k - 1 - i)));
	return 2 + k;
}

/* Append raw bytes given in hex. */
static inline void der_hex(struct der_buf *d, const char *hex)
{
	size_t n = test_unhex(hex, d->b + d->n, sizeof d->b - d->n);

	if (n == (size_t)-1) {
		fprintf(stderr, "bad builder hex %s\n", hex);
		abort();
	}
	d->n += n;
}

static inline void der_raw(struct der_buf *d, const uint8_t *p, size_t len)
{
	memcpy(d->b + d->n, p, len);
	d->n += len;
}

/* Append tag, length and the contents of c. */
static inline void der_wrap(struct der_buf *d, uint8_t tag, const struct der_buf *c)
{
	d->n += der_put_header(d->b + d->n, tag, c->n);
	der_raw(d, c->b, c->n);
}

/* Append tag, length and the contents given in hex. */
static inline void der_tlv(struct der_buf *d, uint8_t tag, const char *hex)
{
	struct der_buf *c = calloc(1, sizeof *c);

	der_hex(c, hex);
	der_wrap(d, tag, c);
	free(c);
}

/* ---- rewriter ---- */

enum der_mut { DER_MUT_NONE, DER_MUT_NONMINIMAL, DER_MUT_INDEFINITE, DER_MUT_APPEND };

struct der_rw {
	int target;            /* pre-order index of the element to mutate */
	int counter;           /* elements seen */
	enum der_mut mode;
	int applied;           /* the target existed and could take the mutation */
	uint8_t target_tag;    /* its tag */
	const uint8_t *target_content; /* its original contents */
};

static inline size_t der_get_header(const uint8_t *p, size_t *len)
{
	size_t v = 0, k;

	if (p[1] < 0x80) {
		*len = p[1];
		return 2;
	}
	k = p[1] & 0x7F;
	for (size_t i = 0; i < k; i++)
		v = v << 8 | p[2 + i];
	*len = v;
	return 2 + k;
}

/* Contents that are exactly one SEQUENCE or OCTET STRING: DER carried in
 * an OCTET STRING or BIT STRING (PKCS#8 privateKey, RSA SPKI key). */
static inline int der_encapsulates(const uint8_t *c, size_t len)
{
	size_t l, h;

	if (len < 2 || (c[0] != 0x30 && c[0] != 0x04))
		return 0;
	if (c[1] >= 0x80 && ((c[1] & 0x7F) > 3 || len < 2 + (size_t)(c[1] & 0x7F)))
		return 0;
	h = der_get_header(c, &l);
	return h + l == len;
}

static inline size_t der_put_mutated_header(uint8_t *out, uint8_t tag, size_t len, enum der_mut m)
{
	size_t h;

	if (m == DER_MUT_INDEFINITE) {
		out[0] = tag;
		out[1] = 0x80;
		return 2;
	}
	if (m != DER_MUT_NONMINIMAL)
		return der_put_header(out, tag, len);
	if (len < 0x80) {
		out[0] = tag;
		out[1] = 0x81;
		out[2] = (uint8_t)len;
		return 3;
	}
	/* Long form with a leading zero length byte. */
	h = der_put_header(out + 1, tag, len);
	out[0] = tag;
	out[1] = (uint8_t)(0x80 | (h - 1));
	out[2] = 0;
	return h + 1;
}

static size_t der_rewrite(struct der_rw *rw, const uint8_t *in, size_t len, uint8_t *out);

/* The contents of one element, re-encoded (children rewritten). */
static inline size_t der_rewrite_contents(struct der_rw *rw, uint8_t tag, const uint8_t *c,
                                          size_t clen, uint8_t *body, int *container)
{
	*container = 1;
	if (tag & 0x20)
		return der_rewrite(rw, c, clen, body);
	if (tag == 0x04 && der_encapsulates(c, clen))
		return der_rewrite(rw, c, clen, body);
	if (tag == 0x03 && clen > 1 && c[0] == 0 && der_encapsulates(c + 1, clen - 1)) {
		body[0] = 0;
		return 1 + der_rewrite(rw, c + 1, clen - 1, body + 1);
	}
	*container = 0;
	memcpy(body, c, clen);
	return clen;
}

static size_t der_rewrite(struct der_rw *rw, const uint8_t *in, size_t len, uint8_t *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		size_t clen, h = der_get_header(in + i, &clen);
		uint8_t tag = in[i];
		int me = rw->counter++ == rw->target, container;
		uint8_t *body = malloc(clen + 64);
		size_t blen = der_rewrite_contents(rw, tag, in + i + h, clen, body, &container);
		enum der_mut m = me ? rw->mode : DER_MUT_NONE;

		if (me) {
			rw->target_tag = tag;
			rw->target_content = in + i + h;
			rw->applied = m != DER_MUT_APPEND || container;
			if (m == DER_MUT_APPEND && container) {
				body[blen++] = 0x05; /* a NULL element after the last one */
				body[blen++] = 0x00;
			}
		}
		o += der_put_mutated_header(out + o, tag, blen, m);
		memcpy(out + o, body, blen);
		o += blen;
		if (m == DER_MUT_INDEFINITE) {
			out[o++] = 0; /* end-of-contents */
			out[o++] = 0;
		}
		free(body);
		i += h + clen;
	}
	return o;
}

/* ---- expectation files ---- */

/* The value of "field" in a gen.sh "field value" file, as bytes (hex
 * values) or text. Returns the length, or (size_t)-1 if absent. */
static inline size_t expect_field(const char *txt, const char *field, uint8_t *out, size_t cap,
                                  char *text, size_t text_cap)
{
	size_t fl = strlen(field);

	const char *next = txt;

	while (next && *next) {
		const char *line = next;
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char val[4096];

		next = end ? end + 1 : NULL;
		if (n <= fl || strncmp(line, field, fl) != 0 || line[fl] != ' ' || n - fl - 1 >= sizeof val)
			continue;
		memcpy(val, line + fl + 1, n - fl - 1);
		val[n - fl - 1] = 0;
		if (text) {
			size_t vl = strlen(val) < text_cap ? strlen(val) : text_cap - 1;

			memcpy(text, val, vl);
			text[vl] = 0;
			return vl;
		}
		return test_unhex(val, out, cap);
	}
	return (size_t)-1;
}

#endif
