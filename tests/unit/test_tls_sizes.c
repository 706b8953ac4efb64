/*
 * The sizes of the TLS client's structures, pinned (they are the memory
 * budget docs/MEMORY.md states). The 32-bit figures are those of
 * arm-none-eabi-gcc (Cortex-M4); the test file compiles there too:
 *   arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Iinclude -Isrc -Itests/lib \
 *       -c tests/unit/test_tls_sizes.c -o /dev/null
 * A change of a size must come with a change of the docs.
 */
#include <stdint.h>
#include <stdio.h>

#include "mote/tls.h"
#include "test.h"

#if UINTPTR_MAX > 0xFFFFFFFFu
#define SZ(b64, b32) (b64)
#else
#define SZ(b64, b32) (b32)
#endif

/* Connected state: record protection both ways + the secrets union. */
_Static_assert(sizeof(mote_tls_dir) == 288, "mote_tls_dir");
_Static_assert(sizeof(mote_tls_post) == 256, "mote_tls_post");
_Static_assert(sizeof(mote_conn) == SZ(952, 928), "mote_conn");
/* Lent during the handshake only. */
_Static_assert(sizeof(mote_handshake) == SZ(2648, 2616), "mote_handshake");
/* Shared. */
_Static_assert(sizeof(mote_ctx) == SZ(264, 172), "mote_ctx");
/* 608 before TLS 1.2 (+ 32: the TLS 1.2 session ID). */
_Static_assert(sizeof(mote_large_pool) == SZ(120, 64), "mote_large_pool");
_Static_assert(MOTE_LARGE_RECORD_BUFFER_SIZE == 16645, "pool buffer");
_Static_assert(sizeof(mote_session) == 640, "mote_session");
/* The TLS 1.2 handshake state shares the connection's secrets union
 * without growing it. */
_Static_assert(sizeof(mote_tls12_state) <= sizeof(mote_tls_post), "TLS 1.2 state in the union");
_Static_assert(sizeof(mote_config) == SZ(112, 64), "mote_config");
/* Buffers for 512-byte records: 542 bytes each (534 for TLS 1.3 alone;
 * a TLS 1.2 AES-GCM record carries an 8-byte explicit nonce and no inner
 * content type, and record_size_limit counts one byte more: 8 more). */
_Static_assert(MOTE_RECV_BUFFER_SIZE(512) == 542, "receive buffer");
_Static_assert(MOTE_SEND_BUFFER_SIZE(512) == 542, "send buffer");
_Static_assert(MOTE_RECV_BUFFER_SIZE(16384) == 5 + 16384 + 256, "full receive buffer");
/* With 512-byte records a connected session fits in 2 KB. */
_Static_assert(sizeof(mote_conn) + MOTE_RECV_BUFFER_SIZE(512) + MOTE_SEND_BUFFER_SIZE(512) <=
                       2048,
               "2 KB per connection at 512-byte records");

int main(void)
{
	mote_conn c = {0};
	mote_ctx ctx = {0};
	mote_config cfg = {0};
	mote_memory_report r;
	uint8_t rb[MOTE_RECV_BUFFER_SIZE(512)], sb[MOTE_SEND_BUFFER_SIZE(512)];

	/* The report adds the same figures up. */
	ctx.config = &cfg;
	c.ctx = &ctx;
	c.rbuf = rb;
	c.sbuf = sb;
	c.rcap = sizeof rb;
	c.scap = sizeof sb;
	mote_conn_memory(&c, &r);
	CHECK_INT(r.conn_struct, sizeof(mote_conn));
	CHECK_INT(r.keys, 2 * sizeof(mote_tls_dir));
	CHECK_INT(r.handshake, 0);
	CHECK_INT(r.total, sizeof(mote_conn) + sizeof rb + sizeof sb);
	printf("test_tls_sizes: mote_conn %zu, mote_handshake %zu, mote_ctx %zu, mote_session %zu;"
	       " connected at 512-byte records: %zu bytes\n",
	       sizeof(mote_conn), sizeof(mote_handshake), sizeof(mote_ctx), sizeof(mote_session),
	       r.total);
	return test_finish("test_tls_sizes");
}
