/*
 * ChaCha20, Poly1305 and AEAD_CHACHA20_POLY1305 known answers:
 * - RFC 8439 sections 2.3.2, 2.4.2, 2.5.2, 2.6.2, 2.8.2 and appendix
 *   A.1-A.5, run through every implementation variant;
 * - Poly1305 final-reduction edge cases (A.3 #5-#11) on both variants;
 * - Wycheproof chacha20_poly1305_test.json, through the public AEAD and
 *   again through a composition on the 32-bit Poly1305 variant;
 * - properties: incremental = one-shot, odd offsets and lengths, in place;
 * - API errors and context sizes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ct.h"
#include "mote/chacha20.h"
#include "mote/chacha20poly1305.h"
#include "mote/error.h"
#include "mote/poly1305.h"
#include "test.h"
#include "wycheproof.h"

_Static_assert(sizeof(mote_chachapoly_ctx) == 32, "mote_chachapoly_ctx is 32 bytes");
#if MOTE_POLY1305_HAVE_CT64
_Static_assert(sizeof(mote_poly1305_ctx) == 80, "mote_poly1305_ctx is 80 bytes (64-bit)");
#else
_Static_assert(sizeof(mote_poly1305_ctx) == 72, "mote_poly1305_ctx is 72 bytes (32-bit)");
#endif

/* ---- variants ----------------------------------------------------------- */

typedef void chacha_fn(const uint8_t *, const uint8_t *, uint32_t, const uint8_t *, uint8_t *,
                       size_t);

static const struct {
	const char *name;
	chacha_fn *fn;
} chachas[] = {
	{"chacha20", mote_chacha20_xor},
	{"chacha20_ct", mote_chacha20_xor_ct},
#if MOTE_CHACHA20_VEC4
	{"chacha20_vec4", mote_chacha20_xor_vec4},
#endif
};
#define N_CHACHAS (sizeof chachas / sizeof chachas[0])

static const struct {
	const char *name;
	void (*init)(mote_poly1305_ctx *, const uint8_t *);
	void (*update)(mote_poly1305_ctx *, const uint8_t *, size_t);
	void (*final)(mote_poly1305_ctx *, uint8_t *);
} polys[] = {
	{"poly1305", mote_poly1305_init, mote_poly1305_update, mote_poly1305_final},
	{"poly1305_ct32", mote_poly1305_init_ct32, mote_poly1305_update_ct32,
	 mote_poly1305_final_ct32},
#if MOTE_POLY1305_HAVE_CT64
	{"poly1305_ct64", mote_poly1305_init_ct64, mote_poly1305_update_ct64,
	 mote_poly1305_final_ct64},
#endif
};
#define N_POLYS (sizeof polys / sizeof polys[0])

/* ---- RFC texts ---------------------------------------------------------- */

static const char sunscreen[] =
	"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
	"the future, sunscreen would be it.";
static const char ietf[] =
	"Any submission to the IETF intended by the Contributor for publication as all or "
	"part of an IETF Internet-Draft or RFC and any statement made within the context "
	"of an IETF activity is considered an \"IETF Contribution\". Such statements "
	"include oral statements in IETF sessions, as well as written and electronic "
	"communications made at any time or place, which are addressed to";
static const char jabberwocky[] =
	"'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\n"
	"All mimsy were the borogoves,\nAnd the mome raths outgrabe.";
static const char drafts[] =
	"Internet-Drafts are draft documents valid for a maximum of six months and may be "
	"updated, replaced, or obsoleted by other documents at any time. It is "
	"inappropriate to use Internet-Drafts as reference material or to cite them other "
	"than as /\xe2\x80\x9cwork in progress./\xe2\x80\x9d";

static const char key_seq[] = "000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f";
static const char key_80[] = "808182838485868788898a8b8c8d8e8f 909192939495969798999a9b9c9d9e9f";
static const char key_1c[] = "1c9240a5eb55d38af333888604f6b5f0 473917c1402b80099dca5cbc207075c0";
static const char key_zero[] = "00000000000000000000000000000000 00000000000000000000000000000000";
static const char key_one[] = "00000000000000000000000000000000 00000000000000000000000000000001";

/* Hex as printed in the RFC: spaces and colons between bytes are skipped.
 * Exits on malformed input (a typo in this file). */
static size_t hx(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *s; s++) {
		int v;
		if (*s == ' ' || *s == ':' || *s == '\n')
			continue;
		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			v = -1;
		if (v < 0 || (hi < 0 && n == cap)) {
			fprintf(stderr, "bad hex vector near '%s'\n", s);
			exit(2);
		}
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		fprintf(stderr, "odd hex vector\n");
		exit(2);
	}
	return n;
}

/* ---- ChaCha20 ------------------------------------------------------------ */

