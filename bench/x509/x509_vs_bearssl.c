/*
 * The streaming X.509 engine beside BearSSL's br_x509_minimal engine (the
 * libbearssl-dev package), same chains, same chunking: context size and
 * peak stack of one chain validation, measured by painting (each run on
 * its own painted stack, ucontext), minus an empty function's figure.
 * Chains: tests/data/pki (leaf + intermediate, root as anchor), fed in
 * random chunks of 1..200 bytes. BearSSL's minimal engine has no RSA-PSS
 * or Ed25519, so those chains are Mote-only in the table.
 *
 *   sh bench/x509/run.sh          (builds build/ first if needed)
 *
 * docs/X509.md quotes the output.
 */
#include <bearssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/rsa.h"
#include "stackpaint.h"
#include "x509_fixture.h"

#define NOW 1748736000

static const fx_chain *chain;
static int rc;

/* Mote */
static uint8_t scratch[MOTE_RSA_VERIFY_SCRATCH(4096)];
static mote_x509_ctx mctx;
static mote_x509_policy mpol;

/* BearSSL */
static br_x509_minimal_context bctx;
static br_x509_trust_anchor bta;
static uint8_t bdn[1024], bkey[1024];
static size_t bdn_len;

static void nothing(void)
{
	rc = 0;
}

static size_t chunk(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return 1 + (*s >> 16) % 200;
}

static void run_mote(void)
{
	uint32_t s = 1;

	mote_x509_init(&mctx, &mpol, scratch, sizeof scratch);
	rc = mote_x509_start_chain(&mctx);
	for (size_t i = 0; i < chain->n && !rc; i++) {
		rc = mote_x509_start_cert(&mctx, (uint32_t)chain->len[i]);
		for (size_t off = 0, n; !rc && off < chain->len[i]; off += n) {
			n = chunk(&s);
			n = n < chain->len[i] - off ? n : chain->len[i] - off;
			rc = mote_x509_append(&mctx, chain->der[i] + off, n);
		}
		if (!rc)
			rc = mote_x509_end_cert(&mctx);
	}
	if (!rc)
		rc = mote_x509_end_chain(&mctx);
}

static void run_bearssl(void)
{
	const br_x509_class **vt = &bctx.vtable;
	uint32_t s = 1;

	br_x509_minimal_init(&bctx, &br_sha256_vtable, &bta, 1);
	br_x509_minimal_set_hash(&bctx, br_sha256_ID, &br_sha256_vtable);
	br_x509_minimal_set_hash(&bctx, br_sha384_ID, &br_sha384_vtable);
	br_x509_minimal_set_hash(&bctx, br_sha512_ID, &br_sha512_vtable);
	br_x509_minimal_set_rsa(&bctx, br_rsa_pkcs1_vrfy_get_default());
	br_x509_minimal_set_ecdsa(&bctx, br_ec_get_default(), br_ecdsa_vrfy_asn1_get_default());
	br_x509_minimal_set_time(&bctx, 719528 + NOW / 86400, NOW % 86400);
	(*vt)->start_chain(vt, "www.example.com");
	for (size_t i = 0; i < chain->n; i++) {
		(*vt)->start_cert(vt, (uint32_t)chain->len[i]);
		for (size_t off = 0, n; off < chain->len[i]; off += n) {
			n = chunk(&s);
			n = n < chain->len[i] - off ? n : chain->len[i] - off;
			(*vt)->append(vt, chain->der[i] + off, n);
		}
		(*vt)->end_cert(vt);
	}
	rc = (int)(*vt)->end_chain(vt);
}

static void dn_append(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	memcpy(bdn + bdn_len, buf, len);
	bdn_len += len;
}

/* BearSSL trust anchor from the root certificate. */
static void bearssl_anchor(const fx_chain *root)
{
	br_x509_decoder_context d;
	br_x509_pkey *pk;

	bdn_len = 0;
	br_x509_decoder_init(&d, dn_append, NULL);
	br_x509_decoder_push(&d, root->der[0], root->len[0]);
	pk = br_x509_decoder_get_pkey(&d);
	bta.dn.data = bdn;
	bta.dn.len = bdn_len;
	bta.flags = BR_X509_TA_CA;
	bta.pkey = *pk;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		memcpy(bkey, pk->key.rsa.n, pk->key.rsa.nlen);
		memcpy(bkey + 512, pk->key.rsa.e, pk->key.rsa.elen);
		bta.pkey.key.rsa.n = bkey;
		bta.pkey.key.rsa.e = bkey + 512;
	} else {
		memcpy(bkey, pk->key.ec.q, pk->key.ec.qlen);
		bta.pkey.key.ec.q = bkey;
	}
}

int main(void)
{
	static const char *chains[][3] = {
		{"p256", "root_p256", "y"},       {"p384", "root_p384", "y"},
		{"rsa2048", "root_rsa2048", "y"}, {"rsa4096", "root_rsa4096", "y"},
		{"mixed", "root_rsa4096", "y"},   {"pss", "root_pss", "n"},
		{"ed25519", "root_ed25519", "n"},
	};
	size_t base = stackpaint_measure(nothing);

	printf("context size (bytes): Mote mote_x509_ctx %zu, BearSSL br_x509_minimal_context %zu\n",
	       sizeof(mote_x509_ctx), sizeof(br_x509_minimal_context));
	printf("peak stack of one validation (bytes):\n%-10s %8s %8s\n", "chain", "Mote", "BearSSL");
	for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
		fx_chain c, root;
		fx_anchors a;
		char rel[128];
		size_t ms, bs = 0;
		int mrc, brc = -1;

		fx_load_chain(chains[i][0], &c);
		fx_load_anchors(chains[i][1], &a);
		snprintf(rel, sizeof rel, "pki/certs/%s.pem", chains[i][1]);
		fx_load_pem_certs(rel, &root);
		chain = &c;
		mote_x509_policy_init(&mpol, a.ta, a.n);
		mote_x509_policy_set_time(&mpol, NOW);
		mote_x509_policy_set_host(&mpol, "www.example.com", 15);
		ms = stackpaint_measure(run_mote) - base;
		mrc = rc;
		if (chains[i][2][0] == 'y') {
			bearssl_anchor(&root);
			bs = stackpaint_measure(run_bearssl) - base;
			brc = rc;
		}
		if (chains[i][2][0] == 'y')
			printf("%-10s %8zu %8zu   (verdicts: Mote %d, BearSSL %d)\n", chains[i][0], ms, bs,
			       mrc, brc);
		else
			printf("%-10s %8zu %8s   (verdict: Mote %d)\n", chains[i][0], ms, "-", mrc);
		fx_free_chain(&c);
		fx_free_chain(&root);
	}
	return 0;
}
