/*
 * What a connection costs, measured: every call into Mote runs on a
 * separate, painted stack (ucontext), so the peak stack of the client is
 * measured exactly, apart from OpenSSL's (the server runs in process, on
 * the main stack). For a full handshake with a P-256 chain validated up
 * to its root and for a resumed one, both with 512-byte records, it
 * prints the bytes held once connected, the peak during the handshake
 * (structures + buffers + workspace + stack) and two concurrent
 * connections with the shared context; and it checks the workspace is
 * released and the figures stay within the budgets docs/MEMORY.md
 * states for this build.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "mote/tls.h"
#include "peer.h"
#include "test.h"

#define STACK_SIZE (64 * 1024)
#define PAINT 0xA5

static uint8_t *stack_mem;
static ucontext_t main_ctx, call_ctx;
static void (*call_fn)(void *);
static void *call_arg;

static void trampoline(void)
{
	call_fn(call_arg);
}

/* Runs fn(arg) on the painted stack. */
static void on_stack(void (*fn)(void *), void *arg)
{
	call_fn = fn;
	call_arg = arg;
	getcontext(&call_ctx);
	call_ctx.uc_stack.ss_sp = stack_mem;
	call_ctx.uc_stack.ss_size = STACK_SIZE;
	call_ctx.uc_link = &main_ctx;
	makecontext(&call_ctx, trampoline, 0);
	swapcontext(&main_ctx, &call_ctx);
}

/* Distinct entry points per handshake kind, so that callgrind can count
 * the client's instructions per handshake (bench/tls_cost.sh:
 * --toggle-collect=cost_full / cost_resumed). */
void cost_full(void (*fn)(void *), void *arg);
void cost_resumed(void (*fn)(void *), void *arg);

__attribute__((noinline)) void cost_full(void (*fn)(void *), void *arg)
{
	on_stack(fn, arg);
}

__attribute__((noinline)) void cost_resumed(void (*fn)(void *), void *arg)
{
	on_stack(fn, arg);
}

/* The same for TLS 1.2 (a TLS 1.2-only server). */
void cost_full12(void (*fn)(void *), void *arg);
void cost_resumed12(void (*fn)(void *), void *arg);

__attribute__((noinline)) void cost_full12(void (*fn)(void *), void *arg)
{
	on_stack(fn, arg);
}

__attribute__((noinline)) void cost_resumed12(void (*fn)(void *), void *arg)
{
	on_stack(fn, arg);
}

static void (*cost_first)(void (*)(void *), void *) = cost_full;
static void (*cost_again)(void (*)(void *), void *) = cost_resumed;

static size_t stack_used(void)
{
	size_t i = 0;

	while (i < STACK_SIZE && stack_mem[i] == PAINT)
		i++;
	return STACK_SIZE - i;
}

static void paint(void)
{
	memset(stack_mem, PAINT, STACK_SIZE);
}

/* ---- The client, driven through the painted stack ---------------------- */

struct cl {
	mote_ctx ctx;
	mote_conn conn;
	mote_handshake *hs;
	uint8_t rbuf[MOTE_RECV_BUFFER_SIZE(512)];
	uint8_t sbuf[MOTE_SEND_BUFFER_SIZE(512)];
	int rc;
};

static void do_init(void *a)
{
	struct cl *c = a;

	c->rc = mote_conn_init(&c->conn, &c->ctx, "localhost", c->rbuf, sizeof c->rbuf, c->sbuf,
	                       sizeof c->sbuf, c->hs);
}


static mote_session sessions[2];
static mote_trust_anchor anchor;
static uint8_t anchor_arena[600];