struct chacha_kat {
	const char *what;
	const char *key, *nonce;
	uint32_t counter;
	const char *pt_text; /* plaintext as text, or NULL for len zero bytes */
	size_t len;
	const char *ct;
};

static const struct chacha_kat chacha_kats[] = {
	{"2.3.2", key_seq, "000000090000004a00000000", 1, NULL, 64,
	 "10 f1 e7 e4 d1 3b 59 15 50 0f dd 1f a3 20 71 c4"
	 "c7 d1 f4 c7 33 c0 68 03 04 22 aa 9a c3 d4 6c 4e"
	 "d2 82 64 46 07 9f aa 09 14 c2 d7 05 d9 8b 02 a2"
	 "b5 12 9c d1 de 16 4e b9 cb d0 83 e8 a2 50 3c 4e"},
	{"2.4.2", key_seq, "000000000000004a00000000", 1, sunscreen, 114,
	 "6e 2e 35 9a 25 68 f9 80 41 ba 07 28 dd 0d 69 81"
	 "e9 7e 7a ec 1d 43 60 c2 0a 27 af cc fd 9f ae 0b"
	 "f9 1b 65 c5 52 47 33 ab 8f 59 3d ab cd 62 b3 57"
	 "16 39 d6 24 e6 51 52 ab 8f 53 0c 35 9f 08 61 d8"
	 "07 ca 0d bf 50 0d 6a 61 56 a3 8e 08 8a 22 b6 5e"
	 "52 bc 51 4d 16 cc f8 06 81 8c e9 1a b7 79 37 36"
	 "5a f9 0b bf 74 a3 5b e6 b4 0b 8e ed f2 78 5e 42"
	 "87 4d"},
	{"A.1 #1 / A.2 #1", key_zero, "000000000000000000000000", 0, NULL, 64,
	 "76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28"
	 "bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7"
	 "da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37"
	 "6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86"},
	{"A.1 #2", key_zero, "000000000000000000000000", 1, NULL, 64,
	 "9f 07 e7 be 55 51 38 7a 98 ba 97 7c 73 2d 08 0d"
	 "cb 0f 29 a0 48 e3 65 69 12 c6 53 3e 32 ee 7a ed"
	 "29 b7 21 76 9c e6 4e 43 d5 71 33 b0 74 d8 39 d5"
	 "31 ed 1f 28 51 0a fb 45 ac e1 0a 1f 4b 79 4d 6f"},
	{"A.1 #3", key_one, "000000000000000000000000", 1, NULL, 64,
	 "3a eb 52 24 ec f8 49 92 9b 9d 82 8d b1 ce d4 dd"
	 "83 20 25 e8 01 8b 81 60 b8 22 84 f3 c9 49 aa 5a"
	 "8e ca 00 bb b4 a7 3b da d1 92 b5 c4 2f 73 f2 fd"
	 "4e 27 36 44 c8 b3 61 25 a6 4a dd eb 00 6c 13 a0"},
	{"A.1 #4", "00ff0000000000000000000000000000 00000000000000000000000000000000",
	 "000000000000000000000000", 2, NULL, 64,
	 "72 d5 4d fb f1 2e c4 4b 36 26 92 df 94 13 7f 32"
	 "8f ea 8d a7 39 90 26 5e c1 bb be a1 ae 9a f0 ca"
	 "13 b2 5a a2 6c b4 a6 48 cb 9b 9d 1b e6 5b 2c 09"
	 "24 a6 6c 54 d5 45 ec 1b 73 74 f4 87 2e 99 f0 96"},
	{"A.1 #5", key_zero, "000000000000000000000002", 0, NULL, 64,
	 "c2 c6 4d 37 8c d5 36 37 4a e2 04 b9 ef 93 3f cd"
	 "1a 8b 22 88 b3 df a4 96 72 ab 76 5b 54 ee 27 c7"
	 "8a 97 0e 0e 95 5c 14 f3 a8 8e 74 1b 97 c2 86 f7"
	 "5f 8f c2 99 e8 14 83 62 fa 19 8a 39 53 1b ed 6d"},
	{"A.2 #2", key_one, "000000000000000000000002", 1, ietf, 375,
	 "a3 fb f0 7d f3 fa 2f de 4f 37 6c a2 3e 82 73 70"
	 "41 60 5d 9f 4f 4f 57 bd 8c ff 2c 1d 4b 79 55 ec"
	 "2a 97 94 8b d3 72 29 15 c8 f3 d3 37 f7 d3 70 05"
	 "0e 9e 96 d6 47 b7 c3 9f 56 e0 31 ca 5e b6 25 0d"
	 "40 42 e0 27 85 ec ec fa 4b 4b b5 e8 ea d0 44 0e"
	 "20 b6 e8 db 09 d8 81 a7 c6 13 2f 42 0e 52 79 50"
	 "42 bd fa 77 73 d8 a9 05 14 47 b3 29 1c e1 41 1c"
	 "68 04 65 55 2a a6 c4 05 b7 76 4d 5e 87 be a8 5a"
	 "d0 0f 84 49 ed 8f 72 d0 d6 62 ab 05 26 91 ca 66"
	 "42 4b c8 6d 2d f8 0e a4 1f 43 ab f9 37 d3 25 9d"
	 "c4 b2 d0 df b4 8a 6c 91 39 dd d7 f7 69 66 e9 28"
	 "e6 35 55 3b a7 6c 5c 87 9d 7b 35 d4 9e b2 e6 2b"
	 "08 71 cd ac 63 89 39 e2 5e 8a 1e 0e f9 d5 28 0f"
	 "a8 ca 32 8b 35 1c 3c 76 59 89 cb cf 3d aa 8b 6c"
	 "cc 3a af 9f 39 79 c9 2b 37 20 fc 88 dc 95 ed 84"
	 "a1 be 05 9c 64 99 b9 fd a2 36 e7 e8 18 b0 4b 0b"
	 "c3 9c 1e 87 6b 19 3b fe 55 69 75 3f 88 12 8c c0"
	 "8a aa 9b 63 d1 a1 6f 80 ef 25 54 d7 18 9c 41 1f"
	 "58 69 ca 52 c5 b8 3f a3 6f f2 16 b9 c1 d3 00 62"
	 "be bc fd 2d c5 bc e0 91 19 34 fd a7 9a 86 f6 e6"
	 "98 ce d7 59 c3 ff 9b 64 77 33 8f 3d a4 f9 cd 85"
	 "14 ea 99 82 cc af b3 41 b2 38 4d d9 02 f3 d1 ab"
	 "7a c6 1d d2 9c 6f 21 ba 5b 86 2f 37 30 e3 7c fd"
	 "c4 fd 80 6c 22 f2 21"},
	{"A.2 #3", key_1c, "000000000000000000000002", 42, jabberwocky, 127,
	 "62 e6 34 7f 95 ed 87 a4 5f fa e7 42 6f 27 a1 df"
	 "5f b6 91 10 04 4c 0d 73 11 8e ff a9 5b 01 e5 cf"
	 "16 6d 3d f2 d7 21 ca f9 b2 1e 5f b1 4c 61 68 71"
	 "fd 84 c5 4f 9d 65 b2 83 19 6c 7f e4 f6 05 53 eb"
	 "f3 9c 64 02 c4 22 34 e3 2a 35 6b 3e 76 43 12 a6"
	 "1a 55 32 05 57 16 ea d6 96 25 68 f8 7d 3f 3f 77"
	 "04 c6 a8 d1 bc d1 bf 4d 50 d6 15 4b 6d a7 31 b1"
	 "87 b5 8d fd 72 8a fa 36 75 7a 79 7a c1 88 d1"},
	/* 2.6.2 and A.4: the Poly1305 key is block 0, first 32 bytes. */
	{"2.6.2", key_80, "000000000001020304050607", 0, NULL, 32,
	 "8a d5 a0 8b 90 5f 81 cc 81 50 40 27 4a b2 94 71"
	 "a8 33 b6 37 e3 fd 0d a5 08 db b8 e2 fd d1 a6 46"},
	{"A.4 #2", key_one, "000000000000000000000002", 0, NULL, 32,
	 "ec fa 25 4f 84 5f 64 74 73 d3 cb 14 0d a9 e8 76"
	 "06 cb 33 06 6c 44 7b 87 bc 26 66 dd e3 fb b7 39"},
	{"A.4 #3", key_1c, "000000000000000000000002", 0, NULL, 32,
	 "96 5e 3b c6 f9 ec 7e d9 56 08 08 f4 d2 29 f9 4b"
	 "13 7f f2 75 ca 9b 3f cb dd 59 de aa d2 33 10 ae"},
	{"2.8.2 otk", key_80, "070000004041424344454647", 0, NULL, 32,
	 "7b ac 2b 25 2d b4 47 af 09 b6 7a 55 a4 e9 55 84"
	 "0a e1 d6 73 10 75 d9 eb 2a 93 75 78 3e d5 53 ff"},
	{"A.5 otk", key_1c, "000000000102030405060708", 0, NULL, 32,
	 "bd f0 4a a9 5c e4 de 89 95 b1 4b b6 a1 8f ec af"
	 "26 47 8f 50 c0 54 f5 63 db c0 a2 1e 26 15 72 aa"},
};

