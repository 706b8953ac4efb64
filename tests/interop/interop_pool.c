/*
 * The large-record pool against OpenSSL's server (libssl in process, over
 * memory BIOs). The server accepts no record limit (the client offers
 * none, as with Go or OpenSSL servers that ignore them) and sends 16 KB
 * records; each client connection has a 1 KB receive buffer and all share
 * one context with one pool buffer.
 *   - engine level: a connection that finds the buffer lent reports
 *     MOTE_CONN_POOL_WAIT (no RECV), takes no bytes, and resumes without
 *     loss once the holder has read enough;
 *   - N = 2, 3, 4 connections download 1 MB each, read in interleaved
 *     slices, content checked byte for byte; borrows and waits counted;
 *   - the memory report and the pool statistics.
 * The server's bytes sit in its memory BIO (the "network") until the
 * client asks for them, as TCP flow control would hold them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "mote/tls.h"
#include "mote/tls_blocking.h"
#include "peer.h"
#include "test.h"

#define MAXN 4
#define RECV_SIZE MOTE_RECV_BUFFER_SIZE(1024)
#define SEND_SIZE MOTE_SEND_BUFFER_SIZE(512)

static struct pki pki_ec;
static mote_trust_anchor anchor;
static uint8_t anchor_arena[600];
static const struct pki *srv_pki;
static int srv_tls12; /* the server speaks TLS 1.2 only */
static const char *srv_kind = "ec256";
static mote_config cfg;

struct side {
	struct peer p;
	mote_conn c;
	mote_handshake hs;
	uint8_t rbuf[RECV_SIZE], sbuf[SEND_SIZE];
	uint8_t *want; /* what the server sends */
	size_t total, sent, got;
	uint8_t net[4096]; /* read from the server's BIO, not yet taken */
	size_t net_len, net_off;
};

static void pattern(uint8_t *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		b[i] = (uint8_t)(seed >> 16);
	}
}

static int side_start(struct side *s, mote_ctx *ctx, size_t total, uint32_t seed)
{
	struct server_opts so = {0};

	memset(s, 0, sizeof *s);
	so.max_send_fragment = 16384;
	so.tls12 = srv_tls12;
	if (peer_ctx_new(&s->p, srv_pki, &so))
		return -1;
	s->total = total;
	s->want = malloc(total ? total : 1);
	pattern(s->want, total, seed);
	return mote_conn_init(&s->c, ctx, "localhost", s->rbuf, sizeof s->rbuf, s->sbuf,
	                      sizeof s->sbuf, &s->hs);
}

static void side_free(struct side *s)
{
	mote_conn_clear(&s->c);
	peer_free(&s->p);
	free(s->want);
}

/* Server side: handshake, then the download, at most `burst` bytes per
 * call and while the network holds less than 64 KB. */
static void server_step(struct side *s, size_t burst)
{
	SSL *ssl = s->p.ssl;
	uint8_t junk[256];
	size_t end = s->sent + burst < s->total ? s->sent + burst : s->total;

	if (!SSL_is_init_finished(ssl)) {
		SSL_do_handshake(ssl);
		ERR_clear_error();
		return;
	}
	SSL_read(ssl, junk, sizeof junk); /* the client sends nothing after Finished */
	ERR_clear_error();
	while (s->sent < end && BIO_ctrl_pending(s->p.from_server) < 65536) {
		size_t n = end - s->sent < 16384 ? end - s->sent : 16384;
		int r = SSL_write(ssl, s->want + s->sent, (int)n);
		if (r <= 0)
			break;
		s->sent += (size_t)r;
	}
	ERR_clear_error();
}

/* Client <-> network. Returns 1 if bytes moved, 0 if not, -1 on error. */
static int client_io(struct side *s)
{
	const uint8_t *out;
	uint8_t *dst;
	size_t len, room;
	int moved = 0, n;

	while ((out = mote_conn_send_buf(&s->c, &len)) != NULL) {
		BIO_write(s->p.to_server, out, (int)len);
		mote_conn_send_ack(&s->c, len);
		moved = 1;
	}
	for (;;) {
		if (s->net_off == s->net_len) {
			n = BIO_read(s->p.from_server, s->net, sizeof s->net);
			if (n <= 0)
				break;
			s->net_len = (size_t)n;
			s->net_off = 0;
		}
		dst = mote_conn_recv_buf(&s->c, &room);
		if (!dst)
			break;
		len = s->net_len - s->net_off < room ? s->net_len - s->net_off : room;
		memcpy(dst, s->net + s->net_off, len);
		s->net_off += len;
		moved = 1;
		if (mote_conn_recv_ack(&s->c, len))
			return -1;
	}
	return moved;
}

