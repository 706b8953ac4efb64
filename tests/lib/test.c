/* Shared test support: checks, counting, hex, deterministic randomness. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long checks;
static long failures;

void test_check(int ok, const char *expr, const char *file, int line)
{
	checks++;
	if (!ok) {
		failures++;
		if (failures <= 50)
			fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expr);
	}
}

void test_check_mem(const void *a, const void *b, size_t len, const char *expr,
                    const char *file, int line)
{
	int ok = memcmp(a, b, len) == 0;
	test_check(ok, expr, file, line);
	if (!ok && failures <= 50) {
		test_print_hex("  got ", a, len);
		test_print_hex("  want", b, len);
	}
}

void test_check_int(long long got, long long want, const char *expr, const char *file,
                    int line)
{
	test_check(got == want, expr, file, line);
	if (got != want && failures <= 50)
		fprintf(stderr, "  got %lld, want %lld\n", got, want);
}

long test_failures(void)
{
	return failures;
}

int test_finish(const char *name)
{
	printf("%s: %ld checks, %ld failed\n", name, checks, failures);
	return failures ? 1 : 0;
}

uint8_t *test_unhex_alloc(const char *hex, size_t *len)
{
	size_t cap = strlen(hex) / 2;
	uint8_t *p = malloc(cap ? cap : 1);
	if (!p)
		abort();
	*len = test_unhex(hex, p, cap);
	if (*len == (size_t)-1) {
		fprintf(stderr, "bad hex: %.40s\n", hex);
		abort();
	}
	return p;
}

void test_unhex_const(const char *hex, uint8_t *out, size_t n)
{
	if (test_unhex(hex, out, n) != n) {
		fprintf(stderr, "bad hex constant %.16s...\n", hex);
		exit(2);
	}
}

void test_print_hex(const char *label, const uint8_t *p, size_t len)
{
	fprintf(stderr, "%s ", label);
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, "%02x", p[i]);
	fprintf(stderr, "\n");
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

void test_rand_seed(uint64_t seed)
{
	rng_state = seed ? seed : 0x9E3779B97F4A7C15ull;
}

uint32_t test_rand32(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return (uint32_t)(x >> 32);
}

void test_rand_bytes(uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)test_rand32();
}

const char *test_vectors_dir(void)
{
	static char buf[4096];
	const char *env = getenv("MOTE_VECTORS_DIR");
	snprintf(buf, sizeof buf, "%s/wycheproof", env ? env : MOTE_DEFAULT_VECTORS_DIR);
	return buf;
}
