/*
 * Arithmetic modulo an odd EC_N-limb modulus m (internal; included by
 * ec_impl.h once per curve and limb width).
 *
 * Values are fully reduced (0 <= v < m) between operations and products
 * are in Montgomery form: ec_mont_mul(a, b) = a * b / R mod m with
 * R = 2^(EC_N * EC_LIMB_BITS). The same code serves the field prime p and
 * the group order n; ec_impl.h wraps it with the modulus as a constant so
 * the compiler specialises (and, for small EC_N, unrolls) each instance.
 *
 * Nothing here branches on or indexes by the values; ec_pow branches on
 * its exponent, which is always a public constant (m - 2).
 */

typedef ec_limb ec_fe[EC_N];
typedef void (*ec_mul_fn)(ec_limb *r, const ec_limb *a, const ec_limb *b);

/* r = t - m when hi:t >= m, else t. Requires hi:t < 2m (hi is 0 or 1). */
EC_INLINE void ec_cond_sub(ec_limb *r, const ec_limb *t, ec_limb hi, const ec_limb *m)
{
	ec_limb d[EC_N];
	ec_limb borrow = 0;

	EC_UNROLL
	for (size_t i = 0; i < EC_N; i++)
		d[i] = ec_sbb(t[i], m[i], borrow, &borrow);
	/* A borrow out of t - m with no high limb means t < m: keep t. */
	ec_limb keep = ec_barrier(ec_mask(borrow & (hi ^ 1u)));
	EC_UNROLL
	for (size_t i = 0; i < EC_N; i++)
		r[i] = (ec_limb)(d[i] ^ (keep & (d[i] ^ t[i])));
}

/* r = a + b mod m. */
EC_INLINE void ec_mod_add(ec_limb *r, const ec_limb *a, const ec_limb *b, const ec_limb *m)
{
	ec_limb t[EC_N];
	ec_limb carry = 0;

	EC_UNROLL
	for (size_t i = 0; i < EC_N; i++)
		t[i] = ec_adc(a[i], b[i], carry, &carry);
	ec_cond_sub(r, t, carry, m);
}

/* r = a - b mod m. */
EC_INLINE void ec_mod_sub(ec_limb *r, const ec_limb *a, const ec_limb *b, const ec_limb *m)
{
	ec_limb t[EC_N];
	ec_limb borrow = 0, carry = 0;

	EC_UNROLL
	for (size_t i = 0; i < EC_N; i++)
		t[i] = ec_sbb(a[i], b[i], borrow, &borrow);
	ec_limb mask = ec_barrier(ec_mask(borrow));
	EC_UNROLL
	for (size_t i = 0; i < EC_N; i++)
		r[i] = ec_adc(t[i], (ec_limb)(m[i] & mask), carry, &carry);
}

/*
 * r = a * b / R mod m (CIOS Montgomery multiplication); m0i = -m^-1 mod
 * 2^EC_LIMB_BITS. a, b < m; r may alias either. The running total t stays
 * below 2m, so one conditional subtraction finishes it.
 */
EC_INLINE void ec_mont_mul(ec_limb *r, const ec_limb *a, const ec_limb *b, const ec_limb *m,
                           ec_limb m0i)
{
	ec_limb t[EC_N + 1] = {0};

	EC_UNROLL
	for (size_t i = 0; i < EC_N; i++) {
		ec_limb c = 0, top, u, lo;

		EC_UNROLL
		for (size_t j = 0; j < EC_N; j++)
			c = ec_mac(&t[j], a[j], b[i], t[j], c);
		t[EC_N] = ec_adc(t[EC_N], c, 0, &top);

		/* Add u * m, which clears the low limb, and shift down one limb. */
		u = (ec_limb)(t[0] * m0i);
		c = ec_mac(&lo, u, m[0], t[0], 0);
		EC_UNROLL
		for (size_t j = 1; j < EC_N; j++)
			c = ec_mac(&t[j - 1], u, m[j], t[j], c);
		t[EC_N - 1] = ec_adc(t[EC_N], c, 0, &c);
		t[EC_N] = (ec_limb)(top + c);
	}
	ec_cond_sub(r, t, t[EC_N], m);
}