/* The application reads up to max bytes; checks them. -1 on a mismatch. */
static int app_read(struct side *s, size_t max)
{
	const uint8_t *p;
	size_t len, done = 0;

	while (done < max && (p = mote_conn_read_buf(&s->c, &len)) != NULL) {
		if (len > max - done)
			len = max - done;
		if (s->got + len > s->total || memcmp(p, s->want + s->got, len) != 0)
			return -1;
		s->got += len;
		done += len;
		mote_conn_read_ack(&s->c, len);
	}
	return 0;
}

/* Round-robin handshakes of n sides (they compete for the pool too). */
static int handshake_all(struct side *s, size_t n)
{
	for (int round = 0; round < 1000; round++) {
		size_t ready = 0;
		for (size_t i = 0; i < n; i++) {
			if (client_io(&s[i]) < 0)
				return mote_conn_error(&s[i].c);
			server_step(&s[i], 0);
			if (client_io(&s[i]) < 0)
				return mote_conn_error(&s[i].c);
			ready += (mote_conn_state(&s[i].c) & MOTE_CONN_READY) &&
			         SSL_is_init_finished(s[i].p.ssl);
		}
		if (ready == n)
			return 0;
	}
	return MOTE_ERR_STATE;
}

static void ctx_with_pool(mote_ctx *ctx, void *pool, size_t len, uint64_t seed)
{
	static uint8_t scratch[MOTE_PK_SCRATCH_SIZE];

	test_mote_ctx(ctx, &cfg, seed);
	mote_ctx_set_pk_scratch(ctx, scratch, sizeof scratch);
	CHECK_INT(mote_ctx_set_large_pool(ctx, pool, len), 0);
}

/* Feeds the client until it stops taking bytes. */
static void feed(struct side *s)
{
	int r;

	do {
		server_step(s, 0);
		r = client_io(s);
	} while (r > 0);
	CHECK_INT(r, 0);
}

