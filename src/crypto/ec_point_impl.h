/*
 * Point arithmetic on y^2 = x^3 - 3x + b (internal; included by ec_impl.h).
 *
 * Points are homogeneous projective (X:Y:Z), x = X/Z, y = Y/Z, with the
 * coordinates in Montgomery form; the identity is (0:1:0). Addition and
 * doubling use the complete formulas of Renes, Costello and Batina,
 * "Complete addition formulas for prime order elliptic curves" (2016),
 * algorithms 4 (addition), 5 (mixed addition) and 6 (doubling) for a = -3:
 * they are correct for every pair of inputs, identity and P = +-Q
 * included, so no input takes a special path. The step numbers in the
 * comments are the paper's.
 */

typedef struct {
	ec_fe x, y, z;
} ec_point;

static void fp_mul(ec_limb *r, const ec_limb *a, const ec_limb *b);
static void fp_add(ec_limb *r, const ec_limb *a, const ec_limb *b);
static void fp_sub(ec_limb *r, const ec_limb *a, const ec_limb *b);

static void pt_set_identity(ec_point *r)
{
	memset(r, 0, sizeof *r);
	memcpy(r->y, ec_p_one, sizeof(ec_fe));
}

/* r = p + q (algorithm 4). r may alias p or q. 12M + 2 m_b + 29a. */
static void pt_add(ec_point *r, const ec_point *p, const ec_point *q)
{
	ec_fe t0, t1, t2, t3, t4, x3, y3, z3;

	fp_mul(t0, p->x, q->x);   /*  1 */
	fp_mul(t1, p->y, q->y);   /*  2 */
	fp_mul(t2, p->z, q->z);   /*  3 */
	fp_add(t3, p->x, p->y);   /*  4 */
	fp_add(t4, q->x, q->y);   /*  5 */
	fp_mul(t3, t3, t4);       /*  6 */
	fp_add(t4, t0, t1);       /*  7 */
	fp_sub(t3, t3, t4);       /*  8 */
	fp_add(t4, p->y, p->z);   /*  9 */
	fp_add(x3, q->y, q->z);   /* 10 */
	fp_mul(t4, t4, x3);       /* 11 */
	fp_add(x3, t1, t2);       /* 12 */
	fp_sub(t4, t4, x3);       /* 13 */
	fp_add(x3, p->x, p->z);   /* 14 */
	fp_add(y3, q->x, q->z);   /* 15 */
	fp_mul(x3, x3, y3);       /* 16 */
	fp_add(y3, t0, t2);       /* 17 */
	fp_sub(y3, x3, y3);       /* 18 */
	fp_mul(z3, ec_b, t2);     /* 19 */
	fp_sub(x3, y3, z3);       /* 20 */
	fp_add(z3, x3, x3);       /* 21 */
	fp_add(x3, x3, z3);       /* 22 */
	fp_sub(z3, t1, x3);       /* 23 */
	fp_add(x3, t1, x3);       /* 24 */
	fp_mul(y3, ec_b, y3);     /* 25 */
	fp_add(t1, t2, t2);       /* 26 */
	fp_add(t2, t1, t2);       /* 27 */
	fp_sub(y3, y3, t2);       /* 28 */
	fp_sub(y3, y3, t0);       /* 29 */
	fp_add(t1, y3, y3);       /* 30 */
	fp_add(y3, t1, y3);       /* 31 */
	fp_add(t1, t0, t0);       /* 32 */
	fp_add(t0, t1, t0);       /* 33 */
	fp_sub(t0, t0, t2);       /* 34 */
	fp_mul(t1, t4, y3);       /* 35 */
	fp_mul(t2, t0, y3);       /* 36 */
	fp_mul(y3, x3, z3);       /* 37 */
	fp_add(y3, y3, t2);       /* 38 */
	fp_mul(x3, t3, x3);       /* 39 */
	fp_sub(x3, x3, t1);       /* 40 */
	fp_mul(z3, t4, z3);       /* 41 */
	fp_mul(t1, t3, t0);       /* 42 */
	fp_add(z3, z3, t1);       /* 43 */
	memcpy(r->x, x3, sizeof x3);
	memcpy(r->y, y3, sizeof y3);
	memcpy(r->z, z3, sizeof z3);
}

/* r = p + (qx, qy) for an affine q (algorithm 5): complete for every p,
 * but q cannot be the identity. r may alias p. 11M + 2 m_b + 23a. */