static void test_chacha_kats(void)
{
	for (size_t v = 0; v < N_CHACHAS; v++) {
		for (size_t i = 0; i < sizeof chacha_kats / sizeof chacha_kats[0]; i++) {
			const struct chacha_kat *k = &chacha_kats[i];
			long before = test_failures();
			uint8_t key[32], nonce[12], pt[400] = {0}, want[400], got[400];
			size_t len = k->len;

			CHECK_INT(hx(k->key, key, 32), 32);
			CHECK_INT(hx(k->nonce, nonce, 12), 12);
			CHECK_INT(hx(k->ct, want, sizeof want), len);
			if (k->pt_text) {
				CHECK_INT(strlen(k->pt_text), len);
				memcpy(pt, k->pt_text, len);
			}
			chachas[v].fn(key, nonce, k->counter, pt, got, len);
			CHECK_MEM(got, want, len);
			/* In place, and back. */
			chachas[v].fn(key, nonce, k->counter, got, got, len);
			CHECK_MEM(got, pt, len);
			if (test_failures() != before)
				fprintf(stderr, "  (%s, %s)\n", chachas[v].name, k->what);
		}
	}
	printf("chacha20: %zu RFC 8439 vectors x %zu variants\n",
	       sizeof chacha_kats / sizeof chacha_kats[0], N_CHACHAS);
}