/* All ones if a < b (as EC_N-limb integers), else 0. */
static ec_limb ec_lt(const ec_limb *a, const ec_limb *b)
{
	ec_limb borrow = 0;

	for (size_t i = 0; i < EC_N; i++)
		(void)ec_sbb(a[i], b[i], borrow, &borrow);
	return ec_mask(borrow);
}

/* All ones if a == 0, else 0 (as a 32-bit mask). */
static uint32_t ec_is_zero(const ec_limb *a)
{
	ec_limb acc = 0;

	for (size_t i = 0; i < EC_N; i++)
		acc |= a[i];
	uint64_t w = acc;
	return mote_ct_is_zero((uint32_t)(w | (w >> 32)));
}

/* All ones if a == b, else 0. */
static uint32_t ec_eq(const ec_limb *a, const ec_limb *b)
{
	ec_limb acc = 0;

	for (size_t i = 0; i < EC_N; i++)
		acc |= a[i] ^ b[i];
	uint64_t w = acc;
	return mote_ct_is_zero((uint32_t)(w | (w >> 32)));
}

/* r = mask ? a : r, for a limb mask (all ones or zero). */
static void ec_cmov(ec_limb *r, const ec_limb *a, ec_limb mask)
{
	for (size_t i = 0; i < EC_N; i++)
		r[i] = (ec_limb)(r[i] ^ (mask & (r[i] ^ a[i])));
}

/* Big-endian EC_BYTES bytes <-> limbs (no reduction). */
static void ec_from_be(ec_limb *r, const uint8_t *in)
{
	for (size_t i = 0; i < EC_N; i++) {
		const uint8_t *q = in + EC_BYTES - (i + 1) * (EC_LIMB_BITS / 8);
		ec_limb v = 0;
		for (size_t j = 0; j < EC_LIMB_BITS / 8; j++)
			v = (ec_limb)(v << 8 | q[j]);
		r[i] = v;
	}
}

static void ec_to_be(uint8_t *out, const ec_limb *a)
{
	for (size_t i = 0; i < EC_N; i++) {
		uint8_t *q = out + EC_BYTES - (i + 1) * (EC_LIMB_BITS / 8);
		ec_limb v = a[i];
		for (size_t j = EC_LIMB_BITS / 8; j-- > 0;) {
			q[j] = (uint8_t)v;
			v >>= 8;
		}
	}
}

/* Bit i of a (i public). */
static unsigned ec_bit(const ec_limb *a, int i)
{
	return (unsigned)(a[i / EC_LIMB_BITS] >> (i % EC_LIMB_BITS)) & 1u;
}

/*
 * r = a^e in the Montgomery domain of mul (a and r Montgomery values),
 * for a public exponent e != 0: left-to-right sliding window of 4 bits
 * over the odd powers a, a^3, ..., a^15. The sequence of operations
 * depends on e only. Stack: 9 field elements.
 */
static EC_NOINLINE void ec_pow(ec_limb *r, const ec_limb *a, const ec_limb *e, ec_mul_fn mul)
{
	ec_fe odd[8], a2;
	int i = EC_BITS - 1, first = 1;

	memcpy(odd[0], a, sizeof(ec_fe));
	mul(a2, a, a);
	for (int j = 1; j < 8; j++)
		mul(odd[j], odd[j - 1], a2);
	while (!ec_bit(e, i))
		i--;
	while (i >= 0) {
		if (!ec_bit(e, i)) {
			mul(r, r, r);
			i--;
			continue;
		}
		int lo = i >= 3 ? i - 3 : 0;
		unsigned v = 0;
		while (!ec_bit(e, lo))
			lo++;
		for (int j = i; j >= lo; j--)
			v = v << 1 | ec_bit(e, j);
		if (first) {
			memcpy(r, odd[v >> 1], sizeof(ec_fe));
			first = 0;
		} else {
			for (int j = i; j >= lo; j--)
				mul(r, r, r);
			mul(r, r, odd[v >> 1]);
		}
		i = lo - 1;
	}
}
