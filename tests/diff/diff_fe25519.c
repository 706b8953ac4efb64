/*
 * Field arithmetic mod 2^255 - 19 (every variant: 64-, 32- and 16-bit
 * multipliers) against OpenSSL's BIGNUM:
 * - frombytes/tobytes on random and non-canonical encodings (>= p, bit 255
 *   set): tobytes(frombytes(s)) = (s mod 2^255) mod p;
 * - add, sub, mul, sq, mul_a24, carry, invert, pow22523, cswap, cmov on
 *   random values, special values (0, 1, p - 1, ...), and on elements
 *   whose limbs sit at the largest value each operation accepts ("tight"
 *   inputs at their bound, the "loose" sums and differences of those),
 *   where carries and the 32-bit column sums are closest to overflowing.
 * The expected value of an element is computed from its limbs with
 * BIGNUM, independently of the code under test.
 */
#include <openssl/bn.h>

#include <stdio.h>
#include <string.h>

#include "crypto/fe25519.h"
#include "test.h"

/* Element-size-independent view of one variant. */
struct fe_ops {
	const char *name;
	int nlimbs;
	const uint8_t *width; /* bits per limb, cycling */
	uint32_t tight_max[2]; /* largest tight limb: even, odd index */
	void (*frombytes)(void *r, const uint8_t s[32]);
	void (*tobytes)(uint8_t s[32], const void *a);
	void (*add)(void *r, const void *a, const void *b);
	void (*sub)(void *r, const void *a, const void *b);
	void (*mul)(void *r, const void *a, const void *b);
	void (*sq)(void *r, const void *a);
	void (*mul_a24)(void *r, const void *a);
	void (*carry)(void *r, const void *a);
	void (*invert)(void *r, const void *a);
	void (*pow22523)(void *r, const void *a);
	void (*cswap)(void *a, void *b, uint32_t bit);
	void (*cmov)(void *r, const void *a, uint32_t mask);
	uint64_t (*get)(const void *a, int i);
	void (*put)(void *a, int i, uint64_t v);
};

#define FE_WRAP(B, T)                                                                           \
	static void frombytes_##B(void *r, const uint8_t s[32]) { mote_fe25519_frombytes_##B(r, s); } \
	static void tobytes_##B(uint8_t s[32], const void *a) { mote_fe25519_tobytes_##B(s, a); }     \
	static void add_##B(void *r, const void *a, const void *b) { mote_fe25519_add_##B(r, a, b); } \
	static void sub_##B(void *r, const void *a, const void *b) { mote_fe25519_sub_##B(r, a, b); } \
	static void mul_##B(void *r, const void *a, const void *b) { mote_fe25519_mul_##B(r, a, b); } \
	static void sq_##B(void *r, const void *a) { mote_fe25519_sq_##B(r, a); }                     \
	static void mul_a24_##B(void *r, const void *a) { mote_fe25519_mul_a24_##B(r, a); }           \
	static void carry_##B(void *r, const void *a) { mote_fe25519_carry_##B(r, a); }               \
	static void invert_##B(void *r, const void *a) { mote_fe25519_invert_##B(r, a); }             \
	static void pow22523_##B(void *r, const void *a) { mote_fe25519_pow22523_##B(r, a); }         \
	static void cswap_##B(void *a, void *b, uint32_t bit) { mote_fe25519_cswap_##B(a, b, bit); }  \
	static void cmov_##B(void *r, const void *a, uint32_t m) { mote_fe25519_cmov_##B(r, a, m); }  \
	static uint64_t get_##B(const void *a, int i) { return ((const mote_fe25519_##B *)a)->v[i]; } \
	static void put_##B(void *a, int i, uint64_t v) { ((mote_fe25519_##B *)a)->v[i] = (T)v; }

#define FE_OPS(B)                                                                                  \
	frombytes_##B, tobytes_##B, add_##B, sub_##B, mul_##B, sq_##B, mul_a24_##B, carry_##B,        \
	    invert_##B, pow22523_##B, cswap_##B, cmov_##B, get_##B, put_##B

