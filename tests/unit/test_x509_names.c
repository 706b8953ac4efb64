/*
 * The pieces under the X.509 engine's name rules, one by one:
 *   - normalized name hashes: PrintableString / UTF8String / IA5String
 *     compare as one class, ASCII case and insignificant spaces ignored;
 *     other string types, attribute types, RDN structure and order do
 *     count; malformed names are rejected;
 *   - host-name patterns (RFC 6125): a table of pattern / host / verdict,
 *     each pattern fed whole and byte by byte;
 *   - dNSName and iPAddress name constraints;
 *   - host names and IP literals accepted by the policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "x509/x509_internal.h"

/* Name ::= SEQUENCE OF SET OF SEQUENCE { OID, value }; one or two RDNs,
 * built from (oid byte of 2.5.4.x, tag, string) triples. */
struct atv {
	uint8_t arc; /* 2.5.4.arc */
	uint8_t tag;
	const char *s;
};

static size_t put_atv(uint8_t *p, const struct atv *a)
{
	size_t n = strlen(a->s);

	p[0] = 0x30;
	p[1] = (uint8_t)(7 + n);
	p[2] = 0x06;
	p[3] = 3;
	p[4] = 0x55;
	p[5] = 0x04;
	p[6] = a->arc;
	p[7] = a->tag;
	p[8] = (uint8_t)n;
	memcpy(p + 9, a->s, n);
	return 9 + n;
}

/* rdns[i] holds per_rdn[i] attributes. */
static size_t make_name(uint8_t *out, const struct atv *atvs, const int *per_rdn, int rdns)
{
	uint8_t body[512];
	size_t len = 0;
	int k = 0;

	for (int i = 0; i < rdns; i++) {
		uint8_t set[256];
		size_t sl = 0;

		for (int j = 0; j < per_rdn[i]; j++)
			sl += put_atv(set + sl, &atvs[k++]);
		body[len] = 0x31;
		body[len + 1] = (uint8_t)sl;
		memcpy(body + len + 2, set, sl);
		len += 2 + sl;
	}
	out[0] = 0x30;
	out[1] = (uint8_t)len;
	memcpy(out + 2, body, len);
	return len + 2;
}

static void name_hash(const struct atv *atvs, const int *per_rdn, int rdns, uint8_t h[32])
{
	uint8_t der[600];
	size_t n = make_name(der, atvs, per_rdn, rdns);

	CHECK_INT(mote_x509_name_hash_der(der, n, h), 0);
}

#define PS MOTE_DER_PRINTABLE_STRING
#define U8 MOTE_DER_UTF8_STRING
#define IA5 MOTE_DER_IA5_STRING
#define BMP 0x1E

static void test_name_hashes(void)
{
	static const int one[1] = {1}, two[2] = {1, 1}, multi[1] = {2};
	const struct atv a[] = {{3, PS, "Mote Test CA"}};
	const struct atv same[][1] = {
		{{3, U8, "Mote Test CA"}},     {{3, PS, "mote test ca"}},
		{{3, U8, "  MOTE   TEST CA "}}, {{3, IA5, "Mote Test CA"}},
	};
	const struct atv differ[][1] = {
		{{3, PS, "Mote Test CB"}},     {{3, PS, "MoteTest CA"}}, {{10, PS, "Mote Test CA"}},
		{{3, BMP, "Mote Test CA"}},    {{3, PS, "Mote Test CA."}},
	};
	const struct atv pair[] = {{6, PS, "XX"}, {3, PS, "CA"}};
	const struct atv pair_swapped[] = {{3, PS, "CA"}, {6, PS, "XX"}};
	uint8_t h0[32], h[32], h2[32];
	uint8_t bad[8] = {0x30, 0x02, 0x31, 0x00};

	name_hash(a, one, 1, h0);
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		name_hash(same[i], one, 1, h);
		CHECK_MEM(h, h0, 32);
	}
	for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
		name_hash(differ[i], one, 1, h);
		CHECK(memcmp(h, h0, 32) != 0);
	}
	/* Two RDNs vs one multi-valued RDN; RDN order. */
	name_hash(pair, two, 2, h);
	name_hash(pair, multi, 1, h2);
	CHECK(memcmp(h, h2, 32) != 0);
	name_hash(pair_swapped, two, 2, h2);
	CHECK(memcmp(h, h2, 32) != 0);
	/* The empty name hashes; an empty RDN is malformed, trailing bytes too. */
	CHECK_INT(mote_x509_name_hash_der((const uint8_t *)"\x30\x00", 2, h), 0);
	CHECK_INT(mote_x509_name_hash_der(bad, 4, h), MOTE_ERR_DER_BAD_VALUE);
	CHECK_INT(mote_x509_name_hash_der((const uint8_t *)"\x30\x00\x00", 3, h),
	          MOTE_ERR_DER_TRAILING_DATA);
}

