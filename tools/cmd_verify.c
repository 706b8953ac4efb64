/*
 * mote verify --chain CHAIN.pem (--ca ROOTS.pem | --anchors)
 *             [--host NAME | --ip ADDR] [--time UNIX_SECONDS]
 *             [--purpose server|client] [--max-depth N] [--chunk N] [--tls13]
 *
 * Feeds CHAIN.pem (the leaf first, then what a server would send) through
 * the streaming X.509 engine exactly as the TLS handshake does: framed as
 * a Certificate message's certificate_list (TLS 1.2, or TLS 1.3 with
 * --tls13) and cut into random chunk sizes (or N bytes with --chunk).
 * Prints OK or the specific error name; exit status 0 only when valid.
 *   --ca ROOTS.pem  trust anchors loaded at run time from a PEM bundle
 *   --anchors       the anchors compiled into this tool at build time
 *                   (`mote ta` over the system bundle, see CMakeLists.txt)
 *   --time          validity time, default now
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mote/error.h"
#include "mote/pem.h"
#include "mote/rsa.h"
#include "mote/x509.h"

#include "cmd.h"

/* Generated at build time from the system bundle (or empty). */
extern const mote_trust_anchor mote_system_anchors[];
extern const size_t mote_system_anchors_count;

struct verify_opts {
	const char *chain, *ca, *host, *ip;
	int anchors, tls13, client;
	long long time;
	unsigned max_depth;
	size_t chunk;
};

static uint8_t verify_scratch[MOTE_RSA_VERIFY_SCRATCH(4096)];

static char *verify_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = 0;
		*len = (size_t)n;
	}
	return buf;
}

/* The certificate_list of a Certificate message: 3-byte length, then per
 * certificate a 3-byte length and its DER (+ empty extensions in 1.3). */
static uint8_t *verify_list(const char *pem, size_t len, int tls13, size_t *out_len, int *count)
{
	uint8_t *m = malloc(len + 16), *p = m + 3, *der = malloc(len + 1);
	mote_pem_reader r;
	mote_pem_block blk;
	int err;

	*count = 0;
	mote_pem_init(&r, pem, len);
	while (m && der && (err = mote_pem_next(&r, &blk, der, len + 1)) == 0) {
		if (!mote_pem_label_is(&blk, "CERTIFICATE"))
			continue;
		p[0] = (uint8_t)(blk.der_len >> 16);
		p[1] = (uint8_t)(blk.der_len >> 8);
		p[2] = (uint8_t)blk.der_len;
		memcpy(p + 3, blk.der, blk.der_len);
		p += 3 + blk.der_len;
		if (tls13) {
			*p++ = 0;
			*p++ = 0;
		}
		(*count)++;
	}
	free(der);
	if (!m)
		return NULL;
	*out_len = (size_t)(p - m);
	m[0] = (uint8_t)((*out_len - 3) >> 16);
	m[1] = (uint8_t)((*out_len - 3) >> 8);
	m[2] = (uint8_t)(*out_len - 3);
	return m;
}

static int verify_usage(void)
{
	fprintf(stderr, "usage: mote verify --chain CHAIN.pem (--ca ROOTS.pem | --anchors)\n"
	                "         [--host NAME | --ip ADDR] [--time UNIX_SECONDS]\n"
	                "         [--purpose server|client] [--max-depth N] [--chunk N] [--tls13]\n");
	return 2;
}

static int verify_args(int argc, char **argv, struct verify_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--anchors") == 0) {
			o->anchors = 1;
			continue;
		}
		if (strcmp(a, "--tls13") == 0) {
			o->tls13 = 1;
			continue;
		}
		if (!v)
			return -1;
		i++;
		if (strcmp(a, "--chain") == 0)
			o->chain = v;
		else if (strcmp(a, "--ca") == 0)
			o->ca = v;
		else if (strcmp(a, "--host") == 0)
			o->host = v;
		else if (strcmp(a, "--ip") == 0)
			o->ip = v;
		else if (strcmp(a, "--time") == 0)
			o->time = atoll(v);
		else if (strcmp(a, "--max-depth") == 0)
			o->max_depth = (unsigned)atoi(v);
		else if (strcmp(a, "--chunk") == 0)
			o->chunk = (size_t)atol(v);
		else if (strcmp(a, "--purpose") == 0 && strcmp(v, "client") == 0)
			o->client = 1;
		else if (strcmp(a, "--purpose") != 0 || strcmp(v, "server") != 0)
			return -1;
	}
	if (!o->chain || (!o->ca == !o->anchors) || (o->host && o->ip))
		return -1;
	return 0;
}

