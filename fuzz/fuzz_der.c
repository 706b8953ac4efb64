/*
 * libFuzzer harness for the DER reader, the key decoders and PEM:
 *   - a generic walk of the input as DER: every element's header, every
 *     constructed element entered (bounded depth), every primitive one
 *     through each content decoder (INTEGER, OID, BOOLEAN, BIT STRING,
 *     times);
 *   - mote_pkey_parse_spki and the four private-key decoders;
 *   - the input as PEM text, decoded into a buffer and in place, with each
 *     decoded block fed to the key decoders.
 * Invariants checked (abort on violation): every output span lies inside
 * the input; a failed reader call leaves the reader unmoved; a failed key
 * decode leaves type NONE; buffer and in-place PEM decoding agree.
 * Seed corpus: fuzz/corpus/der/ (key fixtures, a certificate, PEM).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/der.h"
#include "mote/pem.h"
#include "mote/pkey.h"

#define WALK_DEPTH 12

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(int ok)
{
	if (!ok)
		abort();
}

static void require_inside(const mote_der_reader *span, const uint8_t *p, size_t len)
{
	require(span->len == 0 || (span->p >= p && span->p + span->len <= p + len));
}

static void walk_primitive(uint8_t tag, const mote_der_reader *val)
{
	mote_der_reader bits;
	unsigned unused;
	int64_t t;
	int b;

	(void)mote_der_check_integer(val->p, val->len);
	(void)mote_der_check_oid(val->p, val->len);
	(void)mote_der_decode_bool(val->p, val->len, &b);
	if (mote_der_decode_bits(val->p, val->len, &bits, &unused) == 0)
		require(unused < 8 && bits.len + 1 == val->len);
	(void)mote_der_decode_time(tag, val->p, val->len, &t);
}

static void walk(mote_der_reader r, int depth, const uint8_t *p, size_t len)
{
	while (r.len > 0) {
		mote_der_reader before = r, val;
		uint8_t tag;

		if (mote_der_read_any(&r, &tag, &val) != 0) {
			require(r.p == before.p && r.len == before.len);
			return;
		}
		require_inside(&val, p, len);
		require(r.len < before.len);
		if ((tag & 0x20) && depth < WALK_DEPTH)
			walk(val, depth + 1, p, len);
		else if (!(tag & 0x20))
			walk_primitive(tag, &val);
	}
}

/* The typed readers on the input as one element. */
static void readers(const uint8_t *p, size_t len)
{
	mote_der_reader r, val;
	uint32_t v;
	int64_t t;
	unsigned u;
	int b;

	mote_der_init(&r, p, len);
	if (mote_der_read_uint(&r, &val) == 0)
		require_inside(&val, p, len);
	(void)mote_der_read_small_uint(&r, &v);
	(void)mote_der_read_bool(&r, &b);
	(void)mote_der_read_time(&r, &t);
	if (mote_der_read_bits(&r, &val, &u) == 0)
		require_inside(&val, p, len);
	if (mote_der_read_oid(&r, &val) == 0)
		require_inside(&val, p, len);
}

static void keys(const uint8_t *p, size_t len)
{
	static int (*const priv[])(mote_privkey *, const uint8_t *, size_t) = {
		mote_privkey_parse, mote_privkey_parse_pkcs8, mote_privkey_parse_sec1,
		mote_privkey_parse_pkcs1};
	mote_pkey pk;
	mote_privkey sk;

	if (mote_pkey_parse_spki(&pk, p, len) == 0) {
		require(pk.type != MOTE_PKEY_NONE);
		if (pk.type == MOTE_PKEY_RSA)
			require(pk.u.rsa.n >= p && pk.u.rsa.e + pk.u.rsa.e_len <= p + len);
		if (pk.type == MOTE_PKEY_EC)
			require(pk.u.ec.point >= p && pk.u.ec.point + pk.u.ec.point_len <= p + len);
	} else {
		require(pk.type == MOTE_PKEY_NONE);
	}
	for (size_t i = 0; i < sizeof priv / sizeof priv[0]; i++) {
		if (priv[i](&sk, p, len) != 0) {
			require(sk.type == MOTE_PKEY_NONE);
			continue;
		}
		if (sk.type == MOTE_PKEY_RSA)
			require(sk.u.rsa.n >= p && sk.u.rsa.qinv + sk.u.rsa.qinv_len <= p + len);
		if (sk.type == MOTE_PKEY_EC)
			require(sk.u.ec.scalar >= p && sk.u.ec.scalar + sk.u.ec.scalar_len <= p + len);
	}
}

static void pem(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1), *copy = malloc(size ? size : 1);
	uint8_t *out = malloc(MOTE_PEM_DECODED_MAX(size) + 1);
	mote_pem_reader r, ri;
	mote_pem_block b, bi;
	int err, erri;

	memcpy(text, data, size);
	memcpy(copy, data, size);
	mote_pem_init(&r, text, size);
	mote_pem_init_inplace(&ri, copy, size);
	for (;;) {
		err = mote_pem_next(&r, &b, out, MOTE_PEM_DECODED_MAX(size));
		erri = mote_pem_next(&ri, &bi, NULL, 0);
		require(err == erri);
		if (err)
			break;
		require(b.der_len == bi.der_len && memcmp(b.der, bi.der, b.der_len) == 0);
		require(b.label >= text && b.label + b.label_len <= text + size);
		keys(b.der, b.der_len);
	}
	free(text);
	free(copy);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy: ASan then sees any read past the end. */
	uint8_t *p = malloc(size ? size : 1);
	mote_der_reader r;

	memcpy(p, data, size);
	mote_der_init(&r, p, size);
	walk(r, 0, p, size);
	readers(p, size);
	keys(p, size);
	pem(p, size);
	free(p);
	return 0;
}