/* Every variant, every length 0..600, at odd in/out offsets, separately
 * and in place, equals a prefix of the first variant's 600-byte output
 * (itself checked against the RFC above). Split streams at block
 * boundaries equal the one-shot stream. */
static void test_chacha_lengths(void)
{
	enum { MAX = 600 };
	static uint8_t pt[MAX + 8], ref[MAX], a[MAX + 8], b[MAX + 8];
	uint8_t key[32], nonce[12];

	test_rand_seed(0xC4AC4A);
	test_rand_bytes(key, sizeof key);
	test_rand_bytes(nonce, sizeof nonce);
	test_rand_bytes(pt, sizeof pt);
	mote_chacha20_xor_ct(key, nonce, 7, pt + 1, ref, MAX);
	for (size_t v = 0; v < N_CHACHAS; v++) {
		long bad = 0;
		for (size_t len = 0; len <= MAX; len++) {
			size_t oin = 1 + len % 7, oout = 3 + len % 5;
			memcpy(a + oin, pt + 1, len);
			chachas[v].fn(key, nonce, 7, a + oin, b + oout, len);
			bad += memcmp(b + oout, ref, len) != 0;
			chachas[v].fn(key, nonce, 7, a + oin, a + oin, len);
			bad += memcmp(a + oin, ref, len) != 0;
		}
		for (size_t cut = 0; cut <= MAX; cut += 64) {
			memcpy(a + 5, pt + 1, MAX);
			chachas[v].fn(key, nonce, 7, a + 5, a + 5, cut);
			chachas[v].fn(key, nonce, 7 + (uint32_t)(cut / 64), a + 5 + cut, a + 5 + cut,
			              MAX - cut);
			bad += memcmp(a + 5, ref, MAX) != 0;
		}
		CHECK_INT(bad, 0);
	}
	printf("chacha20: lengths 0..%d at odd offsets, in place and split, x %zu variants\n",
	       MAX, N_CHACHAS);
}

/* The counter wraps modulo 2^32 within the nonce: block 2^32 - 1 is
 * followed by block 0 (same for every variant, across the vector path's
 * four-block groups). */
static void test_chacha_counter_wrap(void)
{
	uint8_t key[32], nonce[12], zero[640] = {0}, ks[640], b0[64], last[64];

	hx(key_1c, key, 32);
	hx("000000000000000000000002", nonce, 12);
	mote_chacha20_xor_ct(key, nonce, 0xffffffffu, zero, last, 64);
	mote_chacha20_xor_ct(key, nonce, 0, zero, b0, 64);
	for (size_t v = 0; v < N_CHACHAS; v++) {
		for (uint32_t back = 1; back <= 5; back++) {
			chachas[v].fn(key, nonce, 0u - back, zero, ks, sizeof ks);
			CHECK_MEM(ks + 64 * (back - 1), last, 64);
			CHECK_MEM(ks + 64 * back, b0, 64);
		}
	}
}

/* ---- Poly1305 ------------------------------------------------------------ */

struct poly_kat {
	const char *what;
	const char *key;     /* 32 bytes hex, or r then s */
	const char *s;       /* NULL, or s when key holds only r */
	const char *msg_text;
	const char *msg_hex; /* used when msg_text is NULL */
	const char *tag;
};

