/*
 * Scalar multiplication (internal; included by ec_impl.h).
 *
 *   ec_mul_ct      k * P, constant time (ECDH): signed 4-bit windows over
 *                  a table of 1P..8P scanned whole for every digit.
 *   ec_mulgen_ct   k * G, constant time (keys, signing): a 4-tooth comb
 *                  over the precomputed affine table ec_gcomb.
 *   ec_mul2_vt     u1 * G + u2 * Q, variable time, public inputs only
 *                  (ECDSA verification): width-5 NAF for Q interleaved
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
 * Signed window digit i of k (Booth recoding, 4 bits): d = -8 b(4i+3) +
 * 4 b(4i+2) + 2 b(4i+1) + b(4i) + b(4i-1), so k = sum d_i 16^i with
 * d_i in [-8, 8] and i = 0 .. EC_BITS/4. Returns |d|; *neg = all ones if
 * d < 0. With v the 5 bits 4i-1 .. 4i+3, d = (v + 1)/2 - 16 b(4i+3).
 */
static uint32_t ec_booth_digit(const ec_limb *k, int i, ec_limb *neg)
{
	uint32_t v = ec_bits(k, 4 * i - 1, 5);
	uint32_t t = (v + 1) >> 1;
	uint32_t s = mote_ct_barrier32(v >> 4);

	*neg = ec_mask(s);
	return mote_ct_select(0u - s, 16u - t, t);
}

/* r = k * p in constant time. k < 2^EC_BITS (any value; k = 0 or a
 * multiple of the order gives the identity). */
static void ec_mul_ct(ec_point *r, const ec_point *p, const ec_limb *k)
{
	ec_point tab[8], q;
	ec_limb neg;
	uint32_t mag;

	/* tab[j] = (j + 1) p */
	tab[0] = *p;
	pt_dbl(&tab[1], p);
	for (int j = 2; j < 8; j += 2) {
		pt_add(&tab[j], &tab[j - 1], p);
		pt_dbl(&tab[j + 1], &tab[j / 2]);
	}
	mag = ec_booth_digit(k, EC_BITS / 4, &neg);
	pt_lookup(r, tab, 8, mag);
	pt_cneg(r, neg);
	for (int i = EC_BITS / 4 - 1; i >= 0; i--) {
		for (int j = 0; j < 4; j++)
			pt_dbl(r, r);
		mag = ec_booth_digit(k, i, &neg);
		pt_lookup(&q, tab, 8, mag);
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
static void ec_mulgen_ct(ec_point *r, const ec_limb *k)
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

/* Width-5 NAF of k (public): k = sum naf[i] 2^i, each digit 0 or odd in
 * [-15, 15], at most one non-zero digit in any 5 consecutive ones. */
static void ec_wnaf(int8_t naf[EC_BITS + 1], const ec_limb *k)
{
	ec_limb w[EC_N + 1];

	memcpy(w, k, sizeof(ec_fe));
	w[EC_N] = 0;
	for (int i = 0; i <= EC_BITS; i++) {
		int d = 0;

		if (w[0] & 1) {
			d = w[0] & 31;
			if (d > 16)
				d -= 32;
			/* w -= d: clears the low 5 bits (adding at most 15) */
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

/* r = u1 * G + u2 * q, variable time (public scalars and point only). */
static void ec_mul2_vt(ec_point *r, const ec_limb *u1, const ec_limb *u2, const ec_point *q)
{
	int8_t naf[EC_BITS + 1];
	ec_point tab[8], t;
	int started = 0;

	/* tab[j] = (2j + 1) q */
	pt_dbl(&t, q);
	tab[0] = *q;
	for (int j = 1; j < 8; j++)
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
