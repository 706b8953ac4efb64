/*
 * The benchmark harness: one table-driven driver (sym.c, pk.c) over one
 * backend file per library (lib_<name>.c). A backend fills a struct
 * bench_lib with what it can do; anything it cannot do is either left out
 * of its tables (the driver prints "n/a (not supported)") or reported at
 * run time by its setup function through *why (e.g. "not yet implemented",
 * "no AES-NI on this CPU"). Nothing is skipped silently.
 *
 * Bench code may allocate, read clocks and files: it is not the core.
 */
#ifndef MOTE_BENCH_H
#define MOTE_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_NONCE_LEN 12
#define BENCH_TAG_LEN 16
#define BENCH_AAD_LEN 13 /* a TLS 1.2 record header's worth */
#define BENCH_MAX_BUF 16384

/* An AEAD (aes-128-gcm, aes-256-gcm, chacha20-poly1305). seal works in
 * place; open reads ct and writes pt (libraries that only work in place
 * copy ct to pt first: a memcpy of at most 16 KB, well under 1% of an
 * AEAD pass). Both return 0 on success. */
struct bench_aead {
	const char *alg;
	size_t key_len;
	void *(*setup)(const uint8_t *key, size_t key_len, const char **why);
	int (*seal)(void *st, const uint8_t *nonce, const uint8_t *aad, size_t aad_len, uint8_t *buf,
	            size_t len, uint8_t *tag);
	int (*open)(void *st, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
	            const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag);
	void (*cleanup)(void *st);
};

/* A one-shot hash (init, update, final) of data into out. */
struct bench_hash {
	const char *alg;
	size_t out_len;
	void *(*setup)(const char **why);
	int (*run)(void *st, const uint8_t *data, size_t len, uint8_t *out);
	void (*cleanup)(void *st);
};

/* The bytes a context occupies; bytes == 0 means not applicable, with the
 * reason in note. A non-empty note beside a size says what is counted. */
struct bench_ctx_size {
	const char *metric; /* "ctx-aes-128-gcm", ... */
	size_t bytes;
	const char *note;
};

/* Named fields of a fixture file (bench/data/<name>.txt). */
struct bench_fixture;
/* Decodes hex field name; returns its length, or aborts the program with
 * a message when the field is missing (a broken fixture is not a result). */
size_t bench_fx_get(const struct bench_fixture *fx, const char *name, uint8_t *out, size_t max);
/* The same, into a buffer the fixture owns (valid until the program exits). */
const uint8_t *bench_fx_ptr(const struct bench_fixture *fx, const char *name, size_t *len);
/* Which fixture this is ("p256", "rsa2048", ...). */
const char *bench_fx_name(const struct bench_fixture *fx);

/* A public-key operation. setup imports keys from the fixture and checks
 * once that run() produces the expected result (shared secret, signature
 * that verifies); run() performs one operation and returns 0 when its
 * result is right, so a broken backend shows as FAILED, not as fast. */
struct bench_pk {
	const char *op; /* "x25519", "p256-ecdsa-verify", ... (see pk.c) */
	void *(*setup)(const struct bench_fixture *fx, const char **why);
	int (*run)(void *st);
	void (*cleanup)(void *st);
};

struct bench_lib {
	const char *library; /* JSON name: mote, bearssl, bearssl-fast, ... */
	const char *label;   /* what the implementation is, for the tables */
	const struct bench_aead *aead;
	size_t aead_count;
	const struct bench_hash *hash;
	size_t hash_count;
	const struct bench_ctx_size *ctx;
	size_t ctx_count;
	const struct bench_pk *pk;
	size_t pk_count;
};

#define BENCH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

extern const struct bench_lib bench_lib_mote;
extern const struct bench_lib bench_lib_bearssl;
extern const struct bench_lib bench_lib_bearssl_fast;
extern const struct bench_lib bench_lib_mbedtls;
extern const struct bench_lib bench_lib_wolfssl;
extern const struct bench_lib bench_lib_openssl;

/* All libraries in table order; the first is Mote, the second the
 * reference the ratio column divides by (BearSSL, constant-time code). */
extern const struct bench_lib *const bench_libs[];
extern const size_t bench_lib_count;

/* One function to time; rate is the result in calls per second, or -1
 * if a call failed (or fn is NULL: nothing to time). */
struct bench_timed {
	int (*fn)(void *arg);
	void *arg;
	double rate;
};

/* Times n functions side by side: after one warm-up call each, every
 * round runs each function in turn for at least min_seconds, and the best
 * round of each is kept. Interleaving means a change in machine load
 * during the row hits every library alike, which keeps the ratios honest
 * on a shared machine. */
void bench_rate_row(struct bench_timed *t, size_t n, double min_seconds, int rounds);

/* Callgrind's --toggle-collect target: runs fn(arg) once. Not inlined,
 * and only called from other files, so it keeps its name in the binary. */
int bench_measured(int (*fn)(void *), void *arg);

/* Runs argv (the benchmark itself in a --one mode that calls
 * bench_measured() once) under valgrind --tool=callgrind
 * --toggle-collect=bench_measured, and returns the instructions (Ir)
 * executed inside bench_measured(), or -1 if the run failed. */
double bench_callgrind(const char *const *argv);

/* The path of the running program (for bench_callgrind). */
const char *bench_self(void);

/* Appends one result to the JSON-lines file given with --json (if any).
 * value < 0 writes null with the note. */
void bench_json_open(const char *path);
void bench_json(const char *metric, const char *unit, const char *library, double value,
                const char *note);
void bench_json_close(void);

/* One table cell: value < 0 means not available, with note saying why. */
struct bench_cell {
	double value;
	const char *note;
};

/* Prints a table: one row per metric, one column per library in
 * bench_libs order, a ratio column Mote/BearSSL, then the reasons for
 * every n/a. cells holds rows x bench_lib_count entries, row-major.
 * Every cell also goes to the JSON file with the given unit. */
void bench_table(const char *title, const char *unit, const char *const *metrics, size_t rows,
                 const struct bench_cell *cells, int decimals);

/* Constant-time-enough tag comparison for bench backends (0 if equal). */
int bench_memcmp(const uint8_t *a, const uint8_t *b, size_t len);

/* Fatal error in bench setup: prints and exits with status 2. */
__attribute__((noreturn, format(printf, 1, 2))) void bench_die(const char *fmt, ...);

#endif
