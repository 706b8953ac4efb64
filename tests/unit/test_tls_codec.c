/*
 * The handshake reader and the windowed writer (src/tls/codec.c), and the
 * invariants of the client handshake table (src/tls/hs_client.c).
 *
 * Reader: exact consumption, sticky errors, vector bounds.
 * Writer: a message produced in windows of every size, concatenated,
 * equals the message produced whole; hashing during replay equals hashing
 * the whole; nested vector lengths are right (checked by reading back).
 * Table: each (state, message) appears once; every handshake state accepts
 * something; Certificate is streamed, the rest whole; nothing is accepted
 * in CLOSED.
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "tls/codec.h"
#include "tls/tls_int.h"

size_t tls_hs_rules_count(void);
int tls_hs_rule_at(size_t i, uint8_t *state, uint8_t *type);

static void test_reader(void)
{
	static const uint8_t msg[] = {0x01, 0x00, 0x03, 0xAA, 0xBB, 0xCC, 0x00, 0x00, 0x05};
	tls_rd r, v;

	tls_rd_init(&r, msg, sizeof msg);
	CHECK_INT(tls_rd_u8(&r), 1);
	tls_rd_vec(&r, &v, 2, 1, 3);
	CHECK_INT(v.n, 3);
	CHECK_INT(tls_rd_u8(&v), 0xAA);
	CHECK_INT(tls_rd_end(&v), MOTE_ERR_DECODE); /* two bytes left */
	CHECK_INT(tls_rd_u16(&v), 0xBBCC);
	CHECK_INT(tls_rd_end(&v), 0);
	CHECK_INT(tls_rd_u24(&r), 5);
	CHECK_INT(tls_rd_end(&r), 0);
	/* Past the end: error, zeros, sticky. */
	CHECK_INT(tls_rd_u8(&r), 0);
	CHECK_INT(r.err, MOTE_ERR_DECODE);
	CHECK_INT(tls_rd_end(&r), MOTE_ERR_DECODE);
	/* Vector bounds. */
	tls_rd_init(&r, msg + 1, sizeof msg - 1);
	tls_rd_vec(&r, &v, 2, 4, 10); /* length 3 < 4 */
	CHECK_INT(r.err, MOTE_ERR_DECODE);
	CHECK_INT(v.err, MOTE_ERR_DECODE);
	tls_rd_init(&r, msg + 1, 3);
	tls_rd_vec(&r, &v, 2, 0, 10); /* runs past the end */
	CHECK_INT(r.err, MOTE_ERR_DECODE);
	CHECK(tls_rd_bytes(&r, 0) == NULL);
}

/* A message with nested vectors of random sizes. */
static void build(tls_wr *w, uint32_t seed)
{
	uint8_t blob[300];

	test_rand_seed(seed);
	tls_wr_u8(w, 7);
	tls_wr_open(w, 3);
	for (int i = 0; i < 5; i++) {
		size_t n = test_rand32() % 300;
		test_rand_bytes(blob, n);
		tls_wr_u16(w, (uint32_t)i);
		tls_wr_open(w, 2);
		tls_wr_open(w, 1);
		tls_wr_bytes(w, blob, n % 200);
		tls_wr_close(w);
		tls_wr_u32(w, 0x01020304);
		tls_wr_close(w);
	}
	tls_wr_close(w);
}

static void test_writer(void)
{
	static uint8_t whole[4000], pieces[4000];
	uint8_t h1[32], h2[32];
	mote_hash_ctx ha, hb;
	tls_wr w;
	size_t len;
	int windows = 0;

	for (uint32_t seed = 1; seed <= 20; seed++) {
		tls_wr_measure(&w);
		build(&w, seed);
		len = w.pos;
		CHECK(!w.overflow && len < sizeof whole);
		mote_hash_init(&ha, MOTE_HASH_SHA256);
		tls_wr_replay(&w, whole, 0, len, &ha, len);
		build(&w, seed);
		CHECK_INT(w.pos, len);
		mote_hash_final(&ha, h1);
		mote_hash(MOTE_HASH_SHA256, whole, len, h2);
		CHECK_MEM(h1, h2, 32);
		/* Read back: the lengths close exactly. */
		{
			tls_rd r, body, item, inner;
			tls_rd_init(&r, whole, len);
			CHECK_INT(tls_rd_u8(&r), 7);
			tls_rd_vec(&r, &body, 3, 0, 1u << 24);
			for (int i = 0; i < 5; i++) {
				CHECK_INT(tls_rd_u16(&body), i);
				tls_rd_vec(&body, &item, 2, 0, 0xFFFF);
				tls_rd_vec(&item, &inner, 1, 0, 255);
				CHECK_INT(tls_rd_u32(&item), 0x01020304);
				CHECK_INT(tls_rd_end(&item), 0);
			}
			CHECK_INT(tls_rd_end(&body), 0);
			CHECK_INT(tls_rd_end(&r), 0);
		}
		/* In windows of size k, with a truncated hash. */
		for (size_t k = 1; k < len; k += 1 + k / 3) {
			memset(pieces, 0xEE, sizeof pieces);
			mote_hash_init(&hb, MOTE_HASH_SHA256);
			for (size_t off = 0; off < len; off += k) {
				size_t hi = off + k < len ? off + k : len;
				tls_wr_replay(&w, pieces + off, off, hi, NULL, 0);
				build(&w, seed);
				windows++;
			}
			CHECK_MEM(pieces, whole, len);
			CHECK_INT(pieces[len], 0xEE);
			tls_wr_replay(&w, NULL, 0, 0, &hb, len - 10);
			build(&w, seed);
			mote_hash_final(&hb, h1);
			mote_hash(MOTE_HASH_SHA256, whole, len - 10, h2);
			CHECK_MEM(h1, h2, 32);
		}
	}
	printf("test_tls_codec: 20 messages rebuilt from %d windows\n", windows);
}

static void test_table(void)
{
	size_t n = tls_hs_rules_count();
	int per_state[TLS_ST_COUNT] = {0};
	uint8_t st, ty, st2, ty2;

	for (size_t i = 0; i < n; i++) {
		int kind = tls_hs_rule_at(i, &st, &ty);
		CHECK(st > 0 && st < TLS_ST_CLOSED);
		per_state[st]++;
		/* Certificate and the TLS 1.3 NewSessionTicket are streamed
		 * (kinds 1, 2), everything else handled whole (kind 0). */
		int nst13 = ty == TLS_HS_NEW_SESSION_TICKET && st == TLS_ST_CONNECTED;
		CHECK_INT(kind, ty == TLS_HS_CERTIFICATE ? 1 : nst13 ? 2 : 0);
		for (size_t j = i + 1; j < n; j++) {
			tls_hs_rule_at(j, &st2, &ty2);
			CHECK(st != st2 || ty != ty2);
		}
		/* The client never receives a ClientHello or EndOfEarlyData. */
		CHECK(ty != TLS_HS_CLIENT_HELLO && ty != TLS_HS_END_OF_EARLY_DATA);
	}
	for (int s = TLS_ST_WAIT_SH; s < TLS_ST_CLOSED; s++)
		CHECK(per_state[s] > 0);
	CHECK_INT(tls_hs_rule_at(n, &st, &ty), -1);
	printf("test_tls_codec: %zu handshake table rules checked\n", n);
}

int main(void)
{
	test_reader();
	test_writer();
	test_table();
	return test_finish("test_tls_codec");
}
