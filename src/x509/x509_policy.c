/* Validation policy setters (see mote/x509.h). */
#include <string.h>

#include "x509_internal.h"

void mote_x509_policy_init(mote_x509_policy *p, const mote_trust_anchor *anchors, size_t count)
{
	memset(p, 0, sizeof *p);
	p->anchors = anchors;
	p->anchor_count = anchors ? count : 0;
	p->trust = MOTE_X509_TRUST_ANCHORS;
	p->time_mode = MOTE_X509_TIME_UNSET;
	p->purpose = MOTE_X509_PURPOSE_SERVER;
	p->max_depth = MOTE_X509_DEFAULT_MAX_DEPTH;
	p->min_rsa_bits = 2048;
}

void mote_x509_policy_set_time(mote_x509_policy *p, int64_t now)
{
	p->time_mode = MOTE_X509_TIME_CHECK;
	p->time = now;
}

void mote_x509_policy_set_time_floor(mote_x509_policy *p, int64_t floor)
{
	p->time_mode = MOTE_X509_TIME_NOT_BEFORE_FLOOR;
	p->time = floor;
}

void mote_x509_policy_ignore_time(mote_x509_policy *p)
{
	p->time_mode = MOTE_X509_TIME_IGNORE;
	p->time = 0;
}

/* Dotted-quad IPv4, each part 0..255 without leading zeros. */
static int policy_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		if (part > 0) {
			if (i >= len || s[i] != '.')
				return 0;
			i++;
		}
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
			if (digits == 1 && v == 0)
				return 0;
			v = v * 10 + (unsigned)(s[i] - '0');
			digits++;
			i++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return 0;
		out[part] = (uint8_t)v;
	}
	return i == len;
}

static int policy_dns_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.';
}

int mote_x509_policy_set_host(mote_x509_policy *p, const char *name, size_t len)
{
	uint8_t ip[4];

	if (name == NULL)
		return MOTE_ERR_BAD_ARG;
	if (policy_ipv4(name, len, ip))
		return mote_x509_policy_set_ip(p, ip, 4);
	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253 || name[0] == '.' || name[len - 1] == '.')
		return MOTE_ERR_BAD_ARG;
	for (size_t i = 0; i < len; i++) {
		if (!policy_dns_char(name[i]) || (name[i] == '.' && i + 1 < len && name[i + 1] == '.'))
			return MOTE_ERR_BAD_ARG;
	}
	p->host = name;
	p->host_len = (uint16_t)len;
	p->ip_len = 0;
	return 0;
}

int mote_x509_policy_set_ip(mote_x509_policy *p, const uint8_t *ip, size_t len)
{
	if (ip == NULL || (len != 4 && len != 16))
		return MOTE_ERR_BAD_ARG;
	memcpy(p->ip, ip, len);
	p->ip_len = (uint8_t)len;
	p->host = NULL;
	p->host_len = 0;
	return 0;
}

void mote_x509_policy_set_purpose(mote_x509_policy *p, mote_x509_purpose purpose)
{
	p->purpose = (uint8_t)purpose;
}

void mote_x509_policy_set_max_depth(mote_x509_policy *p, unsigned depth)
{
	p->max_depth = (uint8_t)(depth == 0 ? 1 : depth > 255 ? 255 : depth);
}

int mote_x509_policy_pin(mote_x509_policy *p, mote_x509_trust mode,
                         const uint8_t (*pins)[MOTE_X509_PIN_SIZE], size_t count)
{
	if (mode != MOTE_X509_PIN_LEAF_SPKI && mode != MOTE_X509_PIN_CHAIN_SPKI &&
	    mode != MOTE_X509_PIN_LEAF_CERT)
		return MOTE_ERR_BAD_ARG;
	if (pins == NULL && count > 0)
		return MOTE_ERR_BAD_ARG;
	p->trust = (uint8_t)mode;
	p->pins = pins;
	p->pin_count = count;
	return 0;
}

void mote_x509_policy_insecure_no_verification(mote_x509_policy *p)
{
	p->trust = MOTE_X509_INSECURE;
}