#if defined(__SIZEOF_INT128__)
FE_WRAP(64, uint64_t)
static const uint8_t width64[] = {51};
#endif
FE_WRAP(32, uint32_t)
FE_WRAP(16, uint16_t)
static const uint8_t width32[] = {26, 25};
static const uint8_t width16[] = {16};

static const struct fe_ops variants[] = {
#if defined(__SIZEOF_INT128__)
	{"64", 5, width64, {(1u << 15) - 1, (1u << 15) - 1}, FE_OPS(64)}, /* + 2^51 below */
#endif
	{"32", 10, width32, {(1u << 26) - 1, (1u << 25) + (1u << 17) - 1}, FE_OPS(32)},
	{"16", 16, width16, {0xFFFF, 0xFFFF}, FE_OPS(16)},
};

typedef union {
	uint64_t v64[5];
	uint32_t v32[10];
	uint16_t v16[16];
} fe_any;

static BIGNUM *bn_p;
static BN_CTX *bn_ctx;
static long mismatches;

static int limb_width(const struct fe_ops *o, int i)
{
	return o->nlimbs == 10 ? o->width[i & 1] : o->width[0];
}

/* The value an element's limbs stand for (not reduced). */
static void fe_value(BIGNUM *r, const struct fe_ops *o, const void *a)
{
	BIGNUM *t = BN_new();
	int shift = 0;

	BN_zero(r);
	for (int i = 0; i < o->nlimbs; i++) {
		BN_set_word(t, o->get(a, i));
		BN_lshift(t, t, shift);
		BN_add(r, r, t);
		shift += limb_width(o, i);
	}
	BN_free(t);
}

/* tobytes(a) must be the canonical encoding of want mod p, and so must
 * the value of a's limbs. */
static void expect(const struct fe_ops *o, const void *a, const BIGNUM *want, const char *what)
{
	BIGNUM *w = BN_new(), *v = BN_new();
	uint8_t got[32], exp[32];

	BN_nnmod(w, want, bn_p, bn_ctx);
	BN_bn2lebinpad(w, exp, 32);
	o->tobytes(got, a);
	fe_value(v, o, a);
	BN_nnmod(v, v, bn_p, bn_ctx);
	int ok = memcmp(got, exp, 32) == 0 && BN_cmp(v, w) == 0;

	CHECK(ok);
	if (!ok && mismatches++ < 10)
		fprintf(stderr, "variant %s: %s mismatch\n", o->name, what);
	BN_free(w);
	BN_free(v);
}

/* Largest tight element: every limb at the variant's tight bound. */
static void fe_tight_max(const struct fe_ops *o, void *a)
{
	for (int i = 0; i < o->nlimbs; i++) {
		uint64_t m = o->tight_max[i & 1];
		if (o->nlimbs == 5)
			m += (uint64_t)1 << 51;
		o->put(a, i, m);
	}
}

