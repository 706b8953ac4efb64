/*
 * Public-key benchmark: operations per second and instructions per
 * operation, every library on the same fixed keys (bench/data/).
 *
 *   bench_pk [--json FILE] [--time SECONDS] [--rounds N] [--data DIR]
 *            [--no-callgrind]
 *   bench_pk --one LIBRARY OP [--data DIR]
 *
 * Operations per second: each cell runs for at least --time seconds
 * (default 0.06), --rounds times (default 5), best rate kept; the libraries
 * of one row take turns round by round (bench_rate_row).
 *
 * Instructions per operation: for each cell the program runs itself as
 *   valgrind --tool=callgrind --toggle-collect=bench_measured \
 *            bench_pk --one LIBRARY OP
 * In --one mode it imports the keys and performs the operation twice (the
 * setup's correctness check, then a warm-up: lazily built tables and
 * caches reach the state the timing loop runs in), then once more inside
 * bench_measured().
 * Callgrind counts only what executes between entering and leaving
 * bench_measured(), so key import, set-up and process start are excluded,
 * and the count is deterministic (it does not depend on machine load).
 * The figure is the instructions (Ir) of that one operation. Valgrind
 * reports a CPU without AVX-512 and SHA extensions, so libraries that
 * select code by CPUID (OpenSSL) may run a different path there than in
 * the timing column.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "fixture.h"

#ifndef BENCH_DATA_DIR
#define BENCH_DATA_DIR "bench/data"
#endif

struct op {
	const char *name;
	const char *fixture;
};

static const struct op ops[] = {
	{"x25519", "x25519"},
	{"p256-ecdh", "p256"},
	{"p256-ecdsa-sign", "p256"},
	{"p256-ecdsa-verify", "p256"},
	{"p384-ecdsa-verify", "p384"},
	{"rsa-2048-verify", "rsa2048"},
	{"rsa-3072-verify", "rsa3072"},
	{"rsa-4096-verify", "rsa4096"},
	{"rsa-2048-sign", "rsa2048"},
	{"ed25519-verify", "ed25519"},
};

#define N_OPS BENCH_COUNT(ops)
#define MAX_LIBS 8

static const char *data_dir = BENCH_DATA_DIR;
static double min_seconds = 0.06;
static int rounds = 5;
static int use_callgrind = 1;
static int failed;

static const struct bench_fixture *fixture(const char *name)
{
	static const struct bench_fixture *cache[N_OPS];
	static const char *names[N_OPS];

	for (size_t i = 0; i < N_OPS; i++) {
		if (names[i] == NULL) {
			names[i] = name;
			cache[i] = bench_fx_load(data_dir, name);
		}
		if (strcmp(names[i], name) == 0)
			return cache[i];
	}
	bench_die("too many fixtures");
}

static const struct bench_pk *find_pk(const struct bench_lib *lib, const char *op)
{
	for (size_t i = 0; i < lib->pk_count; i++) {
		if (strcmp(lib->pk[i].op, op) == 0)
			return &lib->pk[i];
	}
	return NULL;
}

static const char *unsupported(const struct bench_lib *lib)
{
	return lib->pk_count == 0 ? "public key not measured separately (see label)"
	                          : "not supported";
}

struct pk_job {
	const struct bench_pk *pk;
	void *st;
};

static int run_pk(void *arg)
{
	struct pk_job *j = arg;

	return j->pk->run(j->st);
}

/* Sets up every library for one operation, times them side by side. */
static void ops_row(const struct op *op, struct bench_cell *row)
{
	struct pk_job jobs[MAX_LIBS];
	struct bench_timed t[MAX_LIBS] = {{0}};

	for (size_t l = 0; l < bench_lib_count; l++) {
		const char *why = "setup failed";
		jobs[l].pk = find_pk(bench_libs[l], op->name);
		jobs[l].st = jobs[l].pk ? jobs[l].pk->setup(fixture(op->fixture), &why) : NULL;
		if (jobs[l].pk == NULL) {
			row[l] = (struct bench_cell){-1, unsupported(bench_libs[l])};
		} else if (jobs[l].st == NULL) {
			failed |= strncmp(why, "FAILED", 6) == 0;
			row[l] = (struct bench_cell){-1, why};
		} else {
			t[l] = (struct bench_timed){run_pk, &jobs[l], 0};
			row[l] = (struct bench_cell){0, NULL};
		}
	}
	bench_rate_row(t, bench_lib_count, min_seconds, rounds);
	for (size_t l = 0; l < bench_lib_count; l++) {
		if (t[l].fn == NULL)
			continue;
		row[l].value = t[l].rate;
		if (t[l].rate < 0) {
			failed = 1;
			row[l].note = "FAILED: an operation returned an error";
		}
		jobs[l].pk->cleanup(jobs[l].st);
	}
}