/* B finds the only buffer lent to A: would-block, nothing lost. */
static void test_would_block(void)
{
	static struct side s[2];
	uint8_t *pool = malloc(MOTE_LARGE_RECORD_BUFFER_SIZE);
	mote_ctx ctx;
	mote_pool_stats st;
	mote_memory_report mr;
	size_t len, net_b;
	unsigned sa, sb;

	ctx_with_pool(&ctx, pool, MOTE_LARGE_RECORD_BUFFER_SIZE, 11);
	CHECK_INT(side_start(&s[0], &ctx, 16384 * 2, 1), 0);
	CHECK_INT(side_start(&s[1], &ctx, 16384, 2), 0);
	CHECK_INT(handshake_all(s, 2), 0);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == NULL);

	/* A: one full record, opened in the pool buffer. */
	server_step(&s[0], 16384);
	feed(&s[0]);
	sa = mote_conn_state(&s[0].c);
	CHECK(sa & MOTE_CONN_POOL_HELD);
	CHECK(sa & MOTE_CONN_READ);
	CHECK(!(sa & MOTE_CONN_RECV));
	CHECK(mote_ctx_pool_holder(&ctx, 0) == &s[0].c);
	CHECK(mote_conn_read_buf(&s[0].c, &len) != NULL);
	CHECK_INT(len, 16384);
	mote_conn_memory(&s[0].c, &mr);
	CHECK_INT(mr.pool, MOTE_LARGE_RECORD_BUFFER_SIZE);
	CHECK_INT(mr.pool_held, MOTE_LARGE_RECORD_BUFFER_SIZE);
	CHECK_INT(mr.recv_buf, RECV_SIZE);

	/* B: its record's header only; then it waits, taking nothing. */
	mote_ctx_pool_stats(&ctx, &st);
	CHECK_INT(st.waits, 0);
	server_step(&s[1], 16384);
	feed(&s[1]);
	sb = mote_conn_state(&s[1].c);
	CHECK(sb & MOTE_CONN_POOL_WAIT);
	CHECK(!(sb & (MOTE_CONN_RECV | MOTE_CONN_READ | MOTE_CONN_POOL_HELD | MOTE_CONN_CLOSED)));
	CHECK(mote_conn_recv_buf(&s[1].c, &len) == NULL);
	CHECK_INT(len, 0);
	net_b = (s[1].net_len - s[1].net_off) + BIO_ctrl_pending(s[1].p.from_server);
	CHECK_INT(net_b, 16384 + 22 - 5); /* the rest of the record stays in the network */
	mote_ctx_pool_stats(&ctx, &st);
	CHECK_INT(st.waits, 1);
	CHECK_INT(st.in_use, 1);
	feed(&s[1]); /* asking again is not a new wait */
	mote_ctx_pool_stats(&ctx, &st);
	CHECK_INT(st.waits, 1);
	mote_conn_memory(&s[1].c, &mr);
	CHECK_INT(mr.pool_held, 0);

	/* A reads all but 600 bytes: the rest moves to its own buffer and
	 * the pool buffer is free; B may receive again. */
	CHECK_INT(app_read(&s[0], 16384 - 600), 0);
	sa = mote_conn_state(&s[0].c);
	CHECK(!(sa & MOTE_CONN_POOL_HELD));
	CHECK(sa & MOTE_CONN_READ);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == NULL);
	CHECK(mote_conn_read_buf(&s[0].c, &len) != NULL);
	CHECK_INT(len, 600);
	sb = mote_conn_state(&s[1].c);
	CHECK(sb & MOTE_CONN_RECV);
	CHECK(!(sb & MOTE_CONN_POOL_WAIT));

	/* B resumes: takes the buffer, its record is intact. */
	feed(&s[1]);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == &s[1].c);
	/* A's next record must wait now; its leftover stays readable. */
	server_step(&s[0], 16384);
	feed(&s[0]);
	CHECK(mote_conn_state(&s[0].c) & MOTE_CONN_READ);
	CHECK_INT(app_read(&s[0], 600), 0);
	feed(&s[0]);
	CHECK(mote_conn_state(&s[0].c) & MOTE_CONN_POOL_WAIT);
	CHECK_INT(app_read(&s[1], 16384), 0);
	CHECK_INT(s[1].got, 16384);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == NULL);
	feed(&s[0]);
	CHECK_INT(app_read(&s[0], 16384), 0);
	CHECK_INT(s[0].got, 2 * 16384);
	CHECK_INT(mote_conn_error(&s[0].c), 0);
	CHECK_INT(mote_conn_error(&s[1].c), 0);
	mote_ctx_pool_stats(&ctx, &st);
	CHECK_INT(st.waits, 2);
	CHECK_INT(st.peak, 1);
	CHECK_INT(st.in_use, 0);
	/* The handshake records (Certificate is above 1 KB here) and the
	 * three data records. */
	CHECK(st.borrows >= 3);
	printf("interop_pool: would-block: %u borrows, %u waits, resumed without loss\n",
	       (unsigned)st.borrows, (unsigned)st.waits);
	/* The pool cannot be replaced while lent; it can when free. */
	CHECK_INT(mote_ctx_set_large_pool(&ctx, pool, 100), MOTE_ERR_BAD_ARG);
	side_free(&s[0]);
	side_free(&s[1]);
	CHECK_INT(mote_ctx_set_large_pool(&ctx, NULL, 0), 0);
	mote_ctx_pool_stats(&ctx, &st);
	CHECK_INT(st.buffers, 0);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == NULL);
	/* Capped at MOTE_LARGE_POOL_MAX buffers; statistics start afresh. */
	{
		size_t big = (MOTE_LARGE_POOL_MAX + 1) * (size_t)MOTE_LARGE_RECORD_BUFFER_SIZE;
		uint8_t *mem = malloc(big);
		CHECK_INT(mote_ctx_set_large_pool(&ctx, mem, big), 0);
		mote_ctx_pool_stats(&ctx, &st);
		CHECK_INT(st.buffers, MOTE_LARGE_POOL_MAX);
		CHECK_INT(st.bytes, MOTE_LARGE_POOL_MAX * (size_t)MOTE_LARGE_RECORD_BUFFER_SIZE);
		CHECK_INT(st.borrows, 0);
		CHECK(mote_ctx_pool_holder(&ctx, MOTE_LARGE_POOL_MAX) == NULL);
		CHECK_INT(mote_ctx_set_large_pool(NULL, mem, big), MOTE_ERR_BAD_ARG);
		CHECK_INT(mote_ctx_set_large_pool(&ctx, NULL, 0), 0);
		free(mem);
	}
	free(pool);
}

/* mote_io over a side's network (the server's BIO). */
static int io_send(void *arg, const uint8_t *buf, size_t len)
{
	struct side *s = arg;
	BIO_write(s->p.to_server, buf, (int)len);
	return (int)len;
}

