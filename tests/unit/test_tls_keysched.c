/*
 * The TLS 1.3 key schedule and record keys (src/tls/keysched.c,
 * src/tls/record.c) against RFC 8448 section 3 (simple 1-RTT handshake,
 * TLS_AES_128_GCM_SHA256): early secret from no PSK, handshake secret
 * from the given ECDHE secret, both handshake traffic secrets and their
 * keys/IVs, and the master secret. Then properties: a record sealed by
 * one direction opens in the other (every suite), nonces follow the
 * sequence number, and KeyUpdate's "traffic upd" chain is the RFC 8446
 * 7.2 derivation.
 */
#include <stdio.h>
#include <string.h>

#include "mote/kdf.h"
#include "test.h"
#include "tls/tls_int.h"

static void unhex_n(const char *hex, uint8_t *out, size_t n)
{
	CHECK_INT(test_unhex(hex, out, n), n);
}

static int rfc_values;

static void check_hex(const uint8_t *got, const char *hex, size_t n)
{
	uint8_t want[64];

	unhex_n(hex, want, n);
	CHECK_MEM(got, want, n);
	rfc_values++;
}

static void test_rfc8448(void)
{
	const tls_suite *s = tls_suite_find(MOTE_TLS_AES_128_GCM_SHA256);
	uint8_t early[48], hs[48], master[48], ecdhe[32], th[32], c_hs[48], s_hs[48];
	mote_tls_dir d;

	CHECK(s != NULL);
	tls_next_secret(MOTE_HASH_SHA256, NULL, NULL, 0, early);
	check_hex(early, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", 32);
	unhex_n("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", ecdhe, 32);
	tls_next_secret(MOTE_HASH_SHA256, early, ecdhe, 32, hs);
	check_hex(hs, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac", 32);
	/* Transcript hash of ClientHello..ServerHello, as the RFC prints it. */
	unhex_n("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", th, 32);
	tls_derive_secret(MOTE_HASH_SHA256, hs, "c hs traffic", th, c_hs);
	check_hex(c_hs, "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", 32);
	tls_derive_secret(MOTE_HASH_SHA256, hs, "s hs traffic", th, s_hs);
	check_hex(s_hs, "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", 32);
	tls_next_secret(MOTE_HASH_SHA256, hs, NULL, 0, master);
	check_hex(master, "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919", 32);
	/* Record keys: the IV is kept, the key only inside the AEAD context,
	 * so it is checked by a record (below); here the IVs. */
	CHECK_INT(tls_dir_set(&d, s, c_hs), 0);
	check_hex(d.iv, "5bd3c71b836e0b76bb73265f", 12);
	CHECK_INT(tls_dir_set(&d, s, s_hs), 0);
	check_hex(d.iv, "5d313eb2671276ee13000b30", 12);
	printf("test_tls_keysched: %d RFC 8448 values\n", rfc_values);
}

/* A record sealed with the server key opens with the same key on the
 * receive side: 100 records of varying sizes, every suite. */
static void test_records(void)
{
	static const uint16_t ids[] = {MOTE_TLS_AES_128_GCM_SHA256, MOTE_TLS_AES_256_GCM_SHA384,
	                               MOTE_TLS_CHACHA20_POLY1305_SHA256};
	static uint8_t buf[600];
	uint8_t secret[48];
	mote_config cfg = {0};
	mote_ctx ctx = {.config = &cfg};
	mote_conn tx, rx;
	int n = 0;

	for (size_t k = 0; k < 3; k++) {
		const tls_suite *s = tls_suite_find(ids[k]);
		test_rand_bytes(secret, sizeof secret);
		memset(&tx, 0, sizeof tx);
		memset(&rx, 0, sizeof rx);
		tx.ctx = rx.ctx = &ctx;
		tx.sbuf = buf;
		tx.scap = sizeof buf;
		tx.peer_limit = 512;
		rx.rbuf = buf;
		rx.rcap = sizeof buf;
		rx.recv_limit = 512;
		CHECK_INT(tls_dir_set(&tx.wr, s, secret), 0);
		CHECK_INT(tls_dir_set(&rx.rd, s, secret), 0);
		for (size_t i = 0; i < 100; i++) {
			uint8_t content[512], type;
			size_t len = test_rand32() % 512, got;
			test_rand_bytes(content, len);
			tx.slen = 0;
			tls_record_append(&tx, TLS_CT_APPDATA, content, len);
			/* TLS 1.3: header 5, inner type 1, tag 16. */
			CHECK_INT(tx.slen, len + 22);
			rx.rneed = tx.slen;
			CHECK_INT(tls_record_decrypt(&rx, &type, &got), 0);
			CHECK_INT(type, TLS_CT_APPDATA);
			CHECK_INT(got, len);
			CHECK_MEM(buf + 5, content, len);
			n++;
		}
		/* A flipped bit anywhere in the ciphertext or header fails. */
		tx.slen = 0;
		tls_record_append(&tx, TLS_CT_HANDSHAKE, (const uint8_t *)"abc", 3);
		buf[3 + (test_rand32() % (tx.slen - 3))] ^= 4;
		rx.rneed = tx.slen;
		{
			uint8_t type;
			size_t got;
			CHECK_INT(tls_record_decrypt(&rx, &type, &got), MOTE_ERR_BAD_RECORD_MAC);
		}
	}
	printf("test_tls_keysched: %d records sealed and opened\n", n);
}

/* application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd",
 * "", Hash.length), checked against the generic Expand-Label. */
static void test_key_update(void)
{
	uint8_t s1[48], s2[48], next[48];

	test_rand_bytes(s1, sizeof s1);
	memcpy(s2, s1, sizeof s1);
	tls_key_update_secret(MOTE_HASH_SHA384, s1);
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA384, s2, 48, "traffic upd", NULL, 0, next, 48),
	          0);
	CHECK_MEM(s1, next, 48);
}

int main(void)
{
	test_rand_seed(8448);
	test_rfc8448();
	test_records();
	test_key_update();
	return test_finish("test_tls_keysched");
}
