/*
 * The Debian CA bundle (/etc/ssl/certs/ca-certificates.crt, 100+ real
 * certificates from many CAs and eras: PrintableString, UTF8String,
 * BMPString and TeletexString names, RSA 2048-4096 and EC P-256/P-384
 * keys, v1 and v3) through both of Mote's certificate readers:
 *   - every certificate converts to a trust anchor (mote_ta_load_pem):
 *     the count must equal the file's CERTIFICATE blocks; the count and
 *     the bytes the anchors take are printed (docs/X509.md quotes them);
 *   - every certificate streams through the engine, alone, fed in random
 *     chunks (every 8th byte by byte), with the bundle as anchors: it
 *     must parse, its subject hash from the stream must equal its
 *     anchor's name hash from the DER reader, and it must be trusted as
 *     itself (OK), or fail only on a leaf rule a root does not meet
 *     (keyUsage without digitalSignature, or validity at "now").
 */
#include <time.h>

#include "mote/rsa.h"
#include "test.h"
#include "x509_fixture.h"

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static uint8_t scratch[MOTE_RSA_VERIFY_SCRATCH(4096)];
static mote_x509_ctx ctx;

static int feed(const mote_x509_policy *p, const uint8_t *der, size_t len, int bytewise)
{
	size_t off = 0;
	int err;

	mote_x509_init(&ctx, p, scratch, sizeof scratch);
	err = mote_x509_start_chain(&ctx);
	if (!err)
		err = mote_x509_start_cert(&ctx, (uint32_t)len);
	while (!err && off < len) {
		size_t n = bytewise ? 1 : 1 + test_rand32() % 200;

		n = n < len - off ? n : len - off;
		err = mote_x509_append(&ctx, der + off, n);
		off += n;
	}
	if (!err)
		err = mote_x509_end_cert(&ctx);
	return err ? err : mote_x509_end_chain(&ctx);
}

static size_t count_blocks(const char *text)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, "-----BEGIN CERTIFICATE-----")) != NULL; p++)
		n++;
	return n;
}

int main(void)
{
	size_t len, n = 0, used = 0, cap, ok = 0, ku = 0, time_fail = 0;
	mote_x509_policy p;
	mote_trust_anchor *tas;
	mote_pem_reader r;
	mote_pem_block blk;
	uint8_t *arena, *der;
	char *text = (char *)test_read_path(BUNDLE, &len);

	if (!text) {
		fprintf(stderr, "test_x509_bundle: %s missing (package ca-certificates)\n", BUNDLE);
		return 1;
	}
	test_rand_seed(144);
	cap = count_blocks(text);
	tas = calloc(cap + 1, sizeof *tas);
	arena = malloc(len);
	der = malloc(len);
	CHECK_INT(mote_ta_load_pem(tas, cap + 1, &n, text, len, der, len, arena, len, &used), 0);
	CHECK_INT(n, cap);
	CHECK(n >= 100);
	printf("test_x509_bundle: %s: %zu certificates -> %zu anchors, %zu bytes of structs "
	       "(%zu each) + %zu key bytes = %zu bytes\n",
	       BUNDLE, cap, n, n * sizeof *tas, sizeof *tas, used, n * sizeof *tas + used);

	mote_x509_policy_init(&p, tas, n);
	mote_x509_policy_set_time(&p, (int64_t)time(NULL));
	mote_pem_init(&r, text, len);
	for (size_t i = 0; mote_pem_next(&r, &blk, der, len) == 0; i++) {
		int err = feed(&p, blk.der, blk.der_len, i % 8 == 0);

		CHECK(i < n);
		if (i >= n)
			break;
		CHECK_MEM(ctx.cur_subject, tas[i].name_hash, MOTE_X509_NAME_HASH_SIZE);
		ok += err == 0;
		ku += err == MOTE_ERR_X509_KEY_USAGE_LEAF;
		time_fail += err == MOTE_ERR_X509_EXPIRED || err == MOTE_ERR_X509_NOT_YET_VALID;
		if (err && err != MOTE_ERR_X509_KEY_USAGE_LEAF && err != MOTE_ERR_X509_EXPIRED &&
		    err != MOTE_ERR_X509_NOT_YET_VALID) {
			fprintf(stderr, "bundle certificate %zu: %s\n", i, mote_error_name(err));
			CHECK_INT(err, 0);
		}
	}
	CHECK_INT(ok + ku + time_fail, n);
	CHECK(ok > 0);
	printf("test_x509_bundle: streamed: %zu trusted as their own anchor, %zu without "
	       "digitalSignature, %zu outside their validity now\n",
	       ok, ku, time_fail);
	free(text);
	free(tas);
	free(arena);
	free(der);
	return test_finish("test_x509_bundle");
}
