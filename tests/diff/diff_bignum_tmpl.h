/*
 * Body of diff_bignum.c for one limb size: define TW (32 or 64), TL (the
 * limb type) and T(name) (the variant's function), then include.
 * Each check runs an operation through bytes and compares with OpenSSL.
 */
#define TB (TW / 8)
#define TMAXK (4096 / TW + 2)

static void T(to_limbs)(TL *x, size_t k, const BIGNUM *b)
{
	uint8_t buf[TMAXK * TB];
	BN_bn2binpad(b, buf, (int)(k * TB));
	CHECK(T(decode)(x, k, buf, k * TB) == 0);
}

static int T(same)(const TL *x, size_t k, const BIGNUM *want)
{
	uint8_t a[2 * TMAXK * TB], b[2 * TMAXK * TB];
	T(encode)(a, k * TB, x, k);
	BN_bn2binpad(want, b, (int)(k * TB));
	return memcmp(a, b, k * TB) == 0;
}

/* One random modulus of nbits bits: every operation on random operands. */
static void T(one_modulus)(BN_CTX *ctx, int nbits, int composite)
{
	size_t k = ((size_t)nbits + TW - 1) / TW;
	TL m[TMAXK], x[TMAXK], y[TMAXK], d[TMAXK], t[TMAXK], r2[TMAXK], acc[TMAXK];
	TL big[2 * TMAXK], inv_a[TMAXK], inv_b[TMAXK], inv_u[TMAXK];
	static TL table[16 * TMAXK];
	BIGNUM *bm = BN_new(), *bx = BN_new(), *by = BN_new(), *bw = BN_new();
	BIGNUM *bR = BN_new(), *bRi = BN_new(), *be = BN_new();
	T(recip) rc;

	if (composite) { /* product of two halves: some inputs not invertible */
		BIGNUM *p = BN_new(), *q = BN_new();
		BN_rand(p, nbits / 2, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD);
		BN_rand(q, nbits - nbits / 2, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD);
		BN_mul(bm, p, q, ctx);
		BN_free(p);
		BN_free(q);
	} else {
		BN_rand(bm, nbits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD);
	}
	nbits = BN_num_bits(bm);
	T(to_limbs)(m, k, bm);
	TL m0i = T(ninv)(m[0]);
	CHECK((TL)(m0i * m[0]) == (TL)-1);
	BN_one(bR);
	BN_lshift(bR, bR, (int)(k * TW));
	BN_mod(bR, bR, bm, ctx);
	CHECK(BN_mod_inverse(bRi, bR, bm, ctx) != NULL);
	T(recip_init)(&rc, m, k, (unsigned)nbits);

	/* R^2 mod m. */
	T(r2)(r2, m, k);
	BN_mod_mul(bw, bR, bR, bm, ctx);
	CHECK(T(same)(r2, k, bw));

	for (int it = 0; it < 4; it++) {
		BN_rand_range(bx, bm);
		BN_rand_range(by, bm);
		if (it == 0)
			BN_sub(bx, bm, BN_value_one()); /* m - 1 */
		if (it == 1)
			BN_zero(by);
		T(to_limbs)(x, k, bx);
		T(to_limbs)(y, k, by);

		/* montmul, also with a >= m (any k-limb value). */
		T(montmul)(d, x, y, m, m0i, k);
		BN_mod_mul(bw, bx, by, bm, ctx);
		BN_mod_mul(bw, bw, bRi, bm, ctx);
		CHECK(T(same)(d, k, bw));
		for (size_t i = 0; i < k; i++)
			acc[i] = ~(TL)0;
		T(montmul)(d, acc, y, m, m0i, k);
		BN_one(bw);
		BN_lshift(bw, bw, (int)(k * TW));
		BN_sub_word(bw, 1);
		BN_mod_mul(bw, bw, by, bm, ctx);
		BN_mod_mul(bw, bw, bRi, bm, ctx);
		CHECK(T(same)(d, k, bw));

		/* redc of any k-limb value, in place. */
		T(redc)(acc, acc, m, m0i, k);
		BN_one(bw);
		BN_lshift(bw, bw, (int)(k * TW));
		BN_sub_word(bw, 1);
		BN_mod_mul(bw, bw, bRi, bm, ctx);
		CHECK(T(same)(acc, k, bw));

		/* to_mont (word steps with the reciprocal). */
		memcpy(d, x, k * sizeof *d);
		T(to_mont)(d, m, k, &rc);
		BN_mod_mul(bw, bx, bR, bm, ctx);
		CHECK(T(same)(d, k, bw));

		/* modadd / modsub. */
		memcpy(d, x, k * sizeof *d);
		T(modadd)(d, y, m, k);
		BN_mod_add(bw, bx, by, bm, ctx);
		CHECK(T(same)(d, k, bw));
		memcpy(d, x, k * sizeof *d);
		T(modsub)(d, y, m, k);
		BN_mod_sub(bw, bx, by, bm, ctx);
		CHECK(T(same)(d, k, bw));

		/* full product. */
		T(mul)(big, x, k, y, k);
		BN_mul(bw, bx, by, ctx);
		CHECK(T(same)(big, 2 * k, bw));

		/* public exponent: 3, 65537, and a random odd one. */
		for (int ei = 0; ei < 3; ei++) {
			uint8_t eb[TMAXK * TB];
			int elen;
			if (ei == 0)
				BN_set_word(be, 3);
			else if (ei == 1)
				BN_set_word(be, 65537);
			else
				BN_rand(be, 1 + (int)(test_rand32() % 256), BN_RAND_TOP_ONE,
				        BN_RAND_BOTTOM_ODD);
			if (BN_is_one(be))
				BN_set_word(be, 5);
			elen = BN_bn2bin(be, eb);
			memcpy(d, x, k * sizeof *d);
			TL *res = T(pow_pub)(acc, d, t, eb, (size_t)elen, m, m0i, k, &rc);
			TL *out = res == acc ? t : acc;
			T(montmul)(out, res, x, m, m0i, k);
			BN_mod_exp(bw, bx, be, bm, ctx);
			CHECK(T(same)(out, k, bw));
		}

		/* secret exponent with the fixed window; random length. */
		{
			uint8_t eb[TMAXK * TB];
			int elen = 1 + (int)(test_rand32() % 40);
			test_rand_bytes(eb, (size_t)elen);
			if (it == 2)
				memset(eb, 0, (size_t)elen);
			BN_bin2bn(eb, elen, be);
			T(montmul)(d, x, r2, m, m0i, k); /* mont(x) */
			unsigned wb = 1 + (unsigned)it % 4;
			T(pow_ct)(acc, d, eb, (size_t)elen, r2, m, m0i, k, table, big, wb);
			T(redc)(acc, acc, m, m0i, k);
			BN_mod_exp(bw, bx, be, bm, ctx);
			CHECK(T(same)(acc, k, bw));
			/* in place (acc = x), another window */
			T(pow_ct)(d, d, eb, (size_t)elen, r2, m, m0i, k, table, big, 5 - wb);
			T(redc)(d, d, m, m0i, k);
			CHECK(T(same)(d, k, bw));
		}

		/* inversion. */
		memcpy(inv_a, x, k * sizeof *x);
		TL ok = T(modinv)(d, inv_a, inv_b, inv_u, m, m0i, k);
		if (BN_mod_inverse(bw, bx, bm, ctx) != NULL) {
			CHECK(ok == 1);
			CHECK(T(same)(d, k, bw));
		} else {
			ERR_clear_error();
			CHECK(ok == 0);
		}
	}
	/* m - d for d a little shorter than m: a and b then share their top
	 * bits, the 64-bit approximations mislead the inner steps and the
	 * update goes negative (the sign-fix path). */
	for (int i = 0; i < 24; i++) {
		BIGNUM *bd = BN_new();
		int dbits = i < 20 ? nbits - 34 - (int)(test_rand32() % 64) : nbits / 2;
		BN_rand(bd, dbits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
		BN_sub(bx, bm, bd);
		BN_free(bd);
		T(to_limbs)(x, k, bx);
		TL ok = T(modinv)(d, x, inv_b, inv_u, m, m0i, k);
		if (BN_mod_inverse(bw, bx, bm, ctx) != NULL) {
			CHECK(ok == 1);
			CHECK(T(same)(d, k, bw));
		} else {
			ERR_clear_error();
			CHECK(ok == 0);
		}
	}
	/* inversion of small and special values. */
	for (unsigned long v = 1; v < 6; v++) {
		BN_set_word(bx, v);
		T(to_limbs)(x, k, bx);
		TL ok = T(modinv)(d, x, inv_b, inv_u, m, m0i, k);
		if (BN_mod_inverse(bw, bx, bm, ctx) != NULL) {
			CHECK(ok == 1);
			CHECK(T(same)(d, k, bw));
		} else {
			ERR_clear_error();
			CHECK(ok == 0);
		}
	}
	BN_zero(bx);
	T(to_limbs)(x, k, bx);
	CHECK(T(modinv)(d, x, inv_b, inv_u, m, m0i, k) == 0);
	BN_free(bm), BN_free(bx), BN_free(by), BN_free(bw);
	BN_free(bR), BN_free(bRi), BN_free(be);
}

static void T(run)(BN_CTX *ctx)
{
	static const int sizes[] = {512, 1023, 1024, 1025, 1536, 2047, 2048, 3072, 4095, 4096};
	uint8_t b[9] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
	uint8_t o[12];
	TL x[4];

	/* decode / encode: overflow detection and zero padding. */
	CHECK(T(decode)(x, 1, b, TB) == 0);
	CHECK(T(decode)(x, 1, b, TB + 1) == 0x01);
	T(encode)(o, sizeof o, x, 1);
	CHECK(o[0] == 0 && o[11] == (uint8_t)(TB + 1));
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		T(one_modulus)(ctx, sizes[i], 0);
		T(one_modulus)(ctx, sizes[i], 1);
	}
	for (int i = 0; i < 6; i++)
		T(one_modulus)(ctx, 512 + (int)(test_rand32() % 1600), (int)(i & 1));
}

#undef TB
#undef TMAXK
