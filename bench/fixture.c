/*
 * Fixture files (bench/data/<name>.txt): one "name hex" pair per line.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "hex.h"

#define FX_MAX_FIELDS 24

struct fx_field {
	char *name;
	uint8_t *bytes;
	size_t len;
};

struct bench_fixture {
	char *name;
	struct fx_field field[FX_MAX_FIELDS];
	size_t count;
};

/* The field's bytes, malloc'd; test_unhex is tests/lib/hex.c. */
static uint8_t *unhex(const char *hex, size_t *len, const char *what)
{
	size_t cap = strlen(hex) / 2 + 1;
	uint8_t *out = malloc(cap);

	if (out == NULL)
		bench_die("fixture field %s: out of memory", what);
	*len = test_unhex(hex, out, cap);
	if (*len == (size_t)-1)
		bench_die("fixture field %s: not hex (or odd length)", what);
	return out;
}

static void add_line(struct bench_fixture *fx, char *line)
{
	char *name = strtok(line, " \t\r\n"), *value = strtok(NULL, " \t\r\n");

	if (name == NULL || name[0] == '#')
		return;
	if (value == NULL || fx->count == FX_MAX_FIELDS)
		bench_die("fixture %s: bad line for %s", fx->name, name);
	fx->field[fx->count].name = strdup(name);
	fx->field[fx->count].bytes = unhex(value, &fx->field[fx->count].len, name);
	fx->count++;
}

const struct bench_fixture *bench_fx_load(const char *dir, const char *name)
{
	char path[4096], *line = NULL;
	size_t cap = 0;
	struct bench_fixture *fx = calloc(1, sizeof(*fx));
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	f = fopen(path, "r");
	if (f == NULL || fx == NULL)
		bench_die("cannot read fixture %s (run from the source tree or pass --data DIR)", path);
	fx->name = strdup(name);
	while (getline(&line, &cap, f) > 0)
		add_line(fx, line);
	free(line);
	fclose(f);
	return fx;
}

const uint8_t *bench_fx_ptr(const struct bench_fixture *fx, const char *name, size_t *len)
{
	for (size_t i = 0; i < fx->count; i++) {
		if (strcmp(fx->field[i].name, name) == 0) {
			*len = fx->field[i].len;
			return fx->field[i].bytes;
		}
	}
	bench_die("fixture %s has no field %s", fx->name, name);
}

size_t bench_fx_get(const struct bench_fixture *fx, const char *name, uint8_t *out, size_t max)
{
	size_t len;
	const uint8_t *p = bench_fx_ptr(fx, name, &len);

	if (len > max)
		bench_die("fixture %s field %s: %zu bytes, room for %zu", fx->name, name, len, max);
	memcpy(out, p, len);
	return len;
}

const char *bench_fx_name(const struct bench_fixture *fx)
{
	return fx->name;
}
