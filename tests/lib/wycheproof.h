/*
 * Generic Wycheproof runner. A test supplies one function that runs a
 * single vector and says whether the implementation accepted it; the
 * runner checks the verdict against the vector's "result" field
 * ("valid" must be accepted, "invalid" rejected, "acceptable" either)
 * and prints the counts.
 */
#ifndef MOTE_TEST_WYCHEPROOF_H
#define MOTE_TEST_WYCHEPROOF_H

#include "json.h"

enum wp_verdict {
	WP_ACCEPT,  /* the implementation accepted the input / produced the expected output */
	WP_REJECT,  /* the implementation rejected the input (or produced a different output) */
	WP_SKIP     /* parameters outside what Mote implements (counted and printed) */
};

typedef enum wp_verdict (*wp_case_fn)(const struct json *group, const struct json *test,
                                      void *arg);

struct wp_counts {
	long total, valid_ok, invalid_ok, acceptable, skipped, failed;
};

/* Run every test of every group of FILE (a name inside test_vectors_dir()).
 * Failures are reported through CHECK. Prints one summary line. */
struct wp_counts wp_run(const char *file, wp_case_fn fn, void *arg);

/* Hex field of a test or group as freshly malloc'd bytes (len may be 0). */
unsigned char *wp_hex(const struct json *obj, const char *key, size_t *len);

/* 1 if the test's "flags" array contains FLAG. */
int wp_has_flag(const struct json *test, const char *flag);

#endif
