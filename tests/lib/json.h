/*
 * A small JSON reader for test vectors (test code only: it allocates).
 * Numbers are kept as doubles; strings are unescaped (\uXXXX below 0x80
 * only, which is all Wycheproof uses in fields we read).
 */
#ifndef MOTE_TEST_JSON_H
#define MOTE_TEST_JSON_H

#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	double number;           /* JSON_NUMBER, JSON_BOOL (0/1) */
	char *string;            /* JSON_STRING */
	char *key;               /* member name when inside an object */
	struct json **items;     /* JSON_ARRAY / JSON_OBJECT */
	size_t count;
};

/* Parse a whole file; exits the process with a message on any error. */
struct json *json_parse_file(const char *path);
void json_free(struct json *j);

/* Member of an object, or NULL. */
const struct json *json_get(const struct json *obj, const char *key);
/* Convenience accessors: NULL / 0 when absent or of another type. */
const char *json_get_str(const struct json *obj, const char *key);
double json_get_num(const struct json *obj, const char *key);

#endif