static int one(const char *library, const char *op_name)
{
	const struct bench_lib *lib = NULL;
	const struct bench_pk *pk = NULL;
	const struct op *op = NULL;
	const char *why = "setup failed";
	struct pk_job job;
	void *st;
	int ret;

	for (size_t l = 0; l < bench_lib_count; l++)
		if (strcmp(bench_libs[l]->library, library) == 0)
			lib = bench_libs[l];
	for (size_t i = 0; i < N_OPS; i++)
		if (strcmp(ops[i].name, op_name) == 0)
			op = &ops[i];
	if (lib == NULL || op == NULL || (pk = find_pk(lib, op_name)) == NULL)
		bench_die("--one: no operation %s in library %s", op_name, library);
	st = pk->setup(fixture(op->fixture), &why);
	if (st == NULL)
		bench_die("--one %s %s: %s", library, op_name, why);
	job = (struct pk_job){pk, st};
	ret = run_pk(&job) != 0 || bench_measured(run_pk, &job) != 0;
	pk->cleanup(st);
	return ret;
}

static void parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0 && i + 1 < argc)
			bench_json_open(argv[++i]);
		else if (strcmp(argv[i], "--time") == 0 && i + 1 < argc)
			min_seconds = atof(argv[++i]);
		else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
			data_dir = argv[++i];
		else if (strcmp(argv[i], "--no-callgrind") == 0)
			use_callgrind = 0;
		else if (strcmp(argv[i], "--one") == 0 && i + 2 < argc)
			exit(one(argv[i + 1], argv[i + 2]));
		else
			bench_die("usage: %s [--json FILE] [--time S] [--rounds N] [--data DIR] "
			          "[--no-callgrind] | [--data DIR] --one LIBRARY OP",
			          argv[0]);
	}
}

static void metric_names(const char *suffix, char names[][48], const char **metrics)
{
	for (size_t i = 0; i < N_OPS; i++) {
		snprintf(names[i], 48, "%s-%s", ops[i].name, suffix);
		metrics[i] = names[i];
	}
}

int main(int argc, char **argv)
{
	static struct bench_cell rate[N_OPS * MAX_LIBS], instr[N_OPS * MAX_LIBS];
	static char names[N_OPS][48];
	static const char *metrics[N_OPS];
	const char *self = bench_self();

	if (bench_lib_count > MAX_LIBS)
		bench_die("raise MAX_LIBS in pk.c");
	parse_args(argc, argv);
	for (size_t i = 0; i < N_OPS; i++)
		ops_row(&ops[i], rate + i * bench_lib_count);
	metric_names("ops", names, metrics);
	bench_table("Public key, operations per second on one core (higher is better)", "ops/s",
	            metrics, N_OPS, rate, 1);
	if (!use_callgrind) {
		bench_json_close();
		return failed;
	}
	for (size_t i = 0; i < N_OPS * bench_lib_count; i++) {
		const struct bench_cell *r = &rate[i];
		const char *lib = bench_libs[i % bench_lib_count]->library;
		const char *args[] = {self, "--data", data_dir, "--one", lib,
		                      ops[i / bench_lib_count].name, NULL};
		double v = r->value < 0 ? -1 : bench_callgrind(args);
		instr[i] = (struct bench_cell){v, r->value < 0 ? r->note : NULL};
		if (r->value >= 0 && v < 0) {
			instr[i].note = "FAILED: callgrind run failed";
			failed = 1;
		}
	}
	metric_names("instructions", names, metrics);
	bench_table("Public key, instructions per operation (callgrind Ir; lower is better)",
	            "instructions", metrics, N_OPS, instr, 0);
	bench_json_close();
	return failed;
}