struct host_case {
	const char *pattern;
	const char *host;
	int match;
};

static const struct host_case host_cases[] = {
	{"www.example.com", "www.example.com", 1},
	{"WWW.Example.COM", "www.example.com", 1},
	{"www.example.com", "WWW.EXAMPLE.COM", 1},
	{"www.example.com", "ww.example.com", 0},
	{"www.example.com", "wwww.example.com", 0},
	{"www.example.com", "www.example.co", 0},
	{"www.example.com", "www.example.comm", 0},
	{"*.example.com", "a.example.com", 1},
	{"*.example.com", "abc-def.example.com", 1},
	{"*.example.com", "a.b.example.com", 0},
	{"*.example.com", "example.com", 0},
	{"*.example.com", "a.example.org", 0},
	{"*.com", "example.com", 0},
	{"*", "localhost", 0},
	{"*.", "a.", 0},
	{"f*.example.com", "foo.example.com", 0},
	{"f*.example.com", "f.example.com", 0},
	{"*o.example.com", "foo.example.com", 0},
	{"a.*.example.com", "a.b.example.com", 0},
	{"**.example.com", "a.example.com", 0},
	{"*.*.example.com", "a.b.example.com", 0},
	{"www.example.*", "www.example.com", 0},
	{"", "www.example.com", 0},
	{"localhost", "localhost", 1},
	{"*.a.b", "x.a.b", 1},
};

static void host_match(const char *pattern, const char *host, int split, int *got)
{
	mote_x509_policy pol;
	mote_x509_ctx *ctx = calloc(1, sizeof *ctx);
	size_t n = strlen(pattern);

	mote_x509_policy_init(&pol, NULL, 0);
	CHECK_INT(mote_x509_policy_set_host(&pol, host, strlen(host)), 0);
	ctx->pol = &pol;
	mote_x509_host_begin(ctx);
	if (split) {
		for (size_t i = 0; i < n; i++)
			mote_x509_host_bytes(ctx, (const uint8_t *)pattern + i, 1);
	} else {
		mote_x509_host_bytes(ctx, (const uint8_t *)pattern, n);
	}
	*got = mote_x509_host_end(ctx);
	free(ctx);
}

static void test_host_patterns(void)
{
	for (size_t i = 0; i < sizeof host_cases / sizeof host_cases[0]; i++) {
		const struct host_case *t = &host_cases[i];

		for (int split = 0; split < 2; split++) {
			int got;

			host_match(t->pattern, t->host, split, &got);
			if (got != t->match)
				fprintf(stderr, "pattern '%s' host '%s': %d\n", t->pattern, t->host, got);
			CHECK_INT(got, t->match);
		}
	}
	printf("test_x509_names: %zu host patterns\n", sizeof host_cases / sizeof host_cases[0]);
}

static const struct host_case nc_cases[] = {
	{"example.com", "example.com", 1},
	{"example.com", "www.example.com", 1},
	{"example.com", "a.b.example.com", 1},
	{"EXAMPLE.com", "www.example.COM", 1},
	{"example.com", "wwwexample.com", 0},
	{"example.com", "example.com.evil", 0},
	{"example.com", "ample.com", 0},
	{".example.com", "www.example.com", 1},
	{".example.com", "example.com", 0},
	{"", "anything.example", 1},
	{"www.example.com", "example.com", 0},
};

