/* Generic Wycheproof runner (see wycheproof.h). */
#include "wycheproof.h"

#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned char *wp_hex(const struct json *obj, const char *key, size_t *len)
{
	const char *s = json_get_str(obj, key);
	if (!s) {
		fprintf(stderr, "vector field %s missing\n", key);
		exit(2);
	}
	return test_unhex_alloc(s, len);
}

int wp_has_flag(const struct json *test, const char *flag)
{
	const struct json *flags = json_get(test, "flags");
	for (size_t i = 0; flags && i < flags->count; i++) {
		if (flags->items[i]->string && strcmp(flags->items[i]->string, flag) == 0)
			return 1;
	}
	return 0;
}

static void wp_judge(struct wp_counts *c, const char *file, const struct json *test,
                     enum wp_verdict v)
{
	const char *result = json_get_str(test, "result");
	int id = (int)json_get_num(test, "tcId");
	int ok;

	c->total++;
	if (v == WP_SKIP) {
		c->skipped++;
		return;
	}
	if (strcmp(result, "valid") == 0) {
		ok = v == WP_ACCEPT;
		c->valid_ok += ok;
	} else if (strcmp(result, "invalid") == 0) {
		ok = v == WP_REJECT;
		c->invalid_ok += ok;
	} else {
		ok = 1;
		c->acceptable++;
	}
	if (!ok) {
		c->failed++;
		fprintf(stderr, "%s tcId %d (%s): %s\n", file, id, result,
		        v == WP_ACCEPT ? "accepted" : "rejected");
	}
	CHECK(ok);
}

struct wp_counts wp_run(const char *file, wp_case_fn fn, void *arg)
{
	char path[4096];
	struct wp_counts c = {0};

	snprintf(path, sizeof path, "%s/%s", test_vectors_dir(), file);
	struct json *root = json_parse_file(path);
	const struct json *groups = json_get(root, "testGroups");
	CHECK(groups != NULL);
	for (size_t g = 0; groups && g < groups->count; g++) {
		const struct json *tests = json_get(groups->items[g], "tests");
		for (size_t t = 0; tests && t < tests->count; t++)
			wp_judge(&c, file, tests->items[t], fn(groups->items[g], tests->items[t], arg));
	}
	printf("%s: %ld vectors: %ld valid accepted, %ld invalid rejected, %ld acceptable, "
	       "%ld skipped, %ld failed\n",
	       file, c.total, c.valid_ok, c.invalid_ok, c.acceptable, c.skipped, c.failed);
	CHECK(c.total > 0);
	json_free(root);
	return c;
}