static size_t handshake(struct peer *p, struct cl *c, const mote_config *cfg, int first)
{
	size_t peak;
	if (first) {
		test_mote_ctx(&c->ctx, cfg, 77);
		mote_ctx_set_sessions(&c->ctx, sessions, 2);
	}
	void (*run)(void (*)(void *), void *) = first ? cost_first : cost_again;

	c->hs = malloc(sizeof *c->hs);
	paint();
	run(do_init, c);
	CHECK_INT(c->rc, 0);
	/* The pump runs OpenSSL on the main stack and each client call on
	 * the painted one. */
	peer_run_client = run;
	c->rc = peer_pump(p, &c->conn);
	peer_run_client = NULL;
	peak = stack_used();
	CHECK_INT(c->rc, 0);
	CHECK(mote_conn_state(&c->conn) & MOTE_CONN_READY);
	CHECK(c->conn.hs == NULL); /* the workspace is released */
	free(c->hs);
	return peak;
}

static void measure(struct pki *pki, const mote_config *cfg, int tls12)
{
	struct server_opts so = {.tickets = 2, .tls12 = tls12};
	struct peer p;
	static struct cl c1, c2;
	mote_memory_report m;
	mote_conn_info_t info;
	size_t full_stack, resumed_stack, held, peak_full, peak_resumed, two;

	cost_first = tls12 ? cost_full12 : cost_full;
	cost_again = tls12 ? cost_resumed12 : cost_resumed;
	CHECK_INT(peer_ctx_new(&p, pki, &so), 0);
	full_stack = handshake(&p, &c1, cfg, 1);
	CHECK_INT(peer_exchange(&p, &c1.conn, 100), 0);
	mote_conn_memory(&c1.conn, &m);
	held = m.total;
	peak_full = m.conn_struct + m.recv_buf + m.send_buf + sizeof(mote_handshake) + full_stack;
	CHECK_INT(peer_conn_new(&p), 0);
	c2.ctx = c1.ctx;
	resumed_stack = handshake(&p, &c2, cfg, 0);
	mote_conn_info(&c2.conn, &info);
	CHECK_INT(info.resumed, 1);
	CHECK_INT(info.version, tls12 ? 0x0303 : 0x0304);
	peak_resumed = m.conn_struct + m.recv_buf + m.send_buf + sizeof(mote_handshake) +
	               resumed_stack;
	/* Two validated connections at once: two connections, two
	 * workspaces (both handshaking), the shared context without tickets,
	 * and the stack of one handshake (calls do not nest). */
	two = 2 * (m.conn_struct + m.recv_buf + m.send_buf + sizeof(mote_handshake)) +
	      sizeof(mote_ctx) + full_stack;
	printf("interop_memory: TLS 1.%d, 512-byte records, P-256 chain validated, x86-64 build\n",
	       tls12 ? 2 : 3);
	printf("  held once connected     %5zu  (mote_conn %zu + buffers %zu + %zu)\n", held,
	       m.conn_struct, m.recv_buf, m.send_buf);
	printf("  handshake workspace     %5zu  (lent, released when connected)\n",
	       sizeof(mote_handshake));
	printf("  peak stack, full        %5zu\n", full_stack);
	printf("  peak stack, resumed     %5zu\n", resumed_stack);
	printf("  peak total, full        %5zu\n", peak_full);
	printf("  peak total, resumed     %5zu\n", peak_resumed);
	printf("  two concurrent validated connections, context included: %zu\n", two);
	CHECK(held <= 2048);
	mote_conn_clear(&c1.conn);
	mote_conn_clear(&c2.conn);
	peer_free(&p);
}

int main(void)
{
	struct pki pki;
	mote_config cfg = {0};

	stack_mem = malloc(STACK_SIZE);
	CHECK_INT(pki_make(&pki, "ec256", "localhost", 0, -1, 30), 0);
	CHECK_INT(pki_anchor(&pki, &anchor, anchor_arena, sizeof anchor_arena), 0);
	cfg.verify.anchors = &anchor;
	cfg.verify.n_anchors = 1;
	measure(&pki, &cfg, 0);
	measure(&pki, &cfg, 1);
	pki_free(&pki);
	free(stack_mem);
	return test_finish("interop_memory");
}
