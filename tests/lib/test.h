/*
 * Minimal test support shared by every Mote test program.
 *
 * A test program calls CHECK* as often as it likes and returns
 * test_finish("name") from main: it prints "name: N checks, N failed"
 * and returns non-zero if anything failed. Test code may allocate.
 */
#ifndef MOTE_TEST_H
#define MOTE_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "hex.h"

void test_check(int ok, const char *expr, const char *file, int line);
void test_check_mem(const void *a, const void *b, size_t len, const char *expr,
                    const char *file, int line);
void test_check_int(long long got, long long want, const char *expr, const char *file,
                    int line);
int test_finish(const char *name);
long test_failures(void);

#define CHECK(cond) test_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_MEM(a, b, len) test_check_mem((a), (b), (len), #a " == " #b, __FILE__, __LINE__)
#define CHECK_INT(got, want) test_check_int((got), (want), #got " == " #want, __FILE__, __LINE__)

/* Hex helpers beside test_unhex (hex.h). test_unhex_alloc mallocs.
 * test_unhex_const decodes a constant of exactly n bytes and exits if it
 * is malformed (a bug in the test, not a failed check). */
uint8_t *test_unhex_alloc(const char *hex, size_t *len);
void test_unhex_const(const char *hex, uint8_t *out, size_t n);
void test_print_hex(const char *label, const uint8_t *p, size_t len);

/* Deterministic pseudo-random bytes for property and differential tests
 * (xorshift; not cryptographic). */
void test_rand_seed(uint64_t seed);
uint32_t test_rand32(void);
void test_rand_bytes(uint8_t *p, size_t len);

/* TEST_SANITIZED is 1 in AddressSanitizer builds (gcc defines
 * __SANITIZE_ADDRESS__, clang has __has_feature): they run unoptimised and
 * with larger frames, so tests run fewer iterations there and only print
 * stack figures. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_SANITIZED 1
#endif
#endif
#ifndef TEST_SANITIZED
#define TEST_SANITIZED 0
#endif

/* Directory holding the Wycheproof vectors (../shared/vectors/wycheproof
 * by default, or $MOTE_VECTORS_DIR/wycheproof). */
const char *test_vectors_dir(void);

#endif
