/*
 * Scalar multiplication (internal; included by ec_impl.h).
 *
 *   ec_mul_ct      k * P, constant time (ECDH): signed 3-bit windows over
 *                  a table of 1P..4P scanned whole for every digit.
 *   ec_mulgen_ct   k * G, constant time (keys, signing): a 4-tooth comb
 *                  over the precomputed affine table ec_gcomb.
 *   ec_mul2_vt     u1 * G + u2 * Q, variable time, public inputs only
 *                  (ECDSA verification): width-4 NAF for Q interleaved
 *                  with the comb for G, sharing the doublings.
 * Scalars are EC_N-limb integers below 2^EC_BITS.
 */

/* Bits pos .. pos+count-1 of k (positions public, outside k read as 0). */
static uint32_t ec_bits(const ec_limb *k, int pos, int count)
{
	uint32_t v = 0;

	for (int i = pos + count - 1; i >= pos; i--) {
		v <<= 1;
		if (i >= 0 && i < EC_BITS)
			v |= ec_bit(k, i);
	}
	return v;
}

/* r = tab[mag - 1] for mag in 1..len, the identity for mag == 0; reads
 * every entry whatever mag is. */
static void pt_lookup(ec_point *r, const ec_point *tab, int len, uint32_t mag)
{
	pt_set_identity(r);
	for (int j = 0; j < len; j++)
		pt_cmov(r, &tab[j], ec_mask(mote_ct_eq(mag, (uint32_t)j + 1) & 1u));
}

/*
 * Window width of ec_mul_ct: EC_WIN-bit signed digits over a table of
 * 2^(EC_WIN-1) points. 3 rather than 4: the table shrinks from 8 to 4
 * points (384 bytes less stack for P-256, 576 for P-384) for 22 more point
 * additions, about 5% of the time (callgrind, 2026-11).
 */
#define EC_WIN 3
#define EC_TAB (1 << (EC_WIN - 1))

/*
 * Signed window digit i of k (Booth recoding): with v the EC_WIN + 1 bits
 * W i - 1 .. W i + W - 1 of k (W = EC_WIN, bit -1 read as 0), the digit is
 * d = (v + 1) / 2 - 2^W b(W i + W - 1), so that k = sum d_i 2^(W i) with
 * d_i in [-2^(W-1), 2^(W-1)] and i = 0 .. EC_BITS / W. Returns |d|; *neg is
 * all ones when d < 0.
 */
static uint32_t ec_booth_digit(const ec_limb *k, int i, ec_limb *neg)
{
	uint32_t v = ec_bits(k, EC_WIN * i - 1, EC_WIN + 1);
	uint32_t t = (v + 1) >> 1;
	uint32_t s = mote_ct_barrier32(v >> EC_WIN);

	*neg = ec_mask(s);
	return mote_ct_select(0u - s, (1u << EC_WIN) - t, t);
}

/* r = k * r in constant time. k < 2^EC_BITS (any value; k = 0 or a
 * multiple of the order gives the identity). The table of 1P..EC_TAB P
 * lives in this frame only. */
static EC_NOINLINE void ec_mul_ct(ec_point *r, const ec_limb *k)
{
	ec_point tab[EC_TAB], q;
	ec_limb neg;
	uint32_t mag;

	/* tab[j] = (j + 1) P: even multiples by doubling, odd ones by adding P */
	tab[0] = *r;
	for (int j = 1; j < EC_TAB; j++) {
		if (j & 1)
			pt_dbl(&tab[j], &tab[j / 2]);
		else
			pt_add(&tab[j], &tab[j - 1], r);
	}
	mag = ec_booth_digit(k, EC_BITS / EC_WIN, &neg);
	pt_lookup(r, tab, EC_TAB, mag);
	pt_cneg(r, neg);
	for (int i = EC_BITS / EC_WIN - 1; i >= 0; i--) {
		for (int j = 0; j < EC_WIN; j++)
			pt_dbl(r, r);
		mag = ec_booth_digit(k, i, &neg);
		pt_lookup(&q, tab, EC_TAB, mag);
		pt_cneg(&q, neg);
		pt_add(r, r, &q);
	}
	mote_wipe(&q, sizeof q);
}

/* Comb digit i of k: bit i of each quarter of k, the lowest quarter in
 * bit 0 (index into ec_gcomb, 0 = no addition). */