/* Every operation on tight inputs a and b, and on loose a + b, a - b. */
static void check_ops(const struct fe_ops *o, const void *a, const void *b)
{
	BIGNUM *va = BN_new(), *vb = BN_new(), *t = BN_new(), *u = BN_new();
	fe_any r, sum, diff, x, y;

	fe_value(va, o, a);
	fe_value(vb, o, b);
	o->add(&sum, a, b);
	BN_add(t, va, vb);
	expect(o, &sum, t, "add");
	o->sub(&diff, a, b);
	BN_sub(u, va, vb);
	expect(o, &diff, u, "sub");
	o->mul(&r, &sum, &diff); /* loose x loose */
	BN_mul(t, t, u, bn_ctx);
	expect(o, &r, t, "mul(loose)");
	o->mul(&r, a, b);
	BN_mul(t, va, vb, bn_ctx);
	expect(o, &r, t, "mul");
	o->sq(&r, &diff);
	BN_sqr(t, u, bn_ctx);
	expect(o, &r, t, "sq(loose)");
	o->sq(&r, &sum);
	BN_add(t, va, vb);
	BN_sqr(t, t, bn_ctx);
	expect(o, &r, t, "sq(loose sum)");
	o->mul_a24(&r, &diff);
	BN_mul_word(u, 121665);
	expect(o, &r, u, "mul_a24(loose)");
	o->carry(&r, &sum);
	BN_add(t, va, vb);
	expect(o, &r, t, "carry");

	/* Exponentiations, compared with BN_mod_exp. */
	o->invert(&r, a);
	BN_sub(u, bn_p, BN_value_one());
	BN_sub_word(u, 1);
	BN_mod_exp(t, va, u, bn_p, bn_ctx);
	expect(o, &r, t, "invert");
	o->pow22523(&r, a);
	BN_sub_word(u, 3);
	BN_rshift(u, u, 3); /* (p - 5) / 8 */
	BN_mod_exp(t, va, u, bn_p, bn_ctx);
	expect(o, &r, t, "pow22523");

	/* cswap / cmov move whole elements, or nothing. */
	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	o->cswap(&x, &y, 0);
	expect(o, &x, va, "cswap(0)");
	o->cswap(&x, &y, 1);
	expect(o, &x, vb, "cswap(1)");
	expect(o, &y, va, "cswap(1)");
	o->cmov(&x, a, 0);
	expect(o, &x, vb, "cmov(0)");
	o->cmov(&x, a, 0xFFFFFFFFu);
	expect(o, &x, va, "cmov(1)");
	BN_free(va);
	BN_free(vb);
	BN_free(t);
	BN_free(u);
}

static void check_bytes(const struct fe_ops *o, const uint8_t s[32])
{
	BIGNUM *v = BN_new();
	uint8_t m[32];
	fe_any a;

	memcpy(m, s, 32);
	m[31] &= 0x7F; /* bit 255 ignored */
	BN_lebin2bn(m, 32, v);
	o->frombytes(&a, s);
	expect(o, &a, v, "frombytes");
	BN_free(v);
}

static void diff_variant(const struct fe_ops *o, int iters)
{
	static const char *const special[] = {
		"0000000000000000000000000000000000000000000000000000000000000000", /* 0 */
		"0100000000000000000000000000000000000000000000000000000000000000", /* 1 */
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p - 1 */
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p */
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p + 1 */
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* 2^255 - 1 */
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", /* bit 255 set */
		"0000000000000000000000000000000000000000000000000000000000000080", /* only bit 255 */
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff3f", /* (p-1)/2 - 9 */
	};
	enum { NSPECIAL = sizeof special / sizeof special[0] };
	fe_any a, b, vals[NSPECIAL + 1];
	uint8_t s[32];

	for (int i = 0; i < NSPECIAL; i++) {
		test_unhex(special[i], s, 32);
		check_bytes(o, s);
		o->frombytes(&vals[i], s);
	}
	fe_tight_max(o, &vals[NSPECIAL]);
	for (int i = 0; i <= NSPECIAL; i++)
		for (int j = 0; j <= NSPECIAL; j++)
			check_ops(o, &vals[i], &vals[j]);

	for (int it = 0; it < iters; it++) {
		test_rand_bytes(s, 32);
		if (it % 8 == 0)
			memset(s + (it / 8) % 24, 0xFF, 8); /* runs of ones: long carries */
		check_bytes(o, s);
		o->frombytes(&a, s);
		test_rand_bytes(s, 32);
		o->frombytes(&b, s);
		o->mul(&b, &b, &a); /* a mul output is tight too */
		check_ops(o, &a, &b);
		check_ops(o, &vals[NSPECIAL], &a);
	}
}

int main(void)
{
	bn_ctx = BN_CTX_new();
	bn_p = BN_new();
	BN_set_bit(bn_p, 255);
	BN_sub_word(bn_p, 19);
	test_rand_seed(0x25519);

	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		long before = mismatches;
		diff_variant(&variants[i], 300);
		printf("fe25519 variant %s: %ld mismatches\n", variants[i].name, mismatches - before);
	}
	CHECK_INT(mismatches, 0);
	BN_free(bn_p);
	BN_CTX_free(bn_ctx);
	return test_finish("diff_fe25519");
}