static void pt_madd(ec_point *r, const ec_point *p, const ec_limb *qx, const ec_limb *qy)
{
	ec_fe t0, t1, t2, t3, t4, x3, y3, z3;

	fp_mul(t0, p->x, qx);     /*  1 */
	fp_mul(t1, p->y, qy);     /*  2 */
	fp_add(t3, qx, qy);       /*  3 */
	fp_add(t4, p->x, p->y);   /*  4 */
	fp_mul(t3, t3, t4);       /*  5 */
	fp_add(t4, t0, t1);       /*  6 */
	fp_sub(t3, t3, t4);       /*  7 */
	fp_mul(t4, qy, p->z);     /*  8 */
	fp_add(t4, t4, p->y);     /*  9 */
	fp_mul(y3, qx, p->z);     /* 10 */
	fp_add(y3, y3, p->x);     /* 11 */
	fp_mul(z3, ec_b, p->z);   /* 12 */
	fp_sub(x3, y3, z3);       /* 13 */
	fp_add(z3, x3, x3);       /* 14 */
	fp_add(x3, x3, z3);       /* 15 */
	fp_sub(z3, t1, x3);       /* 16 */
	fp_add(x3, t1, x3);       /* 17 */
	fp_mul(y3, ec_b, y3);     /* 18 */
	fp_add(t1, p->z, p->z);   /* 19 */
	fp_add(t2, t1, p->z);     /* 20 */
	fp_sub(y3, y3, t2);       /* 21 */
	fp_sub(y3, y3, t0);       /* 22 */
	fp_add(t1, y3, y3);       /* 23 */
	fp_add(y3, t1, y3);       /* 24 */
	fp_add(t1, t0, t0);       /* 25 */
	fp_add(t0, t1, t0);       /* 26 */
	fp_sub(t0, t0, t2);       /* 27 */
	fp_mul(t1, t4, y3);       /* 28 */
	fp_mul(t2, t0, y3);       /* 29 */
	fp_mul(y3, x3, z3);       /* 30 */
	fp_add(y3, y3, t2);       /* 31 */
	fp_mul(x3, t3, x3);       /* 32 */
	fp_sub(x3, x3, t1);       /* 33 */
	fp_mul(z3, t4, z3);       /* 34 */
	fp_mul(t1, t3, t0);       /* 35 */
	fp_add(z3, z3, t1);       /* 36 */
	memcpy(r->x, x3, sizeof x3);
	memcpy(r->y, y3, sizeof y3);
	memcpy(r->z, z3, sizeof z3);
}

/* r = 2p (algorithm 6). r may alias p. 8M + 3S + 2 m_b + 21a. */
static void pt_dbl(ec_point *r, const ec_point *p)
{
	ec_fe t0, t1, t2, t3, x3, y3, z3;

	fp_mul(t0, p->x, p->x);   /*  1 */
	fp_mul(t1, p->y, p->y);   /*  2 */
	fp_mul(t2, p->z, p->z);   /*  3 */
	fp_mul(t3, p->x, p->y);   /*  4 */
	fp_add(t3, t3, t3);       /*  5 */
	fp_mul(z3, p->x, p->z);   /*  6 */
	fp_add(z3, z3, z3);       /*  7 */
	fp_mul(y3, ec_b, t2);     /*  8 */
	fp_sub(y3, y3, z3);       /*  9 */
	fp_add(x3, y3, y3);       /* 10 */
	fp_add(y3, x3, y3);       /* 11 */
	fp_sub(x3, t1, y3);       /* 12 */
	fp_add(y3, t1, y3);       /* 13 */
	fp_mul(y3, x3, y3);       /* 14 */
	fp_mul(x3, x3, t3);       /* 15 */
	fp_add(t3, t2, t2);       /* 16 */
	fp_add(t2, t2, t3);       /* 17 */
	fp_mul(z3, ec_b, z3);     /* 18 */
	fp_sub(z3, z3, t2);       /* 19 */
	fp_sub(z3, z3, t0);       /* 20 */
	fp_add(t3, z3, z3);       /* 21 */
	fp_add(z3, z3, t3);       /* 22 */
	fp_add(t3, t0, t0);       /* 23 */
	fp_add(t0, t3, t0);       /* 24 */
	fp_sub(t0, t0, t2);       /* 25 */
	fp_mul(t0, t0, z3);       /* 26 */
	fp_add(y3, y3, t0);       /* 27 */
	fp_mul(t0, p->y, p->z);   /* 28 */
	fp_add(t0, t0, t0);       /* 29 */
	fp_mul(z3, t0, z3);       /* 30 */
	fp_sub(x3, x3, z3);       /* 31 */
	fp_mul(z3, t0, t1);       /* 32 */
	fp_add(z3, z3, z3);       /* 33 */
	fp_add(z3, z3, z3);       /* 34 */
	memcpy(r->x, x3, sizeof x3);
	memcpy(r->y, y3, sizeof y3);
	memcpy(r->z, z3, sizeof z3);
}

/* r = mask ? a : r (mask all ones or zero). */
static void pt_cmov(ec_point *r, const ec_point *a, ec_limb mask)
{
	ec_cmov(r->x, a->x, mask);
	ec_cmov(r->y, a->y, mask);
	ec_cmov(r->z, a->z, mask);
}

/* r = -r when neg is all ones. */
static void pt_cneg(ec_point *r, ec_limb neg)
{
	static const ec_fe zero = {0};
	ec_fe ny;

	fp_sub(ny, zero, r->y);
	ec_cmov(r->y, ny, neg);
}