static const struct poly_kat poly_kats[] = {
	{"2.5.2",
	 "85:d6:be:78:57:55:6d:33:7f:44:52:fe:42:d5:06:a8:01:03:80:8a:fb:0d:b2:fd:4a:bf:f6:af:41:49:f5:1b",
	 NULL, "Cryptographic Forum Research Group", NULL,
	 "a8:06:1d:c1:30:51:36:c6:c2:2b:8b:af:0c:01:27:a9"},
	{"A.3 #1", key_zero, NULL, NULL,
	 "00000000000000000000000000000000 00000000000000000000000000000000"
	 "00000000000000000000000000000000 00000000000000000000000000000000",
	 "00000000000000000000000000000000"},
	{"A.3 #2", "00000000000000000000000000000000", "36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e",
	 ietf, NULL, "36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e"},
	{"A.3 #3", "36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e", "00000000000000000000000000000000",
	 ietf, NULL, "f3 47 7e 7c d9 54 17 af 89 a6 b8 79 4c 31 0c f0"},
	{"A.3 #4", key_1c, NULL, jabberwocky, NULL, "45 41 66 9a 7e aa ee 61 e7 08 dc 7c bc c5 eb 62"},
	{"A.3 #5", "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL,
	 "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF",
	 "03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{"A.3 #6", "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF", NULL,
	 "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{"A.3 #7", "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL,
	 "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
	 "F0 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
	 "11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "05 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{"A.3 #8", "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL,
	 "FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
	 "FB FE FE FE FE FE FE FE FE FE FE FE FE FE FE FE"
	 "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	{"A.3 #9", "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL,
	 "FD FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF",
	 "FA FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"},
	{"A.3 #10", "01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL,
	 "E3 35 94 D7 50 5E 43 B9 00 00 00 00 00 00 00 00"
	 "33 94 D7 50 5E 43 79 CD 01 00 00 00 00 00 00 00"
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	 "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "14 00 00 00 00 00 00 00 55 00 00 00 00 00 00 00"},
	{"A.3 #11", "01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00",
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL,
	 "E3 35 94 D7 50 5E 43 B9 00 00 00 00 00 00 00 00"
	 "33 94 D7 50 5E 43 79 CD 01 00 00 00 00 00 00 00"
	 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	 "13 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
};

static void test_poly_kats(void)
{
	for (size_t v = 0; v < N_POLYS; v++) {
		for (size_t i = 0; i < sizeof poly_kats / sizeof poly_kats[0]; i++) {
			const struct poly_kat *k = &poly_kats[i];
			long before = test_failures();
			uint8_t key[32], msg[400], want[16], got[16];
			size_t len;
			mote_poly1305_ctx ctx;

			if (k->s) {
				CHECK_INT(hx(k->key, key, 16), 16);
				CHECK_INT(hx(k->s, key + 16, 16), 16);
			} else {
				CHECK_INT(hx(k->key, key, 32), 32);
			}
			if (k->msg_text) {
				len = strlen(k->msg_text);
				memcpy(msg, k->msg_text, len);
			} else {
				len = hx(k->msg_hex, msg, sizeof msg);
			}
			CHECK_INT(hx(k->tag, want, 16), 16);
			polys[v].init(&ctx, key);
			polys[v].update(&ctx, msg, len);
			polys[v].final(&ctx, got);
			CHECK_MEM(got, want, 16);
			if (test_failures() != before)
				fprintf(stderr, "  (%s, %s)\n", polys[v].name, k->what);
		}
	}
	printf("poly1305: %zu RFC 8439 vectors (A.3 #5-#11: final reduction) x %zu variants\n",
	       sizeof poly_kats / sizeof poly_kats[0], N_POLYS);
}

/* Accumulators at the edge of the final reduction, with a known answer:
 * with r = 1 and s = 0 the tag is (sum of the padded blocks) mod p, mod
 * 2^128. Block 1 is all ones (+ 2^128), block 2 is x (+ 2^128) with
 * x = 2^128 - 4 + d, so the sum is 4 * 2^128 - 5 + d = p + d: the code
 * must subtract p exactly when d >= 0. Tag: d for d >= 0, else the low
 * 128 bits of p + d, 2^128 - 5 + d. */
static void test_poly_reduction_edges(void)
{
	static const uint8_t r1[32] = {1};
	uint8_t m[32], tag[16], want[16];
	long bad = 0;

	for (size_t v = 0; v < N_POLYS; v++) {
		for (int d = -6; d <= 3; d++) {
			mote_poly1305_ctx ctx;
			memset(m, 0xff, 32);
			m[16] = (uint8_t)(0xfc + d);
			polys[v].init(&ctx, r1);
			polys[v].update(&ctx, m, 32);
			polys[v].final(&ctx, tag);
			memset(want, d >= 0 ? 0 : 0xff, 16);
			want[0] = (uint8_t)(d >= 0 ? d : 0xfb + d);
			bad += memcmp(tag, want, 16) != 0;
		}
	}
	CHECK_INT(bad, 0);
	printf("poly1305: accumulator = p-6..p+3 at the final reduction x %zu variants\n", N_POLYS);
}

/* Every split point of a 200-byte message, and byte-at-a-time, equals the
 * one-shot tag; all variants agree. */
static void test_poly_incremental(void)
{
	uint8_t key[32], msg[200], ref[16], tag[16];
	long bad = 0;

	test_rand_seed(0x9017);
	test_rand_bytes(key, sizeof key);
	test_rand_bytes(msg, sizeof msg);
	for (size_t v = 0; v < N_POLYS; v++) {
		mote_poly1305_ctx ctx;
		polys[v].init(&ctx, key);
		polys[v].update(&ctx, msg, sizeof msg);
		polys[v].final(&ctx, tag);
		if (v == 0)
			memcpy(ref, tag, 16);
		bad += memcmp(tag, ref, 16) != 0;
		for (size_t cut = 0; cut <= sizeof msg; cut++) {
			polys[v].init(&ctx, key);
			polys[v].update(&ctx, msg, cut);
			polys[v].update(&ctx, msg + cut, sizeof msg - cut);
			polys[v].final(&ctx, tag);
			bad += memcmp(tag, ref, 16) != 0;
		}
		polys[v].init(&ctx, key);
		for (size_t i = 0; i < sizeof msg; i++) {
			polys[v].update(&ctx, msg + i, 1);
			polys[v].update(&ctx, NULL, 0); /* mid-block: not read */
		}
		polys[v].final(&ctx, tag);
		bad += memcmp(tag, ref, 16) != 0;
	}
	CHECK_INT(bad, 0);
	printf("poly1305: 200-byte message split at every point x %zu variants\n", N_POLYS);
}

/* ---- AEAD ------------------------------------------------------------------ */

struct aead_kat {
	const char *what, *key, *nonce, *aad_hex, *pt_text, *ct, *tag;
};

static const struct aead_kat aead_kats[] = {
	{"2.8.2", key_80, "07000000 4041424344454647", "50 51 52 53 c0 c1 c2 c3 c4 c5 c6 c7",
	 sunscreen,
	 "d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2"
	 "a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6"
	 "3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b"
	 "1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36"
	 "92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58"
	 "fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc"
	 "3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b"
	 "61 16",
	 "1a:e1:0b:59:4f:09:e2:6a:7e:90:2e:cb:d0:60:06:91"},
	{"A.5", key_1c, "00 00 00 00 01 02 03 04 05 06 07 08", "f3 33 88 86 00 00 00 00 00 00 4e 91",
	 drafts,
	 "64 a0 86 15 75 86 1a f4 60 f0 62 c7 9b e6 43 bd"
	 "5e 80 5c fd 34 5c f3 89 f1 08 67 0a c7 6c 8c b2"
	 "4c 6c fc 18 75 5d 43 ee a0 9e e9 4e 38 2d 26 b0"
	 "bd b7 b7 3c 32 1b 01 00 d4 f0 3b 7f 35 58 94 cf"
	 "33 2f 83 0e 71 0b 97 ce 98 c8 a8 4a bd 0b 94 81"
	 "14 ad 17 6e 00 8d 33 bd 60 f9 82 b1 ff 37 c8 55"
	 "97 97 a0 6e f4 f0 ef 61 c1 86 32 4e 2b 35 06 38"
	 "36 06 90 7b 6a 7c 02 b0 f9 f6 15 7b 53 c8 67 e4"
	 "b9 16 6c 76 7b 80 4d 46 a5 9b 52 16 cd e7 a4 e9"
	 "90 40 c5 a4 04 33 22 5e e2 82 a1 b0 a0 6c 52 3e"
	 "af 45 34 d7 f8 3f a1 15 5b 00 47 71 8c bc 54 6a"
	 "0d 07 2b 04 b3 56 4e ea 1b 42 22 73 f5 48 27 1a"
	 "0b b2 31 60 53 fa 76 99 19 55 eb d6 31 59 43 4e"
	 "ce bb 4e 46 6d ae 5a 10 73 a6 72 76 27 09 7a 10"
	 "49 e6 17 d9 1d 36 10 94 fa 68 f0 ff 77 98 71 30"
	 "30 5b ea ba 2e da 04 df 99 7b 71 4d 6c 6f 2c 29"
	 "a6 ad 5c b4 02 2b 02 70 9b",
	 "ee ad 9d 67 89 0c bb 22 39 23 36 fe a1 85 1f 38"},
};

static void test_aead_kats(void)
{
	for (size_t i = 0; i < sizeof aead_kats / sizeof aead_kats[0]; i++) {
		const struct aead_kat *k = &aead_kats[i];
		uint8_t key[32], nonce[12], aad[16], want[300], buf[300], wtag[16], tag[16];
		size_t len = strlen(k->pt_text), aad_len;
		mote_chachapoly_ctx ctx;

		CHECK_INT(hx(k->key, key, 32), 32);
		CHECK_INT(hx(k->nonce, nonce, 12), 12);
		aad_len = hx(k->aad_hex, aad, sizeof aad);
		CHECK_INT(hx(k->ct, want, sizeof want), len);
		CHECK_INT(hx(k->tag, wtag, 16), 16);
		CHECK_INT(mote_chachapoly_init(&ctx, key, 32), 0);

		memcpy(buf, k->pt_text, len);
		CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, aad, aad_len, buf, len, tag), 0);
		CHECK_MEM(buf, want, len);
		CHECK_MEM(tag, wtag, 16);
		CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, wtag), 0);
		CHECK_MEM(buf, k->pt_text, len);

		/* A flipped bit anywhere is refused and buf stays ciphertext. */
		memcpy(buf, want, len);
		wtag[15] ^= 0x80;
		CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, wtag),
		          MOTE_ERR_AUTH_FAILED);
		CHECK_MEM(buf, want, len);
		wtag[15] ^= 0x80;
		buf[len - 1] ^= 1;
		CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, wtag),
		          MOTE_ERR_AUTH_FAILED);
		buf[len - 1] ^= 1;
		CHECK_MEM(buf, want, len);
		aad[0] ^= 1;
		CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, wtag),
		          MOTE_ERR_AUTH_FAILED);
		CHECK_MEM(buf, want, len);
		mote_chachapoly_clear(&ctx);
	}
	printf("chacha20-poly1305: %zu RFC 8439 AEAD vectors\n",
	       sizeof aead_kats / sizeof aead_kats[0]);
}

