/*
 * Symmetric benchmark: AEAD seal/open and SHA-256 throughput in MB/s on
 * one core, for 16 KB and 512-byte buffers, and context sizes in bytes.
 *
 *   bench_sym [--json FILE] [--time SECONDS] [--rounds N] [--no-callgrind]
 *   bench_sym --one LIBRARY METRIC
 *
 * Each cell runs for at least --time seconds (default 0.06), --rounds times
 * (default 5), and keeps the best rate; the libraries of one row take
 * turns round by round (bench_rate_row). Before timing, every library's
 * output for the same key, nonce, AAD and plaintext is compared with
 * OpenSSL's; open then authenticates OpenSSL's ciphertext, so each cell
 * also shows the two implementations agree. A mismatch prints FAILED and
 * the program exits with status 1.
 *
 * Instructions per byte: each seal and hash cell is run once more under
 * callgrind, the same way as bench_pk (see pk.c): the program runs itself
 * with --one LIBRARY METRIC, which sets up, checks, makes one warm-up
 * call and then one call inside bench_measured(); the instructions
 * counted there, divided by the buffer length, do not depend on machine
 * load, so they make the steadiest ratios on a shared machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static const char *const aead_algs[] = {"aes-128-gcm", "aes-256-gcm", "chacha20-poly1305"};
static const size_t buf_sizes[] = {16384, 512};
static const char *const size_names[] = {"16k", "512"};
static const char *const ctx_metrics[] = {"ctx-aes-128-gcm", "ctx-aes-256-gcm",
                                          "ctx-chacha20-poly1305", "ctx-sha256", "ctx-sha384"};

#define N_AEAD BENCH_COUNT(aead_algs)
#define N_SIZE BENCH_COUNT(buf_sizes)
#define N_AEAD_ROWS (N_AEAD * 2 * N_SIZE)
#define N_ROWS (N_AEAD_ROWS + N_SIZE)
#define MAX_LIBS 8

static double min_seconds = 0.06;
static int rounds = 5;
static int use_callgrind = 1;
static int failed;

static uint8_t key[32], nonce[BENCH_NONCE_LEN], aad[BENCH_AAD_LEN], plain[BENCH_MAX_BUF];

/* What one timed call works on. */
struct job {
	const struct bench_aead *aead;
	const struct bench_hash *hash;
	void *st;
	size_t len;
	uint8_t buf[BENCH_MAX_BUF];
	uint8_t pt[BENCH_MAX_BUF];
	uint8_t ct[BENCH_MAX_BUF];
	uint8_t tag[BENCH_TAG_LEN];
	uint8_t digest[64];
};

/* OpenSSL's answer for one (algorithm, length): ciphertext + tag, or digest. */
struct reference {
	uint8_t out[BENCH_MAX_BUF];
	uint8_t tag[BENCH_TAG_LEN];
};

static int seal_once(void *arg)
{
	struct job *j = arg;
	uint8_t tag[BENCH_TAG_LEN];

	return j->aead->seal(j->st, nonce, aad, sizeof(aad), j->buf, j->len, tag);
}

static int open_once(void *arg)
{
	struct job *j = arg;

	return j->aead->open(j->st, nonce, aad, sizeof(aad), j->ct, j->pt, j->len, j->tag);
}

static int hash_once(void *arg)
{
	struct job *j = arg;

	return j->hash->run(j->st, j->buf, j->len, j->digest);
}

static const struct bench_aead *find_aead(const struct bench_lib *lib, const char *alg)
{
	for (size_t i = 0; i < lib->aead_count; i++) {
		if (strcmp(lib->aead[i].alg, alg) == 0)
			return &lib->aead[i];
	}
	return NULL;
}

static const struct bench_hash *find_hash(const struct bench_lib *lib, const char *alg)
{
	for (size_t i = 0; i < lib->hash_count; i++) {
		if (strcmp(lib->hash[i].alg, alg) == 0)
			return &lib->hash[i];
	}
	return NULL;
}

static struct bench_cell na(const char *why)
{
	return (struct bench_cell){-1, why};
}

static struct bench_cell fail(const char *why)
{
	failed = 1;
	return na(why);
}

/* Seals the fixed plaintext once; 0 if it matches the reference. */
static int aead_check(struct job *j, const struct reference *ref)
{
	memcpy(j->buf, plain, j->len);
	if (j->aead->seal(j->st, nonce, aad, sizeof(aad), j->buf, j->len, j->tag) != 0)
		return -1;
	if (memcmp(j->buf, ref->out, j->len) != 0 || memcmp(j->tag, ref->tag, BENCH_TAG_LEN) != 0)
		return -1;
	memcpy(j->ct, ref->out, j->len);
	return 0;
}

static void job_cleanup(struct job *j)
{
	if (j->aead != NULL)
		j->aead->cleanup(j->st);
	else if (j->hash != NULL)
		j->hash->cleanup(j->st);
	j->aead = NULL;
	j->hash = NULL;
}

/* Sets up one library's AEAD for a row and checks its output; on success
 * the cell is left for timing (value 0) and t says what to time. */
