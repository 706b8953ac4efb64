/*
 * Test PKI fixtures (tests/data/pki, made by gen.sh with the openssl CLI)
 * for the X.509 tests: chains as DER certificate lists, anchors built
 * from root certificates, openssl's pins. Test code: allocates, exits on
 * missing files.
 */
#ifndef MOTE_TEST_X509_FIXTURE_H
#define MOTE_TEST_X509_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/error.h"
#include "mote/pem.h"
#include "mote/x509.h"
#include "testfile.h"

#define FX_MAX_CERTS 12

typedef struct {
	size_t n;
	uint8_t *der[FX_MAX_CERTS];
	size_t len[FX_MAX_CERTS];
} fx_chain;

/* Every CERTIFICATE block of tests/data/<rel>. */
static inline void fx_load_pem_certs(const char *rel, fx_chain *c)
{
	mote_pem_reader r;
	mote_pem_block blk;
	size_t len;
	char *text = (char *)TEST_READ_DATA(rel, &len);

	c->n = 0;
	mote_pem_init(&r, text, len);
	for (;;) {
		uint8_t *buf = malloc(len);
		int err = mote_pem_next(&r, &blk, buf, len);

		if (err) {
			free(buf);
			if (err != MOTE_ERR_PEM_NOT_FOUND) {
				fprintf(stderr, "%s: %s\n", rel, mote_error_name(err));
				exit(2);
			}
			break;
		}
		if (c->n == FX_MAX_CERTS) {
			fprintf(stderr, "%s: too many certificates\n", rel);
			exit(2);
		}
		c->der[c->n] = buf;
		c->len[c->n++] = blk.der_len;
	}
	free(text);
}

static inline void fx_load_chain(const char *name, fx_chain *c)
{
	char rel[256];

	snprintf(rel, sizeof rel, "pki/chains/%s.pem", name);
	fx_load_pem_certs(rel, c);
}

static inline void fx_free_chain(fx_chain *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->der[i]);
	c->n = 0;
}

/* Anchors from certs/NAME.pem for each space-separated name. */
typedef struct {
	mote_trust_anchor ta[8];
	size_t n;
	uint8_t arena[8 * 600];
	size_t used;
} fx_anchors;

static inline void fx_load_anchors(const char *names, fx_anchors *a)
{
	char name[64], rel[256];
	const char *p = names;

	a->n = 0;
	a->used = 0;
	while (*p) {
		size_t k = strcspn(p, " ");
		fx_chain c;
		int err;

		snprintf(name, sizeof name, "%.*s", (int)k, p);
		p += k + (p[k] == ' ');
		if (k == 0)
			continue;
		snprintf(rel, sizeof rel, "pki/certs/%s.pem", name);
		fx_load_pem_certs(rel, &c);
		err = mote_ta_from_der(&a->ta[a->n], c.der[0], c.len[0], a->arena, sizeof a->arena,
		                       &a->used);
		if (err) {
			fprintf(stderr, "anchor %s: %s\n", name, mote_error_name(err));
			exit(2);
		}
		a->n++;
		fx_free_chain(&c);
	}
}

/* openssl's SHA-256 of certs/NAME.pem's SPKI (which = 0) or DER (1). */
static inline void fx_pin(const char *name, int which, uint8_t out[32])
{
	size_t len, k = strlen(name);
	char *text = (char *)TEST_READ_DATA("pki/pins.txt", &len);
	char *line = text;

	while (line && *line) {
		if (strncmp(line, name, k) == 0 && line[k] == ' ') {
			char *hex = line + k + 1 + (which ? 65 : 0);
			for (int i = 0; i < 32; i++) {
				unsigned v;
				sscanf(hex + 2 * i, "%2x", &v);
				out[i] = (uint8_t)v;
			}
			free(text);
			return;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	fprintf(stderr, "no pin for %s\n", name);
	exit(2);
}

#endif