static void test_aead_errors(void)
{
	static const uint8_t zero[32];
	static const uint8_t zeros32[32];
	mote_chachapoly_ctx ctx, before;
	uint8_t nonce[16] = {0}, buf[32] = {0}, tag[16] = {0}, copy[32];

	memset(&ctx, 0x5a, sizeof ctx);
	before = ctx;
	CHECK_INT(mote_chachapoly_init(&ctx, zero, 16), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(mote_chachapoly_init(&ctx, zero, 31), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(mote_chachapoly_init(&ctx, zero, 33), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(mote_chachapoly_init(&ctx, zero, 0), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_MEM(&ctx, &before, sizeof ctx);
	CHECK_INT(mote_chachapoly_init(NULL, zero, 32), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_chachapoly_init(&ctx, NULL, 32), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_chachapoly_init(&ctx, zero, 32), 0);

	memcpy(copy, buf, sizeof buf);
	for (size_t n = 0; n <= 16; n++) {
		if (n == 12)
			continue;
		CHECK_INT(mote_chachapoly_seal(&ctx, nonce, n, NULL, 0, buf, 32, tag),
		          MOTE_ERR_BAD_NONCE_LENGTH);
		CHECK_INT(mote_chachapoly_open(&ctx, nonce, n, NULL, 0, buf, 32, tag),
		          MOTE_ERR_BAD_NONCE_LENGTH);
	}
	CHECK_MEM(buf, copy, sizeof buf);
	CHECK_MEM(tag, zeros32, 16);
	CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, NULL, 1, buf, 32, tag), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, NULL, 0, NULL, 1, tag), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_chachapoly_seal(&ctx, NULL, 12, NULL, 0, buf, 32, tag), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, NULL, 0, buf, 32, NULL), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_chachapoly_open(NULL, nonce, 12, NULL, 0, buf, 32, tag), MOTE_ERR_BAD_ARG);
#if SIZE_MAX > MOTE_CHACHAPOLY_MAX_LEN
	/* Checked before buf is touched, so a short buffer is safe here. */
	CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, NULL, 0, buf,
	                               (size_t)MOTE_CHACHAPOLY_MAX_LEN + 1, tag),
	          MOTE_ERR_MESSAGE_TOO_LONG);
	CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, NULL, 0, buf, SIZE_MAX, tag),
	          MOTE_ERR_MESSAGE_TOO_LONG);
	CHECK_MEM(buf, copy, sizeof buf);
