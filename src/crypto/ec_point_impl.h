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

/*
 * r = p + q (algorithm 4), 12M + 2 m_b + 29a. r may alias p and q: the
 * inputs are last read at step 15, so X3 and Y3 live in u and v until
 * then and every later step writes r directly.
 */
static void pt_add(ec_point *r, const ec_point *p, const ec_point *q)
{
	ec_fe t0, t1, t2, t3, t4, u, v;

	fp_mul(t0, p->x, q->x);     /*  1 */
	fp_mul(t1, p->y, q->y);     /*  2 */
	fp_mul(t2, p->z, q->z);     /*  3 */
	fp_add(t3, p->x, p->y);     /*  4 */
	fp_add(t4, q->x, q->y);     /*  5 */
	fp_mul(t3, t3, t4);         /*  6 */
	fp_add(t4, t0, t1);         /*  7 */
	fp_sub(t3, t3, t4);         /*  8 */
	fp_add(t4, p->y, p->z);     /*  9 */
	fp_add(u, q->y, q->z);      /* 10 */
	fp_mul(t4, t4, u);          /* 11 */
	fp_add(u, t1, t2);          /* 12 */
	fp_sub(t4, t4, u);          /* 13 */
	fp_add(u, p->x, p->z);      /* 14 */
	fp_add(v, q->x, q->z);      /* 15 */
	fp_mul(r->x, u, v);         /* 16 */
	fp_add(r->y, t0, t2);       /* 17 */
	fp_sub(r->y, r->x, r->y);   /* 18 */
	fp_mul(r->z, ec_b, t2);     /* 19 */
	fp_sub(r->x, r->y, r->z);   /* 20 */
	fp_add(r->z, r->x, r->x);   /* 21 */
	fp_add(r->x, r->x, r->z);   /* 22 */
	fp_sub(r->z, t1, r->x);     /* 23 */
	fp_add(r->x, t1, r->x);     /* 24 */
	fp_mul(r->y, ec_b, r->y);   /* 25 */
	fp_add(t1, t2, t2);         /* 26 */
	fp_add(t2, t1, t2);         /* 27 */
	fp_sub(r->y, r->y, t2);     /* 28 */
	fp_sub(r->y, r->y, t0);     /* 29 */
	fp_add(t1, r->y, r->y);     /* 30 */
	fp_add(r->y, t1, r->y);     /* 31 */
	fp_add(t1, t0, t0);         /* 32 */
	fp_add(t0, t1, t0);         /* 33 */
	fp_sub(t0, t0, t2);         /* 34 */
	fp_mul(t1, t4, r->y);       /* 35 */
	fp_mul(t2, t0, r->y);       /* 36 */
	fp_mul(r->y, r->x, r->z);   /* 37 */
	fp_add(r->y, r->y, t2);     /* 38 */
	fp_mul(r->x, t3, r->x);     /* 39 */
	fp_sub(r->x, r->x, t1);     /* 40 */
	fp_mul(r->z, t4, r->z);     /* 41 */
	fp_mul(t1, t3, t0);         /* 42 */
	fp_add(r->z, r->z, t1);     /* 43 */
}

/*
 * r = p + (qx, qy) for an affine q (algorithm 5), 11M + 2 m_b + 23a:
 * complete for every p, but q cannot be the identity. r may alias p:
 * steps 19-20 (t2 = 3 Z1) move to the front, so each coordinate of p is
 * dead by the time the same coordinate of r is written.
 */
