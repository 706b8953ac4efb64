/* Command-line options of the TLS subcommands. */
#include "tls_opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr,
	        "usage: mote client HOST[:PORT] [options]\n"
	        "  --ca FILE          trust anchors (PEM); default: the system bundle\n"
	        "  --pin SHA256       pin the server key (hex SHA-256 of its SPKI)\n"
	        "  --no-time          do not check certificate validity periods\n"
	        "  --alpn P           offer application protocol P (repeatable)\n"
	        "  --max-frag N       record size the buffers are sized for (64..16384,\n"
	        "                     default 16384): offers record_size_limit and\n"
	        "                     max_fragment_length below 16384\n"
	        "  --resume           connect twice; the second connection resumes\n"
	        "  --suite S          aes128 | aes256 | chacha, or a TLS 1.2 suite by its\n"
	        "                     OpenSSL name, e.g. ECDHE-RSA-AES128-GCM-SHA256\n"
	        "                     (repeatable, in order)\n"
	        "  --group G          x25519 | p256 | p384 (repeatable, in order)\n"
	        "  --no-tls12         offer TLS 1.3 only\n"
	        "  --allow-no-ems     TLS 1.2: accept a server without extended master secret\n"
	        "  --shares N         key shares in the first ClientHello (1 or 2)\n"
	        "  --no-compat        no middlebox compatibility mode\n"
	        "  --accept-large-records  go on if the server accepts no record limit\n"
	        "  --insecure         DANGER: do not authenticate the server\n"
	        "  -q                 connection report on stderr\n");
	return 2;
}

static int split_host(struct tls_opts *o, const char *arg)
{
	const char *colon;
	size_t hl;

	if (arg[0] == '[') {
		const char *end = strchr(arg, ']');
		if (!end)
			return -1;
		hl = (size_t)(end - arg - 1);
		if (hl >= sizeof o->host)
			return -1;
		memcpy(o->host, arg + 1, hl);
		o->host[hl] = 0;
		colon = end[1] == ':' ? end + 1 : NULL;
	} else {
		colon = strrchr(arg, ':');
		hl = colon ? (size_t)(colon - arg) : strlen(arg);
		if (hl == 0 || hl >= sizeof o->host)
			return -1;
		memcpy(o->host, arg, hl);
		o->host[hl] = 0;
	}
	snprintf(o->port, sizeof o->port, "%s", colon ? colon + 1 : "443");
	return 0;
}

static int parse_suite(const char *s, uint16_t *v)
{
	if (!strcmp(s, "aes128") || !strcmp(s, "TLS_AES_128_GCM_SHA256"))
		*v = MOTE_TLS_AES_128_GCM_SHA256;
	else if (!strcmp(s, "aes256") || !strcmp(s, "TLS_AES_256_GCM_SHA384"))
		*v = MOTE_TLS_AES_256_GCM_SHA384;
	else if (!strcmp(s, "chacha") || !strcmp(s, "TLS_CHACHA20_POLY1305_SHA256"))
		*v = MOTE_TLS_CHACHA20_POLY1305_SHA256;
	else if (!strcmp(s, "ECDHE-ECDSA-AES128-GCM-SHA256"))
		*v = MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256;
	else if (!strcmp(s, "ECDHE-ECDSA-AES256-GCM-SHA384"))
		*v = MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384;
	else if (!strcmp(s, "ECDHE-ECDSA-CHACHA20-POLY1305"))
		*v = MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256;
	else if (!strcmp(s, "ECDHE-RSA-AES128-GCM-SHA256"))
		*v = MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256;
	else if (!strcmp(s, "ECDHE-RSA-AES256-GCM-SHA384"))
		*v = MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384;
	else if (!strcmp(s, "ECDHE-RSA-CHACHA20-POLY1305"))
		*v = MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256;
	else
		return -1;
	return 0;
}

static int parse_group(const char *s, uint16_t *v)
{
	if (!strcmp(s, "x25519") || !strcmp(s, "X25519"))
		*v = MOTE_GROUP_X25519;
	else if (!strcmp(s, "p256") || !strcmp(s, "secp256r1") || !strcmp(s, "P-256"))
		*v = MOTE_GROUP_SECP256R1;
	else if (!strcmp(s, "p384") || !strcmp(s, "secp384r1") || !strcmp(s, "P-384"))
		*v = MOTE_GROUP_SECP384R1;
	else
		return -1;
	return 0;
}

