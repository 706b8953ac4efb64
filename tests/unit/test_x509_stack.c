/*
 * Peak stack of the X.509 engine, measured by painting: each run feeds a
 * whole test chain (TLS 1.3 framing, random chunks) on its own painted
 * stack (ucontext); the deepest overwritten byte, minus the same measure
 * for an empty function, is the peak. Reported:
 *   - the engine alone (leaf-certificate pin mode: DER decoding, names,
 *     hashes, no signature verification): checked against
 *     MOTE_X509_ENGINE_STACK (mote/x509.h) in unsanitised builds;
 *   - full validation per signature algorithm, which adds the verifier
 *     (RSA, ECDSA, Ed25519) on top of the engine's frames.
 * Sanitisers change frame sizes, so there the figures are only printed.
 * docs/X509.md quotes these figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/rsa.h"
#include "stackpaint.h"
#include "test.h"
#include "x509_fixture.h"

#define NOW 1748736000

static uint8_t scratch[MOTE_RSA_VERIFY_SCRATCH(4096)];
static mote_x509_ctx ctx;
static mote_x509_policy pol;
static uint8_t *list;
static size_t list_len;
static int op_rc;

static void nothing(void)
{
	op_rc = 0;
}

static void run_chain(void)
{
	size_t off = 0;
	uint32_t s = 12345;

	mote_x509_init(&ctx, &pol, scratch, sizeof scratch);
	op_rc = 0;
	while (!op_rc && off < list_len) {
		size_t n;

		s = s * 1103515245u + 12345u;
		n = 1 + (s >> 16) % 200;
		n = n < list_len - off ? n : list_len - off;
		op_rc = mote_x509_feed_tls(&ctx, 1, list + off, n);
		off += n;
	}
	if (!op_rc)
		op_rc = mote_x509_tls_finish(&ctx);
}

/* TLS 1.3 certificate_list of the chain (no entry extensions). */
static void make_list(const fx_chain *c)
{
	size_t total = 3;
	uint8_t *p;

	for (size_t i = 0; i < c->n; i++)
		total += 5 + c->len[i];
	list = p = malloc(total);
	p[0] = (uint8_t)((total - 3) >> 16);
	p[1] = (uint8_t)((total - 3) >> 8);
	p[2] = (uint8_t)(total - 3);
	p += 3;
	for (size_t i = 0; i < c->n; i++) {
		p[0] = (uint8_t)(c->len[i] >> 16);
		p[1] = (uint8_t)(c->len[i] >> 8);
		p[2] = (uint8_t)c->len[i];
		memcpy(p + 3, c->der[i], c->len[i]);
		p[3 + c->len[i]] = 0;
		p[4 + c->len[i]] = 0;
		p += 5 + c->len[i];
	}
	list_len = total;
}

static size_t chain_stack(const char *chain, const char *root, int pin_cert, size_t base)
{
	uint8_t pins[1][32];
	fx_anchors a;
	fx_chain c;
	size_t used;

	fx_load_chain(chain, &c);
	fx_load_anchors(root, &a);
	mote_x509_policy_init(&pol, a.ta, a.n);
	mote_x509_policy_set_time(&pol, NOW);
	mote_x509_policy_set_host(&pol, "www.example.com", 15);
	if (pin_cert) {
		mote_sha256(c.der[0], c.len[0], pins[0]);
		mote_x509_policy_pin(&pol, MOTE_X509_PIN_LEAF_CERT, (const uint8_t(*)[32])pins, 1);
	}
	make_list(&c);
	used = stackpaint_measure(run_chain) - base;
	CHECK_INT(op_rc, 0);
	printf("test_x509_stack: %-8s %-22s %5zu bytes\n", chain,
	       pin_cert ? "engine (no signature)" : "full validation", used);
	free(list);
	fx_free_chain(&c);
	return used;
}

int main(void)
{
	size_t base = stackpaint_measure(nothing), engine, peak = 0;
	static const char *chains[][2] = {
		{"p256", "root_p256"},       {"p384", "root_p384"},         {"rsa2048", "root_rsa2048"},
		{"rsa4096", "root_rsa4096"}, {"pss", "root_pss"},           {"ed25519", "root_ed25519"},
		{"mixed", "root_rsa4096"},   {"nc_ok", "root_p256"},
	};

	engine = chain_stack("rsa4096", "root_rsa4096", 1, base);
	for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
		size_t s = chain_stack(chains[i][0], chains[i][1], 0, base);
		peak = s > peak ? s : peak;
	}
	printf("test_x509_stack: engine %zu bytes, peak with verification %zu bytes%s\n", engine,
	       peak, TEST_SANITIZED ? " (sanitized build: not checked)" : "");
	if (!TEST_SANITIZED) {
		CHECK(engine <= MOTE_X509_ENGINE_STACK);
		CHECK(peak <= MOTE_X509_PEAK_STACK);
	}
	return test_finish("test_x509_stack");
}
