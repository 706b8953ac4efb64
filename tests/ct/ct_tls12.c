/*
 * Constant-time check of the TLS 1.2 record layer under valgrind
 * memcheck: the master secret (hence the key block and the record keys)
 * and the plaintext are secret; lengths, sequence numbers, randoms and
 * ciphertext are public. Covered: the key expansion and key split
 * (tls12_dir_set) and sealing (explicit and implicit nonces, additional
 * data) for AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305. Opening
 * branches on the AEAD verdict, which is public (a record authenticates or
 * not); the tag check inside is covered by ct_aes_gcm and ct_chachapoly,
 * so the reading key is declassified here and opening checks only that
 * the plaintext handling does not depend on the plaintext.
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <string.h>

#include "test.h"
#include "tls/tls_int.h"

static void run(uint16_t id)
{
	static uint8_t sbuf[700], rbuf[700], msg[600];
	mote_conn tx, rx;
	uint8_t type;
	size_t off, n;

	memset(&tx, 0, sizeof tx);
	tx.suite = id;
	test_rand_bytes(tx.u.t12.master, 48);
	test_rand_bytes(tx.u.t12.randoms, 64);
	test_rand_bytes(msg, sizeof msg);
	VALGRIND_MAKE_MEM_UNDEFINED(tx.u.t12.master, 48);
	VALGRIND_MAKE_MEM_UNDEFINED(msg, sizeof msg);
	rx = tx;
	CHECK_INT(tls12_dir_set(&tx, &tx.wr, 1), 0);
	CHECK_INT(tls12_dir_set(&rx, &rx.rd, 1), 0);
	VALGRIND_MAKE_MEM_DEFINED(&rx.rd, sizeof rx.rd);
	tx.sbuf = sbuf;
	tx.scap = sizeof sbuf;
	rx.rbuf = rbuf;
	rx.rcap = sizeof rbuf;
	rx.recv_limit = 600;
	for (size_t len = 0; len <= sizeof msg; len += 150) {
		tx.slen = 0;
		tls_record_append(&tx, TLS_CT_APPDATA, msg, len);
		/* The record on the wire is public. */
		VALGRIND_MAKE_MEM_DEFINED(sbuf, tx.slen);
		rx.rneed = tx.slen;
		/* A forged tag first: rejected, the sequence number kept. */
		memcpy(rbuf, sbuf, tx.slen);
		rbuf[tx.slen - 1] ^= 1;
		CHECK_INT(tls12_record_decrypt(&rx, &type, &off, &n), MOTE_ERR_BAD_RECORD_MAC);
		memcpy(rbuf, sbuf, tx.slen);
		CHECK_INT(tls12_record_decrypt(&rx, &type, &off, &n), 0);
		VALGRIND_MAKE_MEM_DEFINED(rbuf, sizeof rbuf);
		VALGRIND_MAKE_MEM_DEFINED(msg, sizeof msg);
		CHECK_INT(n, len);
		CHECK_MEM(rbuf + 5 + off, msg, len);
		VALGRIND_MAKE_MEM_UNDEFINED(msg, sizeof msg);
	}
}

int main(void)
{
	test_rand_seed(12);
	run(MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256);
	run(MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384);
	run(MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256);
	printf("ct_tls12: key expansion and sealing for 3 TLS 1.2 suites, 5 record sizes\n");
	return test_finish("ct_tls12");
}
