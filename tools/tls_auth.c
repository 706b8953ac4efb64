/* Trust anchors and pins for the TLS subcommands (see tls_auth.h). */
#include "tls_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/error.h"

extern const mote_trust_anchor mote_system_anchors[];
extern const size_t mote_system_anchors_count;

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

int tls_auth_load_ca(struct tls_auth *a, mote_config *cfg, const char *file, const char *dir)
{
	char path[512];
	size_t len = 0, count = 0, used = 0, cap;
	uint8_t *der;
	char *pem;
	int err;

	snprintf(path, sizeof path, "%s%s%s", dir ? dir : "", dir ? "/" : "", file);
	pem = read_all(path, &len);
	if (!pem) {
		fprintf(stderr, "mote: cannot read %s\n", path);
		return MOTE_ERR_BAD_ARG;
	}
	/* A certificate is at least ~300 PEM bytes: len / 300 + 1 anchors
	 * and len bytes of keys are always enough. */
	cap = len / 300 + 1;
	a->tas = calloc(cap, sizeof *a->tas);
	a->arena = malloc(len + 1);
	der = malloc(len + 1);
	err = (a->tas && a->arena && der)
	              ? mote_ta_load_pem(a->tas, cap, &count, pem, len, der, len + 1, a->arena,
	                                 len + 1, &used)
	              : MOTE_ERR_BAD_ARG;
	free(der);
	free(pem);
	if (!err && count == 0)
		err = MOTE_ERR_PEM_NOT_FOUND;
	if (err) {
		fprintf(stderr, "mote: %s: %s (%s)\n", path, mote_error_name(err), mote_strerror(err));
		return err;
	}
	cfg->verify.anchors = a->tas;
	cfg->verify.n_anchors = count;
	return 0;
}

int tls_auth_system(mote_config *cfg)
{
	if (mote_system_anchors_count == 0)
		return -1;
	cfg->verify.anchors = mote_system_anchors;
	cfg->verify.n_anchors = mote_system_anchors_count;
	return 0;
}

int tls_auth_add_pin(struct tls_auth *a, mote_config *cfg, const char *hex)
{
	uint8_t *pin;
	size_t n = 0;

	if (a->n_pins >= TLS_AUTH_MAX_PINS)
		return MOTE_ERR_BAD_ARG;
	pin = a->pins[a->n_pins];
	while (*hex && n < MOTE_X509_PIN_SIZE) {
		unsigned v;
		if (*hex == ':') {
			hex++;
			continue;
		}
		if (sscanf(hex, "%2x", &v) != 1 || !hex[1])
			return MOTE_ERR_BAD_ARG;
		pin[n++] = (uint8_t)v;
		hex += 2;
	}
	if (n != MOTE_X509_PIN_SIZE || *hex)
		return MOTE_ERR_BAD_ARG;
	a->n_pins++;
	cfg->verify.pins = (const uint8_t(*)[MOTE_X509_PIN_SIZE])a->pins;
	cfg->verify.n_pins = a->n_pins;
	cfg->verify.pin_mode = MOTE_X509_PIN_LEAF_SPKI;
	return 0;
}

void tls_auth_free(struct tls_auth *a)
{
	free(a->tas);
	free(a->arena);
	a->tas = NULL;
	a->arena = NULL;
}