#endif
	/* Empty message and aad: valid, the tag covers only the lengths. */
	CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, NULL, 0, NULL, 0, tag), 0);
	CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, NULL, 0, NULL, 0, tag), 0);
	tag[0] ^= 1;
	CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, NULL, 0, NULL, 0, tag),
	          MOTE_ERR_AUTH_FAILED);
	mote_chachapoly_clear(&ctx);
	CHECK_MEM(ctx.key, zeros32, 32);
}

/* ---- Wycheproof ------------------------------------------------------------- */

/* Public AEAD: valid vectors must seal to ct || tag and open; invalid ones
 * (wrong nonce sizes, modified tags) must be refused by open with buf
 * left as ciphertext, and by seal for the nonce sizes. */
static enum wp_verdict wp_aead(const struct json *group, const struct json *test, void *arg)
{
	size_t klen, nlen, alen, mlen, clen, tlen;
	uint8_t *key = wp_hex(test, "key", &klen), *iv = wp_hex(test, "iv", &nlen);
	uint8_t *aad = wp_hex(test, "aad", &alen), *msg = wp_hex(test, "msg", &mlen);
	uint8_t *ct = wp_hex(test, "ct", &clen), *tag = wp_hex(test, "tag", &tlen);
	uint8_t *buf = malloc(mlen + 1), gtag[16], wtag[16] = {0};
	mote_chachapoly_ctx ctx;
	enum wp_verdict verdict;
	int rc;

