/* Recursive-descent JSON reader for test vectors (see json.h). */
#include "json.h"
#include "testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const char *p;
	const char *end;
	const char *path;
};

static void die(struct reader *r, const char *what)
{
	fprintf(stderr, "%s: JSON error at offset ?: %s near '%.20s'\n", r->path, what, r->p);
	exit(2);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
		r->p++;
}

static int peek(struct reader *r)
{
	skip_ws(r);
	return r->p < r->end ? *r->p : -1;
}

static void expect(struct reader *r, char c)
{
	if (peek(r) != c)
		die(r, "unexpected character");
	r->p++;
}

static char *parse_string_raw(struct reader *r)
{
	expect(r, '"');
	size_t cap = 16, n = 0;
	char *s = xcalloc(cap, 1);
	while (r->p < r->end && *r->p != '"') {
		char c = *r->p++;
		if (c == '\\') {
			if (r->p >= r->end)
				die(r, "truncated escape");
			char e = *r->p++;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				if (r->end - r->p < 4)
					die(r, "truncated \\u");
				char hex[5] = {r->p[0], r->p[1], r->p[2], r->p[3], 0};
				long v = strtol(hex, NULL, 16);
				c = v < 0x80 ? (char)v : '?';
				r->p += 4;
				break;
			}
			default: c = e; break;
			}
		}
		if (n + 2 > cap) {
			cap *= 2;
			s = realloc(s, cap);
			if (!s)
				abort();
		}
		s[n++] = c;
	}
	expect(r, '"');
	s[n] = 0;
	return s;
}

static struct json *parse_value(struct reader *r);

static void push(struct json *parent, struct json *child, size_t *cap)
{
	if (parent->count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		parent->items = realloc(parent->items, *cap * sizeof *parent->items);
		if (!parent->items)
			abort();
	}
	parent->items[parent->count++] = child;
}

static struct json *parse_container(struct reader *r, int object)
{
	struct json *j = xcalloc(1, sizeof *j);
	size_t cap = 0;
	j->type = object ? JSON_OBJECT : JSON_ARRAY;
	expect(r, object ? '{' : '[');
	if (peek(r) == (object ? '}' : ']')) {
		r->p++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		if (object) {
			key = parse_string_raw(r);
			expect(r, ':');
		}
		struct json *child = parse_value(r);
		child->key = key;
		push(j, child, &cap);
		int c = peek(r);
		if (c == ',') {
			r->p++;
			continue;
		}
		expect(r, object ? '}' : ']');
		return j;
	}
}

static int match_word(struct reader *r, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(r->end - r->p) >= n && memcmp(r->p, w, n) == 0) {
		r->p += n;
		return 1;
	}
	return 0;
}

static struct json *parse_value(struct reader *r)
{
	int c = peek(r);
	if (c == '{' || c == '[')
		return parse_container(r, c == '{');
	struct json *j = xcalloc(1, sizeof *j);
	if (c == '"') {
		j->type = JSON_STRING;
		j->string = parse_string_raw(r);
	} else if (match_word(r, "true")) {
		j->type = JSON_BOOL;
		j->number = 1;
	} else if (match_word(r, "false")) {
		j->type = JSON_BOOL;
	} else if (match_word(r, "null")) {
		j->type = JSON_NULL;
	} else {
		char *endp;
		j->type = JSON_NUMBER;
		j->number = strtod(r->p, &endp);
		if (endp == r->p)
			die(r, "bad value");
		r->p = endp;
	}
	return j;
}

struct json *json_parse_file(const char *path)
{
	size_t n;
	char *buf = (char *)test_read_path(path, &n);
	if (!buf) {
		fprintf(stderr, "cannot open %s (vectors missing? set MOTE_VECTORS_DIR)\n", path);
		exit(2);
	}
	struct reader r = {buf, buf + n, path};
	struct json *j = parse_value(&r);
	if (peek(&r) != -1)
		die(&r, "trailing data");
	free(buf);
	return j;
}

void json_free(struct json *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->count; i++)
		json_free(j->items[i]);
	free(j->items);
	free(j->string);
	free(j->key);
	free(j);
}

const struct json *json_get(const struct json *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->count; i++) {
		if (strcmp(obj->items[i]->key, key) == 0)
			return obj->items[i];
	}
	return NULL;
}

const char *json_get_str(const struct json *obj, const char *key)
{
	const struct json *j = json_get(obj, key);
	return j && j->type == JSON_STRING ? j->string : NULL;
}

double json_get_num(const struct json *obj, const char *key)
{
	const struct json *j = json_get(obj, key);
	return j && (j->type == JSON_NUMBER || j->type == JSON_BOOL) ? j->number : 0;
}