static void test_nc_dns(void)
{
	for (size_t i = 0; i < sizeof nc_cases / sizeof nc_cases[0]; i++) {
		const struct host_case *t = &nc_cases[i];
		mote_x509_policy pol;
		mote_x509_ctx *ctx = calloc(1, sizeof *ctx);
		size_t n = strlen(t->pattern);

		mote_x509_policy_init(&pol, NULL, 0);
		CHECK_INT(mote_x509_policy_set_host(&pol, t->host, strlen(t->host)), 0);
		ctx->pol = &pol;
		mote_x509_nc_dns_begin(ctx, (uint32_t)n);
		for (size_t j = 0; j < n; j++)
			mote_x509_nc_dns_bytes(ctx, (const uint8_t *)t->pattern + j, 1);
		CHECK_INT(mote_x509_nc_dns_end(ctx), t->match);
		free(ctx);
	}
}

static void test_nc_ip(void)
{
	static const uint8_t v4[4] = {192, 0, 2, 200};
	static const uint8_t net24[8] = {192, 0, 2, 0, 255, 255, 255, 0};
	static const uint8_t net25[8] = {192, 0, 2, 0, 255, 255, 255, 128};
	static const uint8_t any[8] = {0};
	uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1}, net6[32] = {0x20, 0x01, 0x0d, 0xb8};

	memset(net6 + 16, 0xFF, 4);
	CHECK_INT(mote_x509_nc_ip_match(v4, 4, net24, 8), 1);
	CHECK_INT(mote_x509_nc_ip_match(v4, 4, net25, 8), 0);
	CHECK_INT(mote_x509_nc_ip_match(v4, 4, any, 8), 1);
	CHECK_INT(mote_x509_nc_ip_match(v4, 4, net6, 32), 0);
	CHECK_INT(mote_x509_nc_ip_match(v6, 16, net6, 32), 1);
	CHECK_INT(mote_x509_nc_ip_match(v6, 16, net24, 8), 0);
	v6[3] = 0xb9;
	CHECK_INT(mote_x509_nc_ip_match(v6, 16, net6, 32), 0);
}

static void test_policy_hosts(void)
{
	static const char *good[] = {"www.example.com", "localhost", "a-b.c_d.example", "x.",
	                             "EXAMPLE.COM"};
	static const char *bad[] = {"", ".", "a..b", ".a", "a b", "a/b", "a..", "exa*mple.com",
	                            "[::1]", "::1"};
	mote_x509_policy p;

	mote_x509_policy_init(&p, NULL, 0);
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK_INT(mote_x509_policy_set_host(&p, good[i], strlen(good[i])), 0);
	CHECK_INT(p.host_len, 11); /* "EXAMPLE.COM" */
	CHECK_INT(mote_x509_policy_set_host(&p, "x.", 2), 0);
	CHECK_INT(p.host_len, 1); /* trailing dot dropped */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_INT(mote_x509_policy_set_host(&p, bad[i], strlen(bad[i])), MOTE_ERR_BAD_ARG);
	/* Dotted quads become IP addresses; near-misses are names or errors. */
	CHECK_INT(mote_x509_policy_set_host(&p, "192.0.2.1", 9), 0);
	CHECK_INT(p.ip_len, 4);
	CHECK(p.host == NULL && p.ip[0] == 192 && p.ip[3] == 1);
	CHECK_INT(mote_x509_policy_set_host(&p, "192.0.2.256", 11), 0);
	CHECK_INT(p.ip_len, 0);
	CHECK_INT(mote_x509_policy_set_host(&p, "192.0.2.01", 10), 0);
	CHECK_INT(p.ip_len, 0);
	CHECK_INT(mote_x509_policy_set_ip(&p, (const uint8_t *)"abc", 3), MOTE_ERR_BAD_ARG);
	mote_x509_policy_set_max_depth(&p, 0);
	CHECK_INT(p.max_depth, 1);
	mote_x509_policy_set_max_depth(&p, 1000);
	CHECK_INT(p.max_depth, 255);
}

int main(void)
{
	test_name_hashes();
	test_host_patterns();
	test_nc_dns();
	test_nc_ip();
	test_policy_hosts();
	return test_finish("test_x509_names");
}
