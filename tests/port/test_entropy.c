/*
 * mote_port_entropy (getrandom): lengths 0..large are filled completely,
 * output looks random (distinct calls differ, byte frequencies in a wide
 * band), and it seeds the HMAC-DRBG through the mote_entropy_fn type.
 * The kernel-failure path (MOTE_ERR_ENTROPY) is not reachable from a
 * normal test process and is not exercised here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/drbg.h"
#include "mote/port.h"
#include "test.h"

/* The entropy source must fit the callback type the DRBG takes. */
static const mote_entropy_fn entropy_fn = mote_port_entropy;

static void test_lengths(void)
{
	static const size_t lens[] = {0, 1, 31, 32, 48, 255, 256, 257, 4096, 1 << 20};
	uint8_t guard[2];

	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		size_t len = lens[i];
		uint8_t *buf = malloc(len + 1);

		/* Fill with a marker; a fully written buffer of >= 32 random
		 * bytes keeps at most a handful of marker bytes. */
		memset(buf, 0xA5, len + 1);
		CHECK_INT(entropy_fn(NULL, buf, len), 0);
		CHECK_INT(buf[len], 0xA5);
		if (len >= 32) {
			size_t same = 0;
			for (size_t j = 0; j < len; j++)
				same += buf[j] == 0xA5;
			CHECK(same < 32 + len / 64);
		}
		free(buf);
	}
	CHECK_INT(mote_port_entropy(NULL, guard, 0), 0);
}

static void test_distribution(void)
{
	static uint8_t buf[1 << 16];
	uint8_t a[32], b[32];
	unsigned counts[256] = {0};
	unsigned lo = ~0u, hi = 0;

	CHECK_INT(mote_port_entropy(NULL, a, sizeof a), 0);
	CHECK_INT(mote_port_entropy(NULL, b, sizeof b), 0);
	CHECK(memcmp(a, b, sizeof a) != 0);

	/* 65536 bytes: each value expected 256 times, sd 16; the band
	 * 128..384 is 8 sd wide each side. */
	CHECK_INT(mote_port_entropy(NULL, buf, sizeof buf), 0);
	for (size_t i = 0; i < sizeof buf; i++)
		counts[buf[i]]++;
	for (int v = 0; v < 256; v++) {
		lo = counts[v] < lo ? counts[v] : lo;
		hi = counts[v] > hi ? counts[v] : hi;
	}
	CHECK(lo > 128 && hi < 384);
	printf("test_entropy: byte counts over 64 KiB in [%u, %u] (expected ~256)\n", lo, hi);
}

static void test_drbg_seeding(void)
{
	mote_drbg_ctx d1, d2;
	uint8_t x[64], y[64];

	CHECK_INT(mote_drbg_init(&d1, mote_port_entropy, NULL, NULL, 0), 0);
	CHECK_INT(mote_drbg_init(&d2, mote_port_entropy, NULL, NULL, 0), 0);
	CHECK_INT(mote_drbg_generate(&d1, x, sizeof x, NULL, 0), 0);
	CHECK_INT(mote_drbg_generate(&d2, y, sizeof y, NULL, 0), 0);
	CHECK(memcmp(x, y, sizeof x) != 0);
	CHECK_INT(mote_drbg_reseed(&d1, NULL, 0, NULL, 0), 0);
	CHECK_INT(mote_drbg_random(&d1, x, sizeof x), 0);
	mote_drbg_clear(&d1);
	mote_drbg_clear(&d2);
}

int main(void)
{
	test_lengths();
	test_distribution();
	test_drbg_seeding();
	return test_finish("test_entropy");
}
