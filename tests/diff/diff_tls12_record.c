/*
 * TLS 1.2 record protection (src/tls/record.c, msg_finished12.c) against
 * OpenSSL: the key block comes from OpenSSL's TLS1-PRF ("key expansion",
 * server_random || client_random), and every record Mote seals is
 * rebuilt with OpenSSL's AEAD from RFC 5246 6.2.3.3, RFC 5288 3 (AES-GCM:
 * 4-byte salt || 8-byte explicit nonce = sequence number, sent in the
 * record) and RFC 7905 2 (ChaCha20-Poly1305: IV XOR sequence number), with
 * additional data seq_num || type || version || length. Records are then
 * opened by Mote's reading side (the server's key block half used as the
 * client's for the test); a changed byte anywhere, a record too short, a
 * wrong sequence number or a changed content type (part of the additional
 * data) must fail with MOTE_ERR_BAD_RECORD_MAC, and a plaintext over the
 * negotiated limit with MOTE_ERR_RECORD_OVERFLOW.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "test.h"
#include "tls/tls_int.h"

static int records;

static void ossl_prf(const EVP_MD *md, const uint8_t *secret, const char *label,
                     const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len)
{
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_id(EVP_PKEY_TLS1_PRF, NULL);
	size_t n = len;

	CHECK(EVP_PKEY_derive_init(pc) == 1);
	CHECK(EVP_PKEY_CTX_set_tls1_prf_md(pc, md) == 1);
	CHECK(EVP_PKEY_CTX_set1_tls1_prf_secret(pc, secret, 48) == 1);
	CHECK(EVP_PKEY_CTX_add1_tls1_prf_seed(pc, (const unsigned char *)label, strlen(label)) == 1);
	CHECK(EVP_PKEY_CTX_add1_tls1_prf_seed(pc, seed, (int)seed_len) == 1);
	CHECK(EVP_PKEY_derive(pc, out, &n) == 1);
	EVP_PKEY_CTX_free(pc);
}

/* OpenSSL's record: header, [explicit nonce,] ciphertext, tag. */
static size_t ossl_seal(const EVP_CIPHER *ciph, const uint8_t *key, const uint8_t *iv,
                        size_t ivl, uint64_t seq, uint8_t type, const uint8_t *p, size_t n,
                        uint8_t *rec)
{
	EVP_CIPHER_CTX *cc = EVP_CIPHER_CTX_new();
	uint8_t nonce[12], aad[13];
	size_t ex = ivl == 4 ? 8 : 0;
	int outl;

	for (int i = 0; i < 8; i++)
		aad[i] = (uint8_t)(seq >> (56 - 8 * i));
	aad[8] = type;
	aad[9] = aad[10] = 3;
	aad[11] = (uint8_t)(n >> 8);
	aad[12] = (uint8_t)n;
	if (ex) {
		memcpy(nonce, iv, 4);
		memcpy(nonce + 4, aad, 8);
	} else {
		memcpy(nonce, iv, 12);
		for (int i = 0; i < 8; i++)
			nonce[4 + i] ^= aad[i];
	}
	rec[0] = type;
	rec[1] = rec[2] = 3;
	rec[3] = (uint8_t)((ex + n + 16) >> 8);
	rec[4] = (uint8_t)(ex + n + 16);
	memcpy(rec + 5, nonce + 4, ex);
	CHECK(EVP_EncryptInit_ex(cc, ciph, NULL, NULL, NULL) == 1);
	CHECK(EVP_CIPHER_CTX_ctrl(cc, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) == 1);
	CHECK(EVP_EncryptInit_ex(cc, NULL, NULL, key, nonce) == 1);
	CHECK(EVP_EncryptUpdate(cc, NULL, &outl, aad, 13) == 1);
	CHECK(EVP_EncryptUpdate(cc, rec + 5 + ex, &outl, p, (int)n) == 1);
	CHECK(EVP_EncryptFinal_ex(cc, rec + 5 + ex + n, &outl) == 1);
	CHECK(EVP_CIPHER_CTX_ctrl(cc, EVP_CTRL_AEAD_GET_TAG, 16, rec + 5 + ex + n) == 1);
	EVP_CIPHER_CTX_free(cc);
	return 5 + ex + n + 16;
}

static int open_rec(mote_conn *rx, const uint8_t *rec, size_t len, uint8_t *type, size_t *off,
                    size_t *n)
{
	memcpy(rx->rbuf, rec, len);
	rx->rneed = (uint16_t)len;
	return tls12_record_decrypt(rx, type, off, n);
}