static int io_recv(void *arg, uint8_t *buf, size_t len)
{
	struct side *s = arg;
	size_t n;

	if (s->net_off == s->net_len) {
		int r;
		server_step(s, 0);
		r = BIO_read(s->p.from_server, s->net, sizeof s->net);
		if (r <= 0)
			return MOTE_ERR_IO; /* nothing more in this test */
		s->net_len = (size_t)r;
		s->net_off = 0;
	}
	n = s->net_len - s->net_off < len ? s->net_len - s->net_off : len;
	memcpy(buf, s->net + s->net_off, n);
	s->net_off += n;
	return (int)n;
}

/* The blocking API: a read that would wait for a buffer another
 * connection holds returns MOTE_ERR_WOULD_BLOCK (not sticky); a read of
 * 16 KB gives the buffer back at once. */
static void test_blocking(void)
{
	static struct side s[2];
	static uint8_t got[16384];
	uint8_t *pool = malloc(MOTE_LARGE_RECORD_BUFFER_SIZE);
	mote_io io0 = {io_send, io_recv, &s[0]}, io1 = {io_send, io_recv, &s[1]};
	mote_ctx ctx;
	int r;

	srv_tls12 = 0;
	srv_pki = &pki_ec;
	ctx_with_pool(&ctx, pool, MOTE_LARGE_RECORD_BUFFER_SIZE, 40);
	CHECK_INT(side_start(&s[0], &ctx, 16384, 5), 0);
	CHECK_INT(side_start(&s[1], &ctx, 16384, 6), 0);
	CHECK_INT(mote_blocking_handshake(&s[0].c, &io0), 0);
	CHECK_INT(mote_blocking_handshake(&s[1].c, &io1), 0);
	for (int i = 0; i < 2; i++) { /* the server takes Finished, then sends */
		server_step(&s[0], 16384);
		server_step(&s[1], 16384);
	}
	/* A reads 100 bytes: it keeps the buffer. */
	r = mote_blocking_read(&s[0].c, &io0, got, 100);
	CHECK_INT(r, 100);
	CHECK(memcmp(got, s[0].want, 100) == 0);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == &s[0].c);
	r = mote_blocking_read(&s[1].c, &io1, got, sizeof got);
	CHECK_INT(r, MOTE_ERR_WOULD_BLOCK);
	CHECK_INT(mote_conn_error(&s[1].c), 0);
	/* A reads the rest in one call: the buffer is back, B goes on. */
	r = mote_blocking_read(&s[0].c, &io0, got, sizeof got);
	CHECK_INT(r, 16384 - 100);
	CHECK(memcmp(got, s[0].want + 100, 16384 - 100) == 0);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == NULL);
	r = mote_blocking_read(&s[1].c, &io1, got, sizeof got);
	CHECK_INT(r, 16384);
	CHECK(memcmp(got, s[1].want, 16384) == 0);
	CHECK(mote_ctx_pool_holder(&ctx, 0) == NULL);
	printf("interop_pool: blocking read: MOTE_ERR_WOULD_BLOCK while another connection holds "
	       "the buffer, then both records intact\n");
	side_free(&s[0]);
	side_free(&s[1]);
	free(pool);
}

/* n connections, 1 MB each, the application reading `slice` bytes from
 * each in turn. */
