/*
 * The bitsliced AES S-box shared by aes_ct64.c and aes_ct32.c: each
 * includes this file once after defining MOTE_AES_WORD (uint64_t or
 * uint32_t), which gives it a static sbox() over eight planes of that
 * word type. The circuit is the 113-gate one of Boyar and Peralta ("A new
 * combinational logic minimization technique with applications to
 * cryptology", SEA 2010), checked against all 256 S-box values by the
 * FIPS-197 and GCM known answers.
 */
#ifndef MOTE_AES_WORD
#error "define MOTE_AES_WORD before including aes_sbox.h"
#endif

/* Input bit 7 (q[7]) is the circuit's U0, output bit 7 its S0. The
 * circuit's four NOTs are left out, so output bits 6, 5, 1 and 0 (S1, S2,
 * S6, S7) come out complemented: the result is S(x) ^ 0x63, and callers
 * fold the 0x63 into their round keys. */
static void sbox(MOTE_AES_WORD q[8])
{
	MOTE_AES_WORD u0 = q[7], u1 = q[6], u2 = q[5], u3 = q[4];
	MOTE_AES_WORD u4 = q[3], u5 = q[2], u6 = q[1], u7 = q[0];
	MOTE_AES_WORD t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14;
	MOTE_AES_WORD t15, t16, t17, t18, t19, t20, t21, t22, t23, t24, t25, t26, t27;
	MOTE_AES_WORD m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15;
	MOTE_AES_WORD m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28;
	MOTE_AES_WORD m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41;
	MOTE_AES_WORD m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54;
	MOTE_AES_WORD m55, m56, m57, m58, m59, m60, m61, m62, m63;
	MOTE_AES_WORD l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14;
	MOTE_AES_WORD l15, l16, l17, l18, l19, l20, l21, l22, l23, l24, l25, l26, l27;
	MOTE_AES_WORD l28, l29;

	/* Top linear layer. */
	t1 = u0 ^ u3;
	t2 = u0 ^ u5;
	t3 = u0 ^ u6;
	t4 = u3 ^ u5;
	t5 = u4 ^ u6;
	t6 = t1 ^ t5;
	t7 = u1 ^ u2;
	t8 = u7 ^ t6;
	t9 = u7 ^ t7;
	t10 = t6 ^ t7;
	t11 = u1 ^ u5;
	t12 = u2 ^ u5;
	t13 = t3 ^ t4;
	t14 = t6 ^ t11;
	t15 = t5 ^ t11;
	t16 = t5 ^ t12;
	t17 = t9 ^ t16;
	t18 = u3 ^ u7;
	t19 = t7 ^ t18;
	t20 = t1 ^ t19;
	t21 = u6 ^ u7;
	t22 = t7 ^ t21;
	t23 = t2 ^ t22;
	t24 = t2 ^ t10;
	t25 = t20 ^ t17;
	t26 = t3 ^ t16;
	t27 = t1 ^ t12;

	/* Shared non-linear middle: inversion in GF(2^8) via GF(2^4). */
	m1 = t13 & t6;
	m2 = t23 & t8;
	m3 = t14 ^ m1;
	m4 = t19 & u7;
	m5 = m4 ^ m1;
	m6 = t3 & t16;
	m7 = t22 & t9;
	m8 = t26 ^ m6;
	m9 = t20 & t17;
	m10 = m9 ^ m6;
	m11 = t1 & t15;
	m12 = t4 & t27;
	m13 = m12 ^ m11;
	m14 = t2 & t10;
	m15 = m14 ^ m11;
	m16 = m3 ^ m2;
	m17 = m5 ^ t24;
	m18 = m8 ^ m7;
	m19 = m10 ^ m15;
	m20 = m16 ^ m13;
	m21 = m17 ^ m15;
	m22 = m18 ^ m13;
	m23 = m19 ^ t25;
	m24 = m22 ^ m23;
	m25 = m22 & m20;
	m26 = m21 ^ m25;
	m27 = m20 ^ m21;
	m28 = m23 ^ m25;
	m29 = m28 & m27;
	m30 = m26 & m24;
	m31 = m20 & m23;
	m32 = m27 & m31;
	m33 = m27 ^ m25;
	m34 = m21 & m22;
	m35 = m24 & m34;
	m36 = m24 ^ m25;
	m37 = m21 ^ m29;
	m38 = m32 ^ m33;
	m39 = m23 ^ m30;
	m40 = m35 ^ m36;
	m41 = m38 ^ m40;
	m42 = m37 ^ m39;
	m43 = m37 ^ m38;
	m44 = m39 ^ m40;
	m45 = m42 ^ m41;
	m46 = m44 & t6;
	m47 = m40 & t8;
	m48 = m39 & u7;
	m49 = m43 & t16;
	m50 = m38 & t9;
	m51 = m37 & t17;
	m52 = m42 & t15;
	m53 = m45 & t27;
	m54 = m41 & t10;
	m55 = m44 & t13;
	m56 = m40 & t23;
	m57 = m39 & t19;
	m58 = m43 & t3;
	m59 = m38 & t22;
	m60 = m37 & t20;
	m61 = m42 & t1;
	m62 = m45 & t4;
	m63 = m41 & t2;

	/* Bottom linear layer. */
	l0 = m61 ^ m62;
	l1 = m50 ^ m56;
	l2 = m46 ^ m48;
	l3 = m47 ^ m55;
	l4 = m54 ^ m58;
	l5 = m49 ^ m61;
	l6 = m62 ^ l5;
	l7 = m46 ^ l3;
	l8 = m51 ^ m59;
	l9 = m52 ^ m53;
	l10 = m53 ^ l4;
	l11 = m60 ^ l2;
	l12 = m48 ^ m51;
	l13 = m50 ^ l0;
	l14 = m52 ^ m61;
	l15 = m55 ^ l1;
	l16 = m56 ^ l0;
	l17 = m57 ^ l1;
	l18 = m58 ^ l8;
	l19 = m63 ^ l4;
	l20 = l0 ^ l1;
	l21 = l1 ^ l7;
	l22 = l3 ^ l12;
	l23 = l18 ^ l2;
	l24 = l15 ^ l9;
	l25 = l6 ^ l10;
	l26 = l7 ^ l9;
	l27 = l8 ^ l10;
	l28 = l11 ^ l14;
	l29 = l11 ^ l17;
	q[7] = l6 ^ l24;
	q[6] = l16 ^ l26;
	q[5] = l19 ^ l28;
	q[4] = l6 ^ l21;
	q[3] = l20 ^ l22;
	q[2] = l25 ^ l29;
	q[1] = l13 ^ l27;
	q[0] = l6 ^ l23;
}