/* Anchors from --ca (run time) or --anchors (compiled in). */
static int verify_anchors(const struct verify_opts *o, mote_x509_policy *p,
                          mote_trust_anchor **tas, uint8_t **arena)
{
	size_t len, n = 0, used = 0;
	char *pem;
	uint8_t *der;
	int err;

	if (o->anchors) {
		if (mote_system_anchors_count == 0) {
			fprintf(stderr, "mote verify: no anchors were compiled in\n");
			return -1;
		}
		mote_x509_policy_init(p, mote_system_anchors, mote_system_anchors_count);
		return 0;
	}
	pem = verify_read(o->ca, &len);
	if (!pem) {
		fprintf(stderr, "mote verify: cannot read %s\n", o->ca);
		return -1;
	}
	*tas = calloc(len / 100 + 1, sizeof **tas);
	*arena = malloc(len + 1);
	der = malloc(len + 1);
	err = (*tas && *arena && der) ? mote_ta_load_pem(*tas, len / 100 + 1, &n, pem, len, der,
	                                                 len + 1, *arena, len + 1, &used)
	                              : MOTE_ERR_BUFFER_TOO_SMALL;
	free(der);
	free(pem);
	if (err) {
		fprintf(stderr, "mote verify: %s: %s\n", o->ca, mote_error_name(err));
		return -1;
	}
	mote_x509_policy_init(p, *tas, n);
	return 0;
}

static int verify_name(const struct verify_opts *o, mote_x509_policy *p)
{
	uint8_t ip[16];

	if (o->host)
		return mote_x509_policy_set_host(p, o->host, strlen(o->host));
	if (!o->ip)
		return 0;
	if (inet_pton(AF_INET, o->ip, ip) == 1)
		return mote_x509_policy_set_ip(p, ip, 4);
	if (inet_pton(AF_INET6, o->ip, ip) == 1)
		return mote_x509_policy_set_ip(p, ip, 16);
	return MOTE_ERR_BAD_ARG;
}

/* Feed the list in chunks; the verdict. */
static int verify_feed(mote_x509_ctx *ctx, const struct verify_opts *o, const uint8_t *m,
                       size_t len)
{
	uint32_t seed = (uint32_t)time(NULL) ^ (uint32_t)getpid() << 16;
	size_t off = 0;
	int err = 0;

	while (!err && off < len) {
		size_t n = o->chunk;

		if (n == 0) {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			n = 1 + seed % 300;
		}
		n = n < len - off ? n : len - off;
		err = mote_x509_feed_tls(ctx, o->tls13, m + off, n);
		off += n;
	}
	return err ? err : mote_x509_tls_finish(ctx);
}

int cmd_verify(int argc, char **argv)
{
	struct verify_opts o = {.time = -1};
	static mote_x509_ctx ctx;
	mote_trust_anchor *tas = NULL;
	mote_x509_policy p;
	uint8_t *arena = NULL, *list = NULL;
	size_t len, list_len = 0;
	char *pem;
	int count = 0, err;

	if (verify_args(argc, argv, &o))
		return verify_usage();
	pem = verify_read(o.chain, &len);
	if (!pem) {
		fprintf(stderr, "mote verify: cannot read %s\n", o.chain);
		return 1;
	}
	list = verify_list(pem, len, o.tls13, &list_len, &count);
	free(pem);
	if (!list || verify_anchors(&o, &p, &tas, &arena)) {
		free(list);
		return 1;
	}
	mote_x509_policy_set_time(&p, o.time >= 0 ? (int64_t)o.time : (int64_t)time(NULL));
	mote_x509_policy_set_purpose(&p, o.client ? MOTE_X509_PURPOSE_CLIENT : MOTE_X509_PURPOSE_SERVER);
	if (o.max_depth)
		mote_x509_policy_set_max_depth(&p, o.max_depth);
	err = verify_name(&o, &p);
	if (err) {
		fprintf(stderr, "mote verify: bad host name or IP address\n");
		free(list);
		free(tas);
		free(arena);
		return 2;
	}
	mote_x509_init(&ctx, &p, verify_scratch, sizeof verify_scratch);
	err = verify_feed(&ctx, &o, list, list_len);
	printf("%s\n", err ? mote_error_name(err) : "OK");
	fprintf(stderr, "mote verify: %d certificate(s), %zu bytes as a TLS 1.%d certificate_list, "
	                "engine context %zu bytes\n",
	        count, list_len, o.tls13 ? 3 : 2, sizeof ctx);
	free(list);
	free(tas);
	free(arena);
	return err ? 1 : 0;
}