static void run_suite(uint16_t id, const EVP_CIPHER *ciph, const EVP_MD *md)
{
	static uint8_t sbuf[2048], rbuf[2048], want[2048], rec[2048];
	const tls_suite *s = tls_suite_find(id);
	size_t kl = mote_aead_key_size(s->aead), ivl = s->aead == MOTE_AEAD_CHACHA20_POLY1305 ? 12 : 4;
	uint8_t block[2 * 32 + 2 * 12], seed[64], content[1500];
	mote_conn tx, rx;

	memset(&tx, 0, sizeof tx);
	memset(&rx, 0, sizeof rx);
	tx.suite = rx.suite = id;
	test_rand_bytes(tx.u.t12.master, 48);
	test_rand_bytes(tx.u.t12.randoms, 64);
	rx.u.t12 = tx.u.t12;
	memcpy(seed, tx.u.t12.randoms + 32, 32);
	memcpy(seed + 32, tx.u.t12.randoms, 32);
	ossl_prf(md, tx.u.t12.master, "key expansion", seed, 64, block, 2 * kl + 2 * ivl);
	CHECK_INT(tls12_dir_set(&tx, &tx.wr, 1), 0);
	/* The reading side with the client's half: it opens what tx seals. */
	CHECK_INT(tls12_dir_set(&rx, &rx.rd, 1), 0);
	tx.sbuf = sbuf;
	tx.scap = sizeof sbuf;
	tx.peer_limit = 1500;
	rx.rbuf = rbuf;
	rx.rcap = sizeof rbuf;
	rx.recv_limit = 1400;
	for (uint64_t seq = 0; seq < 60; seq++) {
		size_t n = test_rand32() % sizeof content, len, off, got;
		uint8_t type = (uint8_t)(21 + seq % 3), t;
		test_rand_bytes(content, n);
		tx.slen = 0;
		tls_record_append(&tx, type, content, n);
		len = ossl_seal(ciph, block, block + 2 * kl, ivl, seq, type, content, n, want);
		CHECK_INT(tx.slen, len);
		CHECK_MEM(sbuf, want, len);
		if (n > 1400) {
			CHECK_INT(open_rec(&rx, sbuf, len, &t, &off, &got), MOTE_ERR_RECORD_OVERFLOW);
			records++;
			continue;
		}
		/* A changed byte (header type, nonce, ciphertext or tag). */
		memcpy(rec, sbuf, len);
		rec[test_rand32() % 2 ? 0 : 5 + test_rand32() % (len - 5)] ^= 0x02;
		{
			uint64_t keep = rx.rd.seq;
			CHECK_INT(open_rec(&rx, rec, len, &t, &off, &got), MOTE_ERR_BAD_RECORD_MAC);
			CHECK(rx.rd.seq == keep);
		}
		/* The record itself. */
		CHECK_INT(open_rec(&rx, sbuf, len, &t, &off, &got), 0);
		CHECK_INT(t, type);
		CHECK_INT(got, n);
		CHECK_MEM(rbuf + 5 + off, content, n);
		/* Replayed: the sequence number moved on. */
		CHECK_INT(open_rec(&rx, sbuf, len, &t, &off, &got), MOTE_ERR_BAD_RECORD_MAC);
		records++;
	}
	/* Too short for the nonce and tag. */
	memcpy(rec, "\x17\x03\x03\x00\x17", 5);
	CHECK_INT(open_rec(&rx, rec, 5 + (ivl == 4 ? 8 : 0) + 15, &(uint8_t){0}, &(size_t){0},
	                   &(size_t){0}),
	          MOTE_ERR_BAD_RECORD_MAC);
	/* Record sizes: header, explicit nonce, tag; no inner content type. */
	CHECK_INT(tls_record_hdr(&tx.wr), ivl == 4 ? 13 : 5);
	CHECK_INT(tls_record_tail(&tx.wr), 16);
}

int main(void)
{
	test_rand_seed(1202);
	run_suite(MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256, EVP_aes_128_gcm(), EVP_sha256());
	run_suite(MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384, EVP_aes_256_gcm(), EVP_sha384());
	run_suite(MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256, EVP_chacha20_poly1305(),
	          EVP_sha256());
	printf("diff_tls12_record: %d TLS 1.2 records matched OpenSSL's (3 suites) and opened\n",
	       records);
	return test_finish("diff_tls12_record");
}
