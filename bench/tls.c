/*
 * bench_tls: what a validated TLS client connection costs, Mote beside
 * BearSSL (TLS 1.2: it has no 1.3), Mbed TLS 2.28 (TLS 1.2) and wolfSSL
 * 5.5 (TLS 1.3), each against the same local `openssl s_server` with the
 * same P-256 chain (bench/tls.sh starts it).
 *
 *   bench_tls --lib NAME --port P --ca ROOT.pem [--json FILE] [--cost]
 *
 * Memory (default mode), per library, in one process, after a first
 * connection whose lasting allocations count as shared state:
 *   held      a connection once connected: heap it keeps + the caller's
 *             structures and buffers it uses;
 *   peak      the highest total during a full handshake, everything
 *             included: shared state (contexts, anchors, RNG; heap and
 *             caller memory), the connection, and the stack, measured by
 *             running the connection on a painted stack;
 *   two       the highest total while a second validated connection is
 *             set up beside the first (both full handshakes);
 *   resumed   the peak of a resumed handshake.
 * Heap: malloc/calloc/realloc/free and the aligned variants are
 * interposed and counted with malloc_usable_size (glibc's own figure for
 * the block, the same measure for every library).
 * --cost: one full and one resumed handshake inside bench_tls_full() and
 * bench_tls_resumed(), for callgrind --toggle-collect (bench/tls.sh).
 */
#define _GNU_SOURCE

#include <malloc.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <ucontext.h>
#include <unistd.h>

#include "bench.h"
#include "tls.h"

/* ---- Heap accounting ----------------------------------------------------- */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

static size_t heap_live, heap_peak;

static void *counted(void *p)
{
	if (p) {
		heap_live += malloc_usable_size(p);
		if (heap_live > heap_peak)
			heap_peak = heap_live;
	}
	return p;
}

void *malloc(size_t n)
{
	return counted(__libc_malloc(n));
}

void *calloc(size_t a, size_t b)
{
	return counted(__libc_calloc(a, b));
}

void free(void *p)
{
	if (p)
		heap_live -= malloc_usable_size(p);
	__libc_free(p);
}

void *realloc(void *p, size_t n)
{
	if (p)
		heap_live -= malloc_usable_size(p);
	return counted(__libc_realloc(p, n));
}

void *memalign(size_t a, size_t n)
{
	return counted(__libc_memalign(a, n));
}

void *aligned_alloc(size_t a, size_t n)
{
	return counted(__libc_memalign(a, n));
}

int posix_memalign(void **out, size_t a, size_t n)
{
	void *p = counted(__libc_memalign(a, n));

	if (!p)
		return 12; /* ENOMEM */
	*out = p;
	return 0;
}

/* ---- The painted stack ----------------------------------------------------- */

#define STACK_SIZE (256 * 1024)
#define PAINT 0x5A

static uint8_t *stack_mem;
static ucontext_t main_uc, run_uc;
static void (*run_fn)(void);

static void trampoline(void)
{
	run_fn();
}

/* Runs fn on the painted stack; returns the bytes of stack it used. */
static size_t on_painted_stack(void (*fn)(void))
{
	size_t i = 0;

	memset(stack_mem, PAINT, STACK_SIZE);
	run_fn = fn;
	getcontext(&run_uc);
	run_uc.uc_stack.ss_sp = stack_mem;
	run_uc.uc_stack.ss_size = STACK_SIZE;
	run_uc.uc_link = &main_uc;
	makecontext(&run_uc, trampoline, 0);
	swapcontext(&main_uc, &run_uc);
	while (i < STACK_SIZE && stack_mem[i] == PAINT)
		i++;
	return STACK_SIZE - i;
}

/* ---- Socket I/O ----------------------------------------------------------- */

