/*
 * Pieces shared by the TLS client harnesses (fuzz_tls13_client.c,
 * fuzz_tls12_client.c): deterministic randomness and clock, the abort on a
 * broken invariant, and the application's moves between server flights.
 */
#ifndef MOTE_FUZZ_TLS_COMMON_H
#define MOTE_FUZZ_TLS_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/tls.h"

static void require(int ok)
{
	if (!ok)
		abort();
}

/* Same bytes every run, so a crash reproduces from its input alone. */
static int fixed_entropy(void *arg, uint8_t *out, size_t len)
{
	(void)arg;
	for (size_t i = 0; i < len; i++)
		out[i] = (uint8_t)(i * 31 + 7);
	return 0;
}

static uint64_t fixed_clock(void *arg)
{
	(void)arg;
	return 1767225600000ull;
}

/* Says whether the engine may point into [p, p + len) for received bytes. */
typedef int (*fuzz_span_ok)(const void *arg, const uint8_t *p, size_t len);

/* One application move on connection c, chosen by a: read everything,
 * write a little, KeyUpdate, close, or end of transport. Pointers the
 * engine hands out must stay inside the caller's buffers. */
static void fuzz_app_action(mote_conn *c, uint8_t a, fuzz_span_ok rd_ok, const void *arg,
                            const uint8_t *sbuf, size_t sbuf_len)
{
	static const uint8_t msg[300] = {1, 2, 3};
	const uint8_t *rd;
	uint8_t *w;
	size_t len;

	switch (a % 5) {
	case 0:
		while ((rd = mote_conn_read_buf(c, &len)) != NULL) {
			require(rd_ok(arg, rd, len));
			mote_conn_read_ack(c, len);
		}
		break;
	case 1:
		w = mote_conn_write_buf(c, &len);
		if (w) {
			require(w >= sbuf && w + len <= sbuf + sbuf_len);
			len = len < sizeof msg ? len : sizeof msg;
			memcpy(w, msg, len);
			mote_conn_write_ack(c, len);
			mote_conn_flush(c);
		}
		break;
	case 2:
		mote_conn_key_update(c, 1);
		break;
	case 3:
		mote_conn_close(c);
		break;
	default:
		mote_conn_recv_eof(c);
		break;
	}
}

#endif
