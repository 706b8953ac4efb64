/*
 * The RSA big-integer layer (src/crypto/bignum.h) against OpenSSL's BN,
 * for every limb size (16, 32, 64 bits): Montgomery multiplication and
 * reduction, R^2, conversion, modular add/sub, products, public and secret
 * exponents, inversion (invertible and not), on random odd moduli of
 * 512..4096 bits including prime-like and composite ones and edge operands
 * (0, m - 1).
 */
#include <openssl/bn.h>
#include <openssl/err.h>
#include <stdio.h>
#include <string.h>

#include "crypto/bignum.h"
#include "test.h"

#define TW 16
#define TL uint16_t
#define T(name) bn16_##name
#define bn16_decode mote_bn16_decode
#define bn16_encode mote_bn16_encode
#define bn16_ninv mote_bn16_ninv
#define bn16_montmul mote_bn16_montmul
#define bn16_redc mote_bn16_redc
#define bn16_mul mote_bn16_mul
#define bn16_modadd mote_bn16_modadd
#define bn16_modsub mote_bn16_modsub
#define bn16_recip mote_bn16_recip
#define bn16_recip_init mote_bn16_recip_init
#define bn16_to_mont mote_bn16_to_mont
#define bn16_r2 mote_bn16_r2
#define bn16_pow_pub mote_bn16_pow_pub
#define bn16_pow_ct mote_bn16_pow_ct
#define bn16_modinv mote_bn16_modinv
#include "diff_bignum_tmpl.h"
#undef TW
#undef TL
#undef T

#define TW 32
#define TL uint32_t
#define T(name) bn32_##name
#define bn32_decode mote_bn32_decode
#define bn32_encode mote_bn32_encode
#define bn32_ninv mote_bn32_ninv
#define bn32_montmul mote_bn32_montmul
#define bn32_redc mote_bn32_redc
#define bn32_mul mote_bn32_mul
#define bn32_modadd mote_bn32_modadd
#define bn32_modsub mote_bn32_modsub
#define bn32_recip mote_bn32_recip
#define bn32_recip_init mote_bn32_recip_init
#define bn32_to_mont mote_bn32_to_mont
#define bn32_r2 mote_bn32_r2
#define bn32_pow_pub mote_bn32_pow_pub
#define bn32_pow_ct mote_bn32_pow_ct
#define bn32_modinv mote_bn32_modinv
#include "diff_bignum_tmpl.h"
#undef TW
#undef TL
#undef T

#if MOTE_BN_HAVE_64
#define TW 64
#define TL uint64_t
#define T(name) bn64_##name
#define bn64_decode mote_bn64_decode
#define bn64_encode mote_bn64_encode
#define bn64_ninv mote_bn64_ninv
#define bn64_montmul mote_bn64_montmul
#define bn64_redc mote_bn64_redc
#define bn64_mul mote_bn64_mul
#define bn64_modadd mote_bn64_modadd
#define bn64_modsub mote_bn64_modsub
#define bn64_recip mote_bn64_recip
#define bn64_recip_init mote_bn64_recip_init
#define bn64_to_mont mote_bn64_to_mont
#define bn64_r2 mote_bn64_r2
#define bn64_pow_pub mote_bn64_pow_pub
#define bn64_pow_ct mote_bn64_pow_ct
#define bn64_modinv mote_bn64_modinv
#include "diff_bignum_tmpl.h"
#endif

int main(void)
{
	BN_CTX *ctx = BN_CTX_new();

	test_rand_seed(0xB16B00B5);
	bn16_run(ctx);
	printf("diff_bignum: 16-bit limbs done\n");
	bn32_run(ctx);
	printf("diff_bignum: 32-bit limbs done\n");
#if MOTE_BN_HAVE_64
	bn64_run(ctx);
	printf("diff_bignum: 64-bit limbs done\n");
#endif
	BN_CTX_free(ctx);
	return test_finish("diff_bignum");
}