static struct bench_cell aead_prepare(struct job *j, const struct bench_lib *lib, const char *alg,
                                      int open, const struct reference *ref,
                                      struct bench_timed *t)
{
	const struct bench_aead *a = find_aead(lib, alg);
	const char *why = "not supported";

	if (a == NULL || (j->st = a->setup(key, a->key_len, &why)) == NULL)
		return na(why);
	j->aead = a;
	if (aead_check(j, ref) != 0) {
		job_cleanup(j);
		return fail("FAILED: AEAD output differs from OpenSSL's");
	}
	*t = (struct bench_timed){open ? open_once : seal_once, j, 0};
	return (struct bench_cell){0, NULL};
}

static struct bench_cell hash_prepare(struct job *j, const struct bench_lib *lib,
                                      const struct reference *ref, struct bench_timed *t)
{
	const struct bench_hash *h = find_hash(lib, "sha256");
	const char *why = "not supported";

	if (h == NULL || (j->st = h->setup(&why)) == NULL)
		return na(why);
	j->hash = h;
	memcpy(j->buf, plain, j->len);
	if (h->run(j->st, j->buf, j->len, j->digest) != 0 ||
	    memcmp(j->digest, ref->out, h->out_len) != 0) {
		job_cleanup(j);
		return fail("FAILED: SHA-256 differs from OpenSSL's");
	}
	*t = (struct bench_timed){hash_once, j, 0};
	return (struct bench_cell){0, NULL};
}

/* Prepares every library for one row (alg NULL: SHA-256), times them side
 * by side and turns the rates into MB/s. */
static void run_row(struct job *jobs, const char *alg, int open, const struct reference *ref,
                    struct bench_cell *row)
{
	struct bench_timed t[MAX_LIBS] = {{0}};

	for (size_t l = 0; l < bench_lib_count; l++)
		row[l] = alg ? aead_prepare(&jobs[l], bench_libs[l], alg, open, ref, &t[l])
		             : hash_prepare(&jobs[l], bench_libs[l], ref, &t[l]);
	bench_rate_row(t, bench_lib_count, min_seconds, rounds);
	for (size_t l = 0; l < bench_lib_count; l++) {
		if (t[l].fn == NULL)
			continue;
		if (t[l].rate < 0)
			row[l] = fail("FAILED: a call returned an error");
		else
			row[l].value = t[l].rate * (double)jobs[l].len / 1e6;
		job_cleanup(&jobs[l]);
	}
}

/* OpenSSL computes the reference answers the other libraries must match. */
static void make_reference(const char *alg, size_t len, struct reference *ref)
{
	const char *why = NULL;
	const struct bench_aead *a = alg ? find_aead(&bench_lib_openssl, alg) : NULL;
	const struct bench_hash *h = alg ? NULL : find_hash(&bench_lib_openssl, "sha256");
	void *st = a ? a->setup(key, a->key_len, &why) : h ? h->setup(&why) : NULL;

	if (st == NULL)
		bench_die("OpenSSL cannot compute the %s reference", alg ? alg : "sha256");
	memcpy(ref->out, plain, len);
	if (a ? a->seal(st, nonce, aad, sizeof(aad), ref->out, len, ref->tag)
	      : h->run(st, plain, len, ref->out))
		bench_die("OpenSSL cannot compute the %s reference", alg ? alg : "sha256");
	if (a)
		a->cleanup(st);
	else
		h->cleanup(st);
}

/* The throughput rows, in table order. */
struct row {
	char name[48];
	const char *alg; /* NULL: SHA-256 */
	int open;
	size_t len;
};

static struct row rows[N_ROWS];

static void make_rows(void)
{
	size_t n = 0;

	for (size_t a = 0; a <= N_AEAD; a++) {
		const char *alg = a < N_AEAD ? aead_algs[a] : NULL;
		for (size_t s = 0; s < N_SIZE; s++) {
			for (int open = 0; open < (alg ? 2 : 1); open++, n++) {
				rows[n] = (struct row){"", alg, open, buf_sizes[s]};
				snprintf(rows[n].name, sizeof(rows[n].name), "%s-%s%s", alg ? alg : "sha256",
				         alg ? (open ? "open-" : "seal-") : "", size_names[s]);
			}
		}
	}
}

static void run_throughput(struct job *jobs, const char **metrics, struct bench_cell *cells)
{
	static struct reference ref;

	for (size_t r = 0; r < N_ROWS; r++) {
		for (size_t l = 0; l < bench_lib_count; l++)
			jobs[l].len = rows[r].len;
		make_reference(rows[r].alg, rows[r].len, &ref);
		metrics[r] = rows[r].name;
		run_row(jobs, rows[r].alg, rows[r].open, &ref, cells + r * bench_lib_count);
	}
}

/* --one LIBRARY METRIC: one library's cell of one row, for callgrind:
 * set up and check, one warm-up call, one call inside bench_measured(). */