static uint32_t ec_comb_digit(const ec_limb *k, int i)
{
	uint32_t d = 0;

	for (int t = 3; t >= 0; t--)
		d = d << 1 | ec_bit(k, i + t * EC_COMB_SPACING);
	return d;
}

/* r = k * G in constant time; k < 2^EC_BITS. */
static EC_NOINLINE void ec_mulgen_ct(ec_point *r, const ec_limb *k)
{
	ec_point s;
	ec_fe qx, qy;

	pt_set_identity(r);
	for (int i = EC_COMB_SPACING - 1; i >= 0; i--) {
		uint32_t d = ec_comb_digit(k, i);

		pt_dbl(r, r);
		memset(qx, 0, sizeof qx);
		memset(qy, 0, sizeof qy);
		for (int j = 0; j < 15; j++) {
			ec_limb m = ec_mask(mote_ct_eq(d, (uint32_t)j + 1) & 1u);
			ec_cmov(qx, ec_gcomb[j].x, m);
			ec_cmov(qy, ec_gcomb[j].y, m);
		}
		/* d == 0 selects no entry: the sum is computed and discarded. */
		pt_madd(&s, r, qx, qy);
		pt_cmov(r, &s, ec_mask(mote_ct_nonzero_bit(d)));
	}
	mote_wipe(&s, sizeof s);
	mote_wipe(qx, sizeof qx);
	mote_wipe(qy, sizeof qy);
}

/* Width of the NAF in ec_mul2_vt: a table of 2^(EC_NAF-2) odd multiples.
 * 4 rather than 5 halves the table (384 bytes less stack for P-256) for
 * about 8 more point additions per verification (2%). */
#define EC_NAF 4
#define EC_NAF_TAB (1 << (EC_NAF - 2))

/* Width-EC_NAF NAF of k (public): k = sum naf[i] 2^i, each digit 0 or odd
 * in (-2^(EC_NAF-1), 2^(EC_NAF-1)), at most one non-zero digit in any
 * EC_NAF consecutive ones. */
static void ec_wnaf(int8_t naf[EC_BITS + 1], const ec_limb *k)
{
	ec_limb w[EC_N + 1];

	memcpy(w, k, sizeof(ec_fe));
	w[EC_N] = 0;
	for (int i = 0; i <= EC_BITS; i++) {
		int d = 0;

		if (w[0] & 1) {
			d = (int)(w[0] & ((1u << EC_NAF) - 1));
			if (d > 1 << (EC_NAF - 1))
				d -= 1 << EC_NAF;
			/* w -= d clears the low EC_NAF bits */
			ec_limb c = (ec_limb)(d < 0 ? -d : d);
			for (int j = 0; j <= EC_N; j++)
				w[j] = d < 0 ? ec_adc(w[j], c, 0, &c) : ec_sbb(w[j], c, 0, &c);
		}
		naf[i] = (int8_t)d;
		for (int j = 0; j < EC_N; j++)
			w[j] = w[j] >> 1 | w[j + 1] << (EC_LIMB_BITS - 1);
		w[EC_N] >>= 1;
	}
}

/* r = u1 * G + u2 * r, variable time (public scalars and point only). */
static EC_NOINLINE void ec_mul2_vt(ec_point *r, const ec_limb *u1, const ec_limb *u2)
{
	int8_t naf[EC_BITS + 1];
	ec_point tab[EC_NAF_TAB], t;
	int started = 0;

	/* tab[j] = (2j + 1) Q */
	pt_dbl(&t, r);
	tab[0] = *r;
	for (int j = 1; j < EC_NAF_TAB; j++)
		pt_add(&tab[j], &tab[j - 1], &t);
	ec_wnaf(naf, u2);
	pt_set_identity(r);
	for (int i = EC_BITS; i >= 0; i--) {
		if (started)
			pt_dbl(r, r);
		if (naf[i] != 0) {
			t = tab[(naf[i] < 0 ? -naf[i] : naf[i]) >> 1];
			if (naf[i] < 0)
				pt_cneg(&t, ec_mask(1));
			pt_add(r, r, &t);
			started = 1;
		}
		if (i < EC_COMB_SPACING) {
			uint32_t d = ec_comb_digit(u1, i);
			if (d != 0) {
				pt_madd(r, r, ec_gcomb[d - 1].x, ec_gcomb[d - 1].y);
				started = 1;
			}
		}
	}
}
