/*
 * Fixture files (bench/data/<name>.txt): one "name hex" pair per line.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

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

static int hex_nibble(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static uint8_t *unhex(const char *hex, size_t *len, const char *what)
{
	size_t n = strlen(hex);
	uint8_t *out = malloc(n / 2 + 1);

	if (out == NULL || n % 2 != 0)
		bench_die("fixture field %s: odd hex length", what);
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hex_nibble(hex[2 * i]), lo = hex_nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			bench_die("fixture field %s: not hex", what);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
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