static int one(const char *library, const char *metric)
{
	static struct job job;
	static struct reference ref;
	const struct bench_lib *lib = NULL;
	const struct row *row = NULL;
	struct bench_timed t = {0};
	struct bench_cell c;
	int ret;

	for (size_t l = 0; l < bench_lib_count; l++)
		if (strcmp(bench_libs[l]->library, library) == 0)
			lib = bench_libs[l];
	for (size_t r = 0; r < N_ROWS; r++)
		if (strcmp(rows[r].name, metric) == 0)
			row = &rows[r];
	if (lib == NULL || row == NULL)
		bench_die("--one: no %s in library %s", metric, library);
	job.len = row->len;
	make_reference(row->alg, row->len, &ref);
	c = row->alg ? aead_prepare(&job, lib, row->alg, row->open, &ref, &t)
	             : hash_prepare(&job, lib, &ref, &t);
	if (c.value < 0)
		bench_die("--one %s %s: %s", library, metric, c.note);
	ret = t.fn(t.arg) != 0 || bench_measured(t.fn, t.arg) != 0;
	job_cleanup(&job);
	return ret;
}

/* Instructions per byte of the seal and hash rows under callgrind (open
 * is left out: libraries that open in place count a memcpy there). */
static void run_instructions(const struct bench_cell *speed)
{
	static const char *metrics[N_ROWS];
	static char names[N_ROWS][80];
	static struct bench_cell cells[N_ROWS * MAX_LIBS];
	size_t n = 0;

	for (size_t r = 0; r < N_ROWS; r++) {
		if (rows[r].open)
			continue;
		snprintf(names[n], sizeof(names[n]), "%.47s-instructions-per-byte", rows[r].name);
		metrics[n] = names[n];
		for (size_t l = 0; l < bench_lib_count; l++) {
			const struct bench_cell *sp = &speed[r * bench_lib_count + l];
			const char *args[] = {bench_self(), "--one", bench_libs[l]->library, rows[r].name,
			                      NULL};
			double ir = sp->value < 0 ? -1 : bench_callgrind(args);
			struct bench_cell *c = &cells[n * bench_lib_count + l];
			*c = (struct bench_cell){ir < 0 ? -1 : ir / (double)rows[r].len, sp->note};
			if (sp->value >= 0 && ir < 0)
				*c = fail("FAILED: callgrind run failed");
		}
		n++;
	}
	bench_table("Instructions per byte (callgrind Ir of one seal or hash; lower is better)",
	            "instructions/byte", metrics, n, cells, 2);
}

static struct bench_cell ctx_cell(const struct bench_lib *lib, const char *metric)
{
	for (size_t i = 0; i < lib->ctx_count; i++) {
		const struct bench_ctx_size *c = &lib->ctx[i];
		if (strcmp(c->metric, metric) == 0)
			return (struct bench_cell){c->bytes ? (double)c->bytes : -1, c->note};
	}
	return na("not reported");
}

static void run_ctx_sizes(void)
{
	struct bench_cell cells[BENCH_COUNT(ctx_metrics) * MAX_LIBS];

	for (size_t m = 0; m < BENCH_COUNT(ctx_metrics); m++)
		for (size_t l = 0; l < bench_lib_count; l++)
			cells[m * bench_lib_count + l] = ctx_cell(bench_libs[l], ctx_metrics[m]);
	bench_table("Context sizes, bytes (sizeof on this 64-bit host)", "bytes", ctx_metrics,
	            BENCH_COUNT(ctx_metrics), cells, 0);
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
		else if (strcmp(argv[i], "--no-callgrind") == 0)
			use_callgrind = 0;
		else if (strcmp(argv[i], "--one") == 0 && i + 2 < argc)
			exit(one(argv[i + 1], argv[i + 2]));
		else
			bench_die("usage: %s [--json FILE] [--time SECONDS] [--rounds N] "
			          "[--no-callgrind] | --one LIBRARY METRIC",
			          argv[0]);
	}
}

static void print_labels(void)
{
	printf("Libraries:\n");
	for (size_t l = 0; l < bench_lib_count; l++)
		printf("  %-13s %s\n", bench_libs[l]->library, bench_libs[l]->label);
}

int main(int argc, char **argv)
{
	static struct job jobs[MAX_LIBS];
	static const char *metrics[N_ROWS];
	static struct bench_cell cells[N_ROWS * MAX_LIBS];

	if (bench_lib_count > MAX_LIBS)
		bench_die("raise MAX_LIBS in sym.c");
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0x40 + i);
	for (size_t i = 0; i < sizeof(plain); i++)
		plain[i] = (uint8_t)(i * 7 + 3);
	memset(nonce, 0xA5, sizeof(nonce));
	memset(aad, 0x17, sizeof(aad));
	make_rows();
	parse_args(argc, argv);
	print_labels();
	run_throughput(jobs, metrics, cells);
	bench_table("Throughput, MB/s on one core (10^6 bytes/s; higher is better)", "MB/s", metrics,
	            N_ROWS, cells, 1);
	if (use_callgrind)
		run_instructions(cells);
	run_ctx_sizes();
	bench_json_close();
	return failed;
}
