/*
 * libFuzzer harness for the streaming X.509 engine and the trust-anchor
 * reader, through the entry point the TLS handshake uses:
 *   input = one control byte, then the certificate_list of a Certificate
 *   message (its 3-byte length first), TLS 1.2 or 1.3 framing.
 * Control byte: bit 0 TLS 1.3; bits 1-3 trust mode (anchors, the three
 * pin modes, insecure); bit 4 match an IP instead of a host name.
 * Every certificate found in the list also goes through
 * mote_ta_from_der(), and the last ones become the trust anchors, so that
 * chains from the seed corpus (tests/data/pki chains with their root
 * appended) reach full signature verification.
 * Invariants (abort on violation):
 *   - the verdict is the same fed whole and fed in chunks of varying size
 *     (chunk sizes drawn from the input, one byte included);
 *   - a valid verdict hands over a leaf key that lies inside the context.
 * Seed corpus: fuzz/corpus/x509/ (made by fuzz/corpus/make_x509.sh).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/error.h"
#include "mote/rsa.h"
#include "mote/sha2.h"
#include "mote/x509.h"

#define NOW 1748736000
#define MAX_ANCHORS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t scratch[MOTE_RSA_VERIFY_SCRATCH(4096)];
static mote_x509_ctx whole, chunked;

static void require(int ok)
{
	if (!ok)
		abort();
}

static uint32_t get24(const uint8_t *p)
{
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

struct certs {
	const uint8_t *p[64];
	size_t len[64];
	size_t n;
};

/* The certificates of the list, as far as its framing holds. */
static void split(const uint8_t *d, size_t n, int tls13, struct certs *c)
{
	size_t off = 3;

	c->n = 0;
	while (off + 3 <= n && c->n < 64) {
		size_t len = get24(d + off);

		if (len > n - off - 3)
			return;
		c->p[c->n] = d + off + 3;
		c->len[c->n++] = len;
		off += 3 + len;
		if (tls13) {
			if (off + 2 > n)
				return;
			off += 2 + ((size_t)d[off] << 8 | d[off + 1]);
		}
	}
}

static int feed(mote_x509_ctx *ctx, const mote_x509_policy *p, int tls13, const uint8_t *d,
                size_t n, uint32_t seed)
{
	size_t off = 0;
	int err = 0;

	mote_x509_init(ctx, p, scratch, sizeof scratch);
	while (!err && off < n) {
		size_t k = n - off;

		if (seed) {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			k = seed % 4 == 0 ? 1 : 1 + seed % 97;
			k = k < n - off ? k : n - off;
		}
		err = mote_x509_feed_tls(ctx, tls13, d + off, k);
		off += k;
	}
	return err ? err : mote_x509_tls_finish(ctx);
}

static void check_leaf_key(const mote_x509_ctx *ctx)
{
	const uint8_t *lo = (const uint8_t *)ctx, *hi = lo + sizeof *ctx, *k;
	mote_pkey key;
	size_t len;

	require(mote_x509_leaf_key(ctx, &key) == 0);
	if (key.type == MOTE_PKEY_RSA) {
		k = key.u.rsa.n;
		len = key.u.rsa.n_len;
	} else if (key.type == MOTE_PKEY_EC) {
		k = key.u.ec.point;
		len = key.u.ec.point_len;
	} else {
		require(key.type == MOTE_PKEY_ED25519);
		k = key.u.ed25519.pub;
		len = 32;
	}
	require(k >= lo && k + len <= hi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t ip[4] = {192, 0, 2, 1};
	static mote_trust_anchor tas[MAX_ANCHORS];
	static uint8_t arena[MAX_ANCHORS * 520];
	uint8_t pins[2][MOTE_X509_PIN_SIZE];
	mote_x509_policy pol;
	struct certs c;
	size_t used = 0, nta = 0;
	uint32_t seed = 0x9E3779B9;
	int tls13, mode, a, b;

	if (size < 1)
		return 0;
	tls13 = data[0] & 1;
	mode = (data[0] >> 1 & 7) % 5;
	for (size_t i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 16777619u;
	seed |= 1;
	split(data + 1, size - 1, tls13, &c);
	for (size_t i = 0; i < c.n; i++) {
		mote_trust_anchor ta;
		size_t u = used;

		if (mote_ta_from_der(&ta, c.p[i], c.len[i], arena, sizeof arena, &u) != 0)
			continue;
		if (i + MAX_ANCHORS >= c.n && nta < MAX_ANCHORS) {
			tas[nta++] = ta;
			used = u;
		}
	}
	mote_x509_policy_init(&pol, tas, nta);
	mote_x509_policy_set_time(&pol, NOW);
	if (data[0] & 0x10)
		mote_x509_policy_set_ip(&pol, ip, 4);
	else
		mote_x509_policy_set_host(&pol, "www.example.com", 15);
	/* A pin that matches nothing, and the leaf certificate's hash. */
	memset(pins[0], 0x5A, sizeof pins[0]);
	memset(pins[1], 0, sizeof pins[1]);
	if (c.n > 0)
		mote_sha256(c.p[0], c.len[0], pins[1]);
	if (mode >= 1 && mode <= 3)
		mote_x509_policy_pin(&pol, (mote_x509_trust)mode, (const uint8_t(*)[32])pins, 2);
	if (mode == 4)
		mote_x509_policy_insecure_no_verification(&pol);
	a = feed(&whole, &pol, tls13, data + 1, size - 1, 0);
	b = feed(&chunked, &pol, tls13, data + 1, size - 1, seed);
	require(a == b);
	if (a == 0)
		check_leaf_key(&whole);
	return 0;
}