	(void)group;
	(void)arg;
	/* The wrong-nonce-size vectors come with an empty ct and tag. */
	CHECK(clen == mlen && (tlen == 16 || (nlen != 12 && tlen == 0)));
	memcpy(wtag, tag, tlen < 16 ? tlen : 16);
	CHECK_INT(mote_chachapoly_init(&ctx, key, klen), 0);

	memcpy(buf, msg, mlen);
	rc = mote_chachapoly_seal(&ctx, iv, nlen, aad, alen, buf, mlen, gtag);
	int sealed_ok = rc == 0 && memcmp(buf, ct, clen) == 0 && memcmp(gtag, wtag, 16) == 0;
	if (rc != 0)
		CHECK(rc == MOTE_ERR_BAD_NONCE_LENGTH && nlen != 12);

	memcpy(buf, ct, clen);
	rc = mote_chachapoly_open(&ctx, iv, nlen, aad, alen, buf, clen, wtag);
	if (rc == 0) {
		CHECK_MEM(buf, msg, mlen);
		CHECK(sealed_ok);
		verdict = WP_ACCEPT;
	} else {
		CHECK(rc == MOTE_ERR_AUTH_FAILED || (rc == MOTE_ERR_BAD_NONCE_LENGTH && nlen != 12));
		CHECK_MEM(buf, ct, clen);
		verdict = WP_REJECT;
	}
	mote_chachapoly_clear(&ctx);
	free(key), free(iv), free(aad), free(msg), free(ct), free(tag), free(buf);
	return verdict;
}

/* The same construction written out here over the scalar ChaCha20 and the
 * 32-bit Poly1305, so the Wycheproof Poly1305 edge cases reach that
 * variant too. Accepts when it reproduces ct and tag. */
static enum wp_verdict wp_aead_ct32(const struct json *group, const struct json *test, void *arg)
{
	static const uint8_t zeros[64];
	size_t klen, nlen, alen, mlen, clen, tlen;
	uint8_t *key = wp_hex(test, "key", &klen), *iv = wp_hex(test, "iv", &nlen);
	uint8_t *aad = wp_hex(test, "aad", &alen), *msg = wp_hex(test, "msg", &mlen);
	uint8_t *ct = wp_hex(test, "ct", &clen), *tag = wp_hex(test, "tag", &tlen);
	uint8_t *buf = malloc(mlen + 1), otk[32], lens[16], gtag[16];
	mote_poly1305_ctx mac;
	enum wp_verdict verdict = WP_REJECT;

	(void)group;
	(void)arg;
	if (nlen == 12 && klen == 32) {
		mote_chacha20_xor_ct(key, iv, 0, zeros, otk, 32);
		mote_chacha20_xor_ct(key, iv, 1, msg, buf, mlen);
		mote_poly1305_init_ct32(&mac, otk);
		mote_poly1305_update_ct32(&mac, aad, alen);
		mote_poly1305_update_ct32(&mac, zeros, (16 - alen % 16) % 16);
		mote_poly1305_update_ct32(&mac, buf, mlen);
		mote_poly1305_update_ct32(&mac, zeros, (16 - mlen % 16) % 16);
		for (int i = 0; i < 8; i++) {
			lens[i] = (uint8_t)((uint64_t)alen >> (8 * i));
			lens[8 + i] = (uint8_t)((uint64_t)mlen >> (8 * i));
		}
		mote_poly1305_update_ct32(&mac, lens, 16);
		mote_poly1305_final_ct32(&mac, gtag);
		if (tlen == 16 && memcmp(buf, ct, clen) == 0 && memcmp(gtag, tag, 16) == 0)
			verdict = WP_ACCEPT;
	}
	free(key), free(iv), free(aad), free(msg), free(ct), free(tag), free(buf);
	return verdict;
}

int main(void)
{
	test_chacha_kats();
	test_chacha_lengths();
	test_chacha_counter_wrap();
	test_poly_kats();
	test_poly_reduction_edges();
	test_poly_incremental();
	test_aead_kats();
	test_aead_errors();
	wp_run("chacha20_poly1305_test.json", wp_aead, NULL);
	wp_run("chacha20_poly1305_test.json", wp_aead_ct32, NULL);
	return test_finish("test_chachapoly");
}