int tls_io_send(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t done = 0;

	while (done < len) {
		ssize_t n = send(fd, p + done, len - done, MSG_NOSIGNAL);
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return (int)len;
}

int tls_io_recv(int fd, void *buf, size_t len)
{
	ssize_t n = recv(fd, buf, len, 0);

	return n < 0 ? -1 : (int)n;
}

static const char *opt_port = "4433", *opt_host = "localhost";

static int tcp_connect(void)
{
	struct addrinfo hints = {0}, *res;
	int fd;

	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo("127.0.0.1", opt_port, &hints, &res))
		return -1;
	fd = socket(res->ai_family, res->ai_socktype, 0);
	if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen)) {
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* ---- One connection on the painted stack ------------------------------- */

static const struct tls_backend *lib;
static void *cur_conn;
static int cur_fd, cur_resume;

static void connect_job(void)
{
	cur_conn = lib->connect(cur_fd, opt_host, cur_resume);
}

struct conn_run {
	void *conn;
	int fd;
	size_t stack;       /* peak stack of the handshake */
	size_t heap_before; /* live heap before it */
	size_t heap_peak;   /* peak live heap during it (absolute) */
};

static int run_connection(struct conn_run *r, int resume)
{
	int rc;

	r->fd = tcp_connect();
	if (r->fd < 0) {
		fprintf(stderr, "bench_tls: cannot connect to 127.0.0.1:%s\n", opt_port);
		return -1;
	}
	cur_fd = r->fd;
	cur_resume = resume;
	r->heap_before = heap_live;
	heap_peak = heap_live;
	r->stack = on_painted_stack(connect_job);
	r->heap_peak = heap_peak;
	r->conn = cur_conn;
	if (!r->conn) {
		close(r->fd);
		return -1;
	}
	rc = lib->exchange(r->conn);
	/* s_server serves one connection at a time: the socket is closed at
	 * once, the client's state is kept (that is what is measured). */
	close(r->fd);
	return rc;
}

static void end_connection(struct conn_run *r)
{
	lib->release(r->conn);
}

/* ---- Cost mode (callgrind) ------------------------------------------------ */

void bench_tls_full(void);
void bench_tls_resumed(void);

__attribute__((noinline)) void bench_tls_full(void)
{
	connect_job();
}

__attribute__((noinline)) void bench_tls_resumed(void)
{
	connect_job();
}

static int cost_mode(void)
{
	int fd;

	for (int resume = 0; resume < 2; resume++) {
		cur_fd = fd = tcp_connect();
		cur_resume = resume;
		if (fd < 0)
			return 1;
		if (resume)
			bench_tls_resumed();
		else
			bench_tls_full();
		if (!cur_conn || lib->exchange(cur_conn))
			return 1;
		if (!resume)
			lib->keep_session(cur_conn);
		lib->release(cur_conn);
		close(fd);
	}
	return 0;
}

/* ---- Memory mode ------------------------------------------------------------ */

static void report(const char *metric, size_t v, const char *note)
{
	printf("  %-30s %7zu\n", metric, v);
	bench_json(metric, "bytes", lib->library, (double)v, note);
}

static int memory_mode(size_t heap_start)
{
	struct conn_run w, a, b, c;
	size_t shared_heap, shared, held, peak, two, resumed;

	/* A first connection, released: whatever the library sets up lazily
	 * on first use (session caches, tables) counts as shared state. */
	if (run_connection(&w, 0))
		return 1;
	end_connection(&w);
	shared_heap = heap_live - heap_start;
	shared = lib->shared_bytes() + shared_heap;
	if (run_connection(&a, 0))
		return 1;
	held = (heap_live - a.heap_before) + lib->conn_bytes(a.conn, 0);
	peak = shared + (a.heap_peak - a.heap_before) + lib->conn_bytes(a.conn, 1) + a.stack;
	lib->keep_session(a.conn);
	/* A second validated connection beside the first. */
	if (run_connection(&b, 0))
		return 1;
	two = shared + held + (b.heap_peak - b.heap_before) + lib->conn_bytes(b.conn, 1) + b.stack;
	end_connection(&b);
	end_connection(&a);
	if (run_connection(&c, 1))
		return 1;
	resumed = shared + (c.heap_peak - c.heap_before) + lib->conn_bytes(c.conn, 1) + c.stack;
	end_connection(&c);

	printf("%s (%s), 512-byte records where negotiable, P-256 chain validated:\n", lib->library,
	       lib->protocol);
	report("tls-held-per-connection", held, NULL);
	report("tls-peak-full-handshake", peak, NULL);
	report("tls-peak-resumed-handshake", resumed, NULL);
	report("tls-two-validated-connections", two, NULL);
	printf("  (shared state %zu, of which heap %zu; stack of a full handshake %zu)\n", shared,
	       shared_heap, a.stack);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct tls_backend *const libs[] = {&tls_mote, &tls_bearssl, &tls_mbedtls,
	                                                 &tls_mbedtls_16k, &tls_wolfssl};
	const char *ca = NULL, *json = NULL, *name = NULL, *note = NULL;
	int cost = 0, rc;
	size_t heap_start;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cost"))
			cost = 1;
		else if (i + 1 < argc && !strcmp(argv[i], "--lib"))
			name = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--port"))
			opt_port = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--ca"))
			ca = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--json"))
			json = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--host"))
			opt_host = argv[++i];
	}
	for (size_t i = 0; name && i < sizeof libs / sizeof libs[0]; i++)
		if (!strcmp(libs[i]->library, name))
			lib = libs[i];
	if (!lib || !ca) {
		fprintf(stderr, "usage: bench_tls --lib mote|bearssl|mbedtls|mbedtls-16k|wolfssl --port P "
		                "--ca ROOT.pem [--json FILE] [--cost]\n");
		return 2;
	}
	stack_mem = __libc_malloc(STACK_SIZE);
	heap_start = heap_live;
	if (lib->setup(ca, &note)) {
		fprintf(stderr, "bench_tls: %s: set-up failed\n", lib->library);
		return 1;
	}
	if (json)
		bench_json_open(json);
	rc = cost ? cost_mode() : memory_mode(heap_start);
	if (json)
		bench_json_close();
	if (rc)
		fprintf(stderr, "bench_tls: %s: a connection failed\n", lib->library);
	return rc;
}
