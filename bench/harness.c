/*
 * Shared harness: the library list, timing, JSON output, fixture files.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "fixture.h"

const struct bench_lib *const bench_libs[] = {
	&bench_lib_mote,    &bench_lib_bearssl, &bench_lib_bearssl_fast,
	&bench_lib_mbedtls, &bench_lib_wolfssl, &bench_lib_openssl,
};
const size_t bench_lib_count = BENCH_COUNT(bench_libs);

void bench_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One round: batches that double in size until the round lasts
 * min_seconds; the rate is calls over the time of the whole round. */
static double rate_round(int (*fn)(void *), void *arg, double min_seconds)
{
	double start = now(), elapsed;
	unsigned long calls = 0, batch = 1;

	do {
		for (unsigned long i = 0; i < batch; i++) {
			if (fn(arg) != 0)
				return -1;
		}
		calls += batch;
		batch *= 2;
		elapsed = now() - start;
	} while (elapsed < min_seconds);
	return (double)calls / elapsed;
}

void bench_rate_row(struct bench_timed *t, size_t n, double min_seconds, int rounds)
{
	for (size_t i = 0; i < n; i++) {
		t[i].rate = -1;
		if (t[i].fn != NULL && t[i].fn(t[i].arg) == 0) /* warm-up */
			t[i].rate = 0;
	}
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			double x;
			if (t[i].rate < 0)
				continue;
			x = rate_round(t[i].fn, t[i].arg, min_seconds);
			t[i].rate = x < 0 ? -1 : (x > t[i].rate ? x : t[i].rate);
		}
	}
}

__attribute__((noinline)) int bench_measured(int (*fn)(void *), void *arg)
{
	return fn(arg);
}

const char *bench_self(void)
{
	static char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		bench_die("cannot find the program's path (/proc/self/exe)");
	self[n] = '\0';
	return self;
}

/* The total of the event counts (Ir) in a callgrind output file. */
static double callgrind_total(const char *path)
{
	char line[256];
	double total = -1;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "summary:", 8) == 0 || strncmp(line, "totals:", 7) == 0)
			total = atof(strchr(line, ':') + 1);
	}
	fclose(f);
	return total;
}

double bench_callgrind(const char *const *argv)
{
	char out[64], outopt[96];
	const char *args[32] = {"valgrind", "--tool=callgrind", outopt,
	                        "--toggle-collect=bench_measured"};
	size_t n = 4;
	int status;
	double total;
	pid_t pid;

	snprintf(out, sizeof(out), "/tmp/mote-bench-callgrind.%ld", (long)getpid());
	snprintf(outopt, sizeof(outopt), "--callgrind-out-file=%s", out);
	for (size_t i = 0; argv[i] != NULL && n < BENCH_COUNT(args) - 1; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		bench_die("fork failed");
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL || freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execvp("valgrind", (char *const *)args);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		remove(out);
		return -1;
	}
	total = callgrind_total(out);
	remove(out);
	return total;
}

int bench_memcmp(const uint8_t *a, const uint8_t *b, size_t len)
{
	uint8_t d = 0;

	for (size_t i = 0; i < len; i++)
		d |= (uint8_t)(a[i] ^ b[i]);
	return d != 0;
}

static FILE *json_file;

void bench_json_open(const char *path)
{
	json_file = fopen(path, "a");
	if (json_file == NULL)
		bench_die("cannot open %s for writing", path);
}

void bench_json(const char *metric, const char *unit, const char *library, double value,
                const char *note)
{
	if (json_file == NULL)
		return;
	fprintf(json_file, "{\"metric\": \"%s\", \"unit\": \"%s\", \"library\": \"%s\", ", metric,
	        unit, library);
	if (value < 0)
		fprintf(json_file, "\"value\": null, \"note\": \"%s\"}\n", note ? note : "n/a");
	else if (value == (double)(long long)value)
		fprintf(json_file, "\"value\": %lld}\n", (long long)value);
	else
		fprintf(json_file, "\"value\": %.6g}\n", value);
}

void bench_json_close(void)
{
	if (json_file != NULL && fclose(json_file) != 0)
		bench_die("error writing the JSON results");
	json_file = NULL;
}

#define COL_VALUE 13

static int col_metric; /* width of the metric column of the current table */

static void print_header(const char *title)
{
	printf("\n%s\n%-*s", title, col_metric, "metric");
	for (size_t l = 0; l < bench_lib_count; l++)
		printf("%*s", COL_VALUE, bench_libs[l]->library);
	printf("%*s\n", COL_VALUE, "mote/bearssl");
}

static void print_row(const char *metric, const struct bench_cell *row, int decimals)
{
	printf("%-*s", col_metric, metric);
	for (size_t l = 0; l < bench_lib_count; l++) {
		if (row[l].value < 0)
			printf("%*s", COL_VALUE, "n/a");
		else
			printf("%*.*f", COL_VALUE, decimals, row[l].value);
	}
	/* bench_libs[0] is Mote, bench_libs[1] BearSSL's constant-time code. */
	if (row[0].value > 0 && row[1].value > 0)
		printf("%*.2f\n", COL_VALUE, row[0].value / row[1].value);
	else
		printf("%*s\n", COL_VALUE, "-");
}

/* Each distinct (library, reason) once, after the table. */
static void print_notes(const struct bench_cell *cells, size_t rows)
{
	size_t n = rows * bench_lib_count;

	for (size_t i = 0; i < n; i++) {
		size_t dup = 0;
		if (cells[i].note == NULL)
			continue;
		for (size_t j = 0; j < i && !dup; j++)
			dup = cells[j].note != NULL && j % bench_lib_count == i % bench_lib_count &&
			      strcmp(cells[j].note, cells[i].note) == 0;
		if (!dup)
			printf("  %s %s: %s\n", cells[i].value < 0 ? "n/a" : "note",
			       bench_libs[i % bench_lib_count]->library, cells[i].note);
	}
}

void bench_table(const char *title, const char *unit, const char *const *metrics, size_t rows,
                 const struct bench_cell *cells, int decimals)
{
	col_metric = 24;
	for (size_t r = 0; r < rows; r++)
		if ((int)strlen(metrics[r]) + 2 > col_metric)
			col_metric = (int)strlen(metrics[r]) + 2;
	print_header(title);
	for (size_t r = 0; r < rows; r++) {
		const struct bench_cell *row = cells + r * bench_lib_count;
		print_row(metrics[r], row, decimals);
		for (size_t l = 0; l < bench_lib_count; l++)
			bench_json(metrics[r], unit, bench_libs[l]->library, row[l].value, row[l].note);
	}
	print_notes(cells, rows);
	fflush(stdout);
}
