/* Constant-time helpers that are not worth inlining (see ct.h). */
#include "ct.h"

#include <string.h>

#include "mote/config.h"

#if MOTE_CT_VALGRIND
#include <valgrind/memcheck.h>
#endif

uint32_t mote_ct_memeq(const void *a, const void *b, size_t len)
{
	const uint8_t *x = a;
	const uint8_t *y = b;
	uint32_t diff = 0;

	for (size_t i = 0; i < len; i++)
		diff |= (uint32_t)(x[i] ^ y[i]);
	return mote_ct_is_zero(diff);
}

void mote_ct_cmov(void *dst, const void *src, size_t len, uint32_t mask)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	uint8_t m = (uint8_t)mote_ct_barrier32(mask);

	for (size_t i = 0; i < len; i++)
		d[i] ^= m & (d[i] ^ s[i]);
}

uint32_t mote_ct_declassify32(uint32_t x)
{
#if MOTE_CT_VALGRIND
	VALGRIND_MAKE_MEM_DEFINED(&x, sizeof x);
#endif
	return x;
}

void mote_wipe(void *p, size_t len)
{
#if defined(__GNUC__) || defined(__clang__)
	/* memset at full width, then an empty asm that claims to read the
	 * memory: the stores are no longer dead, so they cannot be removed.
	 * (A volatile byte loop costs ~1 cycle per byte: 600 cycles for the
	 * ChaCha20 buffers of one small record.) */
	if (len > 0) {
		memset(p, 0, len);
		__asm__ __volatile__("" : : "r"(p) : "memory");
	}
#else
	volatile uint8_t *v = p;

	while (len--)
		*v++ = 0;
#endif
}
