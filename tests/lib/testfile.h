/*
 * Fixture files under tests/data (test code only: allocates, exits on
 * errors). The directory is found from the calling source file's path
 * (tests/<kind>/<file>.c -> tests/data), or from $MOTE_TEST_DATA.
 */
#ifndef MOTE_TEST_FILE_H
#define MOTE_TEST_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* path = <tests/data>/<rel>. src is the caller's __FILE__. */
static inline void test_data_path(char *path, size_t cap, const char *src, const char *rel)
{
	const char *env = getenv("MOTE_TEST_DATA");
	const char *slash;
	size_t n;

	if (env) {
		snprintf(path, cap, "%s/%s", env, rel);
		return;
	}
	/* src ends in ".../tests/<kind>/<file>.c": keep ".../tests". */
	slash = strrchr(src, '/');
	n = slash ? (size_t)(slash - src) : 0;
	while (n > 0 && src[n - 1] != '/')
		n--;
	snprintf(path, cap, "%.*sdata/%s", (int)n, src, rel);
}

/* The whole file, NUL-terminated (not counted in *len); NULL if missing. */
static inline uint8_t *test_read_path(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "cannot size %s\n", path);
		exit(2);
	}
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	buf[size] = 0;
	*len = (size_t)size;
	return buf;
}

/* A fixture under tests/data that must exist. */
#define TEST_READ_DATA(rel, len) test_read_data_(__FILE__, (rel), (len))

static inline uint8_t *test_read_data_(const char *src, const char *rel, size_t *len)
{
	char path[4096];
	uint8_t *buf;

	test_data_path(path, sizeof path, src, rel);
	buf = test_read_path(path, len);
	if (!buf) {
		fprintf(stderr, "missing test data %s\n", path);
		exit(2);
	}
	return buf;
}

#endif