static void pt_madd(ec_point *r, const ec_point *p, const ec_limb *qx, const ec_limb *qy)
{
	ec_fe t0, t1, t2, t3, t4;

	fp_add(t2, p->z, p->z);     /* 19 */
	fp_add(t2, t2, p->z);       /* 20 */
	fp_mul(t0, p->x, qx);       /*  1 */
	fp_mul(t1, p->y, qy);       /*  2 */
	fp_add(t3, qx, qy);         /*  3 */
	fp_add(t4, p->x, p->y);     /*  4 */
	fp_mul(t3, t3, t4);         /*  5 */
	fp_add(t4, t0, t1);         /*  6 */
	fp_sub(t3, t3, t4);         /*  7 */
	fp_mul(t4, qy, p->z);       /*  8 */
	fp_add(t4, t4, p->y);       /*  9 */
	fp_mul(r->y, qx, p->z);     /* 10 */
	fp_add(r->y, r->y, p->x);   /* 11 */
	fp_mul(r->z, ec_b, p->z);   /* 12 */
	fp_sub(r->x, r->y, r->z);   /* 13 */
	fp_add(r->z, r->x, r->x);   /* 14 */
	fp_add(r->x, r->x, r->z);   /* 15 */
	fp_sub(r->z, t1, r->x);     /* 16 */
	fp_add(r->x, t1, r->x);     /* 17 */
	fp_mul(r->y, ec_b, r->y);   /* 18 */
	fp_sub(r->y, r->y, t2);     /* 21 */
	fp_sub(r->y, r->y, t0);     /* 22 */
	fp_add(t1, r->y, r->y);     /* 23 */
	fp_add(r->y, t1, r->y);     /* 24 */
	fp_add(t1, t0, t0);         /* 25 */
	fp_add(t0, t1, t0);         /* 26 */
	fp_sub(t0, t0, t2);         /* 27 */
	fp_mul(t1, t4, r->y);       /* 28 */
	fp_mul(t2, t0, r->y);       /* 29 */
	fp_mul(r->y, r->x, r->z);   /* 30 */
	fp_add(r->y, r->y, t2);     /* 31 */
	fp_mul(r->x, t3, r->x);     /* 32 */
	fp_sub(r->x, r->x, t1);     /* 33 */
	fp_mul(r->z, t4, r->z);     /* 34 */
	fp_mul(t1, t3, t0);         /* 35 */
	fp_add(r->z, r->z, t1);     /* 36 */
}

/*
 * r = 2p (algorithm 6), 8M + 3S + 2 m_b + 21a. r may alias p: step 28
 * (2 Y Z, held in w) moves to the front, so p is dead once step 6 has
 * read it.
 */
static void pt_dbl(ec_point *r, const ec_point *p)
{
	ec_fe t0, t1, t2, t3, w;

	fp_mul(w, p->y, p->z);      /* 28 */
	fp_add(w, w, w);            /* 29 */
	fp_mul(t0, p->x, p->x);     /*  1 */
	fp_mul(t1, p->y, p->y);     /*  2 */
	fp_mul(t2, p->z, p->z);     /*  3 */
	fp_mul(t3, p->x, p->y);     /*  4 */
	fp_add(t3, t3, t3);         /*  5 */
	fp_mul(r->z, p->x, p->z);   /*  6 */
	fp_add(r->z, r->z, r->z);   /*  7 */
	fp_mul(r->y, ec_b, t2);     /*  8 */
	fp_sub(r->y, r->y, r->z);   /*  9 */
	fp_add(r->x, r->y, r->y);   /* 10 */
	fp_add(r->y, r->x, r->y);   /* 11 */
	fp_sub(r->x, t1, r->y);     /* 12 */
	fp_add(r->y, t1, r->y);     /* 13 */
	fp_mul(r->y, r->x, r->y);   /* 14 */
	fp_mul(r->x, r->x, t3);     /* 15 */
	fp_add(t3, t2, t2);         /* 16 */
	fp_add(t2, t2, t3);         /* 17 */
	fp_mul(r->z, ec_b, r->z);   /* 18 */
	fp_sub(r->z, r->z, t2);     /* 19 */
	fp_sub(r->z, r->z, t0);     /* 20 */
	fp_add(t3, r->z, r->z);     /* 21 */
	fp_add(r->z, r->z, t3);     /* 22 */
	fp_add(t3, t0, t0);         /* 23 */
	fp_add(t0, t3, t0);         /* 24 */
	fp_sub(t0, t0, t2);         /* 25 */
	fp_mul(t0, t0, r->z);       /* 26 */
	fp_add(r->y, r->y, t0);     /* 27 */
	fp_mul(r->z, w, r->z);      /* 30 */
	fp_sub(r->x, r->x, r->z);   /* 31 */
	fp_mul(r->z, w, t1);        /* 32 */
	fp_add(r->z, r->z, r->z);   /* 33 */
	fp_add(r->z, r->z, r->z);   /* 34 */
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
