/*
 * Host-name matching on streamed names (RFC 6125 section 6.4), and the
 * dNSName / iPAddress name-constraint tests (RFC 5280 4.2.1.10).
 *
 * A presented name (SAN dNSName, subject CN) arrives in chunks; it is
 * compared with the policy's host name byte by byte, keeping only a
 * position and a state:
 *   - ASCII letters compare case-insensitively; nothing else is folded;
 *   - a wildcard is accepted only as the whole leftmost label followed by
 *     at least two more labels ("*.example.com", not "*.com"); it matches
 *     exactly one non-empty label of the host: "*.example.com" matches
 *     "a.example.com" but neither "a.b.example.com" nor "example.com";
 *   - a '*' anywhere else ("f*.example.com", "a.*.com", "*") never matches.
 */
#include "x509_internal.h"

enum { HM_START, HM_STAR, HM_LIT, HM_WILD, HM_DEAD, HM_ALL };

static uint8_t lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c - 'A' + 'a') : c;
}

static const char *host(const mote_x509_ctx *ctx)
{
	return ctx->pol->host;
}

static size_t host_len(const mote_x509_ctx *ctx)
{
	return ctx->pol->host ? ctx->pol->host_len : 0;
}

void mote_x509_host_begin(mote_x509_ctx *ctx)
{
	ctx->hm.pos = 0;
	ctx->hm.dots = 0;
	ctx->hm.state = host_len(ctx) ? HM_START : HM_DEAD;
}

/* After "*." : the host's first label stands for the wildcard. */
static void host_skip_label(mote_x509_ctx *ctx)
{
	size_t n = host_len(ctx), i = 0;

	while (i < n && host(ctx)[i] != '.')
		i++;
	if (i == 0 || i == n) {
		ctx->hm.state = HM_DEAD;
		return;
	}
	ctx->hm.pos = (uint16_t)(i + 1);
	ctx->hm.state = HM_WILD;
}

static void host_literal(mote_x509_ctx *ctx, uint8_t c)
{
	if (c == '*' || ctx->hm.pos >= host_len(ctx) ||
	    lower(c) != lower((uint8_t)host(ctx)[ctx->hm.pos])) {
		ctx->hm.state = HM_DEAD;
		return;
	}
	if (c == '.' && ctx->hm.dots < 255)
		ctx->hm.dots++;
	ctx->hm.pos++;
}

void mote_x509_host_bytes(mote_x509_ctx *ctx, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n && ctx->hm.state != HM_DEAD; i++) {
		switch (ctx->hm.state) {
		case HM_START:
			if (p[i] == '*') {
				ctx->hm.state = HM_STAR;
				break;
			}
			ctx->hm.state = HM_LIT;
			host_literal(ctx, p[i]);
			break;
		case HM_STAR:
			if (p[i] != '.')
				ctx->hm.state = HM_DEAD;
			else
				host_skip_label(ctx);
			break;
		default:
			host_literal(ctx, p[i]);
			break;
		}
	}
}

int mote_x509_host_end(const mote_x509_ctx *ctx)
{
	if (ctx->hm.pos != host_len(ctx))
		return 0;
	if (ctx->hm.state == HM_LIT)
		return 1;
	/* "*.example.com": two labels after the wildcard, i.e. a dot seen
	 * after the one that ends the wildcard label. */
	return ctx->hm.state == HM_WILD && ctx->hm.dots >= 1;
}

/*
 * dNSName constraint: the host must be the constraint or end with "." and
 * the constraint; a constraint starting with '.' matches only names
 * below it; an empty one matches every name. Its length is known from the
 * DER header, so the comparison starts at the host's matching offset.
 */
void mote_x509_nc_dns_begin(mote_x509_ctx *ctx, uint32_t len)
{
	size_t n = host_len(ctx);

	ctx->hm.dots = 0;
	if (len == 0) {
		ctx->hm.state = HM_ALL;
		return;
	}
	if (len > n) {
		ctx->hm.state = HM_DEAD;
		return;
	}
	ctx->hm.pos = (uint16_t)(n - len);
	ctx->hm.state = HM_START;
}

void mote_x509_nc_dns_bytes(mote_x509_ctx *ctx, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (ctx->hm.state == HM_DEAD || ctx->hm.state == HM_ALL)
			return;
		/* Without a leading '.', the match must start at a label. */
		if (ctx->hm.state == HM_START && p[i] != '.' && ctx->hm.pos > 0 &&
		    host(ctx)[ctx->hm.pos - 1] != '.') {
			ctx->hm.state = HM_DEAD;
			return;
		}
		ctx->hm.state = HM_LIT;
		if (lower(p[i]) != lower((uint8_t)host(ctx)[ctx->hm.pos])) {
			ctx->hm.state = HM_DEAD;
			return;
		}
		ctx->hm.pos++;
	}
}

int mote_x509_nc_dns_end(const mote_x509_ctx *ctx)
{
	return ctx->hm.state == HM_ALL || ctx->hm.state == HM_LIT;
}

int mote_x509_nc_ip_match(const uint8_t *ip, size_t ip_len, const uint8_t *c, size_t c_len)
{
	if (ip_len == 0 || c_len != 2 * ip_len)
		return 0;
	for (size_t i = 0; i < ip_len; i++) {
		if ((ip[i] & c[ip_len + i]) != (c[i] & c[ip_len + i]))
			return 0;
	}
	return 1;
}