static void test_concurrent(const struct pki *pki, size_t n, size_t bufs, size_t slice)
{
	static struct side s[MAXN];
	uint8_t *pool = malloc(bufs * MOTE_LARGE_RECORD_BUFFER_SIZE);
	const size_t total = 1 << 20;
	mote_memory_report mr;
	mote_ctx ctx;
	mote_pool_stats st;
	size_t done = 0, min_at_first = 0, hs_borrows;
	int rounds = 0, bad = 0;

	ctx_with_pool(&ctx, pool, bufs * MOTE_LARGE_RECORD_BUFFER_SIZE, 20 + n);
	srv_pki = pki;
	for (size_t i = 0; i < n; i++)
		CHECK_INT(side_start(&s[i], &ctx, total, (uint32_t)(100 + i)), 0);
	CHECK_INT(handshake_all(s, n), 0);
	/* TLS 1.2 handshake records are plaintext but for Finished: streamed
	 * through the own buffer, never pooled, whatever their size. TLS 1.3
	 * protects them: an RSA chain's Certificate needs the pool. */
	mote_ctx_pool_stats(&ctx, &st);
	if (srv_tls12)
		CHECK_INT(st.borrows, 0);
	else if (strcmp(srv_kind, "rsa2048") == 0)
		CHECK(st.borrows > 0);
	hs_borrows = st.borrows;
	for (size_t i = 0; i < n; i++) {
		mote_conn_info_t info;
		mote_conn_info(&s[i].c, &info);
		CHECK_INT(info.version, srv_tls12 ? 0x0303 : 0x0304);
		CHECK_INT(info.limit_ext, 0);
	}
	mote_conn_memory(&s[0].c, &mr);
	CHECK_INT(mr.handshake, 0);
	CHECK_INT(mr.pool, bufs * MOTE_LARGE_RECORD_BUFFER_SIZE);
	while (done < n && rounds++ < 100000) {
		done = 0;
		for (size_t i = 0; i < n; i++) {
			server_step(&s[i], 40000);
			if (client_io(&s[i]) < 0 || app_read(&s[i], slice) < 0) {
				bad = 1;
				break;
			}
			done += s[i].got == total;
		}
		if (done && !min_at_first) {
			/* Interleaved: when the first finishes, the others are near. */
			min_at_first = total;
			for (size_t i = 0; i < n; i++)
				min_at_first = s[i].got < min_at_first ? s[i].got : min_at_first;
		}
		if (bad)
			break;
	}
	CHECK_INT(bad, 0);
	mote_ctx_pool_stats(&ctx, &st);
	for (size_t i = 0; i < n; i++) {
		CHECK_INT(s[i].got, total);
		CHECK_INT(mote_conn_error(&s[i].c), 0);
		side_free(&s[i]);
	}
	CHECK_INT(st.in_use, 0);
	CHECK(st.borrows >= n * (total / 16384));

	CHECK(min_at_first >= total * 3 / 4);
	if (slice < 16384) {
		/* Slices leave records half read: the buffers stay lent. */
		CHECK_INT(st.peak, bufs < n ? bufs : n);
		if (bufs < n)
			CHECK(st.waits > 0);
	} else {
		/* Each record read at once: the buffer comes back in the same
		 * turn, nobody waits. */
		CHECK_INT(st.peak, 1);
		CHECK_INT(st.waits, 0);
	}
	printf("interop_pool: %s, %zu connections x 1 MB, %zu pool buffer(s), %zu-byte reads: "
	       "%u borrows (%zu in handshakes), %u waits, %d rounds, the last at %zu KB when the "
	       "first ended\n",
	       srv_tls12 ? "TLS 1.2" : "TLS 1.3", n, bufs, slice, (unsigned)st.borrows, hs_borrows,
	       (unsigned)st.waits, rounds,
	       min_at_first >> 10);
	free(pool);
}

int main(void)
{
	CHECK_INT(pki_make(&pki_ec, "ec256", "localhost", 0, -1, 30), 0);
	srv_pki = &pki_ec;
	CHECK_INT(pki_anchor(&pki_ec, &anchor, anchor_arena, sizeof anchor_arena), 0);
	cfg.verify.anchors = &anchor;
	cfg.verify.n_anchors = 1;
	/* Offer no limit: OpenSSL would accept max_fragment_length. */
	cfg.flags = MOTE_CONFIG_NO_MAX_FRAGMENT | MOTE_CONFIG_NO_RECORD_SIZE_LIMIT;
	test_would_block();
	test_blocking();
	test_concurrent(&pki_ec, 2, 1, 5000);
	test_concurrent(&pki_ec, 3, 1, 7000);
	test_concurrent(&pki_ec, 4, 1, 3000);
	test_concurrent(&pki_ec, 4, 2, 3000);
	test_concurrent(&pki_ec, 4, 1, 16384);
	pki_free(&pki_ec);
	/* RSA-2048 chain: the Certificate record is above 1 KB, so the
	 * handshakes borrow (and wait) too. */
	CHECK_INT(pki_make(&pki_ec, "rsa2048", "localhost", 0, -1, 30), 0);
	srv_kind = "rsa2048";
	CHECK_INT(pki_anchor(&pki_ec, &anchor, anchor_arena, sizeof anchor_arena), 0);
	test_concurrent(&pki_ec, 3, 1, 5000);
	/* TLS 1.2: the plaintext Certificate (RSA chain, above 1 KB) streams
	 * through the 1 KB buffer. */
	srv_tls12 = 1;
	test_concurrent(&pki_ec, 2, 1, 5000);
	test_concurrent(&pki_ec, 3, 1, 7000);
	test_concurrent(&pki_ec, 4, 1, 3000);
	pki_free(&pki_ec);
	return test_finish("interop_pool");
}