static int parse_option(struct tls_opts *o, const char *opt, const char *val)
{
	mote_config *cfg = &o->config;
	long n;

	if (!strcmp(opt, "--alpn") && cfg->n_alpn < TLS_OPTS_MAX_LIST) {
		o->alpn[cfg->n_alpn++] = val;
	} else if (!strcmp(opt, "--max-frag")) {
		n = strtol(val, NULL, 10);
		if (n < 64 || n > 16384)
			return -1;
		o->recv_size = MOTE_RECV_BUFFER_SIZE((size_t)n);
		o->send_size = MOTE_SEND_BUFFER_SIZE((size_t)n);
	} else if (!strcmp(opt, "--suite") && cfg->n_suites < TLS_OPTS_MAX_LIST) {
		if (parse_suite(val, &o->suites[cfg->n_suites++]))
			return -1;
	} else if (!strcmp(opt, "--group") && cfg->n_groups < TLS_OPTS_MAX_LIST) {
		if (parse_group(val, &o->groups[cfg->n_groups++]))
			return -1;
	} else if (!strcmp(opt, "--shares")) {
		cfg->key_shares = (uint8_t)strtol(val, NULL, 10);
	} else if (!strcmp(opt, "--ticket-wait")) {
		o->ticket_wait_ms = (int)strtol(val, NULL, 10);
	} else if (!strcmp(opt, "--ca")) {
		if (tls_auth_load_ca(&o->auth, cfg, val, NULL))
			return -1;
		o->have_auth = 1;
	} else if (!strcmp(opt, "--pin")) {
		if (tls_auth_add_pin(&o->auth, cfg, val)) {
			fprintf(stderr, "mote client: --pin wants 64 hex digits (SHA-256 of the SPKI)\n");
			return -1;
		}
		o->have_auth = 1;
	} else {
		return -1;
	}
	return 0;
}

static int parse_flag(struct tls_opts *o, const char *opt)
{
	mote_config *cfg = &o->config;

	if (!strcmp(opt, "--resume"))
		o->resume = 1;
	else if (!strcmp(opt, "--no-tls12"))
		cfg->flags |= MOTE_CONFIG_NO_TLS12;
	else if (!strcmp(opt, "--allow-no-ems"))
		cfg->flags |= MOTE_CONFIG_TLS12_ALLOW_NO_EMS;
	else if (!strcmp(opt, "--insecure"))
		cfg->flags |= MOTE_CONFIG_INSECURE_NO_VERIFY;
	else if (!strcmp(opt, "--no-compat"))
		cfg->flags |= MOTE_CONFIG_NO_MIDDLEBOX_COMPAT;
	else if (!strcmp(opt, "--accept-large-records"))
		cfg->flags |= MOTE_CONFIG_ACCEPT_LARGE_RECORDS;
	else if (!strcmp(opt, "--no-mfl"))
		cfg->flags |= MOTE_CONFIG_NO_MAX_FRAGMENT;
	else if (!strcmp(opt, "--no-rsl"))
		cfg->flags |= MOTE_CONFIG_NO_RECORD_SIZE_LIMIT;
	else if (!strcmp(opt, "--no-time"))
		cfg->verify.time_mode = MOTE_TLS_TIME_IGNORE;
	else if (!strcmp(opt, "-q"))
		o->quiet = 1;
	else
		return -1;
	return 0;
}

int tls_opts_parse(struct tls_opts *o, int argc, char **argv)
{
	int have_host = 0;

	memset(o, 0, sizeof *o);
	o->recv_size = MOTE_RECV_BUFFER_SIZE(16384);
	o->send_size = MOTE_SEND_BUFFER_SIZE(16384);
	o->ticket_wait_ms = 1000;
	o->config.suites = o->suites;
	o->config.groups = o->groups;
	o->config.alpn = o->alpn;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-') {
			if (have_host++ || split_host(o, argv[i]))
				return usage();
		} else if (parse_flag(o, argv[i]) == 0) {
			continue;
		} else if (i + 1 >= argc || parse_option(o, argv[i], argv[i + 1])) {
			return usage();
		} else {
			i++;
		}
	}
	if (!have_host)
		return usage();
	/* Without --ca, --pin or --insecure: the system's trust anchors. */
	if (!o->have_auth && !(o->config.flags & MOTE_CONFIG_INSECURE_NO_VERIFY) &&
	    tls_auth_system(&o->config)) {
		fprintf(stderr, "mote client: no trust anchors: give --ca FILE or --pin\n");
		return 2;
	}
	return 0;
}

void tls_opts_free(struct tls_opts *o)
{
	tls_auth_free(&o->auth);
	memset(o->pk_scratch, 0, sizeof o->pk_scratch);
}
