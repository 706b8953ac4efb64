/* PEM armour and strict base64 (see mote/pem.h; RFC 7468, RFC 4648). */
#include "mote/pem.h"

#include <string.h>

#include "mote/error.h"

#define PEM_DASHES "-----"
#define PEM_BEGIN "-----BEGIN "
#define PEM_END "-----END "
#define PEM_LEN(s) (sizeof(s) - 1)

/* Base64 decoding state, carried across body lines. */
struct pem_b64 {
	uint8_t *out;
	size_t cap;
	size_t len;   /* bytes written */
	uint32_t acc; /* the current quantum's bits, '=' counted as zeros */
	unsigned n;   /* characters in the current quantum, 0..3 */
	unsigned pad; /* '=' characters in the current quantum */
	int done;     /* a padded quantum ended the data */
};

void mote_pem_init(mote_pem_reader *r, const char *text, size_t len)
{
	r->text = text;
	r->inplace = NULL;
	r->len = len;
	r->pos = 0;
}

void mote_pem_init_inplace(mote_pem_reader *r, char *text, size_t len)
{
	mote_pem_init(r, text, len);
	r->inplace = text;
}

int mote_pem_label_is(const mote_pem_block *blk, const char *label)
{
	size_t n = strlen(label);

	return n == blk->label_len && memcmp(blk->label, label, n) == 0;
}

/* 1 if t[i..len) starts with s[0..n). */
static int pem_has(const char *t, size_t len, size_t i, const char *s, size_t n)
{
	return len - i >= n && memcmp(t + i, s, n) == 0;
}

static int pem_is_eol(char c)
{
	return c == '\n' || c == '\r';
}

static int pem_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The first "-----BEGIN " at the start of a line at or after i, or len. */
static size_t pem_find_begin(const char *t, size_t len, size_t i)
{
	for (; i < len; i++) {
		if ((i == 0 || pem_is_eol(t[i - 1])) && pem_has(t, len, i, PEM_BEGIN, PEM_LEN(PEM_BEGIN)))
			return i;
	}
	return len;
}

/* At *i: optional spaces or tabs, then LF, CRLF, CR or the end of the
 * text. Moves *i to the start of the next line; -1 if something else. */
static int pem_eol(const char *t, size_t len, size_t *i)
{
	size_t j = *i;

	while (j < len && pem_is_space(t[j]))
		j++;
	if (j < len) {
		if (t[j] == '\r' && j + 1 < len && t[j + 1] == '\n')
			j += 2;
		else if (pem_is_eol(t[j]))
			j++;
		else
			return -1;
	}
	*i = j;
	return 0;
}

/* RFC 7468 section 3: labelchar is printable ASCII except '-'; single
 * spaces or hyphens may separate label characters. */
static int pem_check_label(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char c = s[k];

		if (c == ' ' || c == '-') {
			if (k == 0 || k + 1 == n || s[k - 1] == ' ' || s[k - 1] == '-')
				return MOTE_ERR_PEM;
		} else if (c < 0x21 || c > 0x7E) {
			return MOTE_ERR_PEM;
		}
	}
	return 0;
}

/* At *i: "<label>-----" then the end of the line. */
static int pem_label_line(const char *t, size_t len, size_t *i, size_t *label_len)
{
	size_t j = *i;

	while (j < len && !pem_is_eol(t[j]) && !pem_has(t, len, j, PEM_DASHES, PEM_LEN(PEM_DASHES)))
		j++;
	if (j == len || pem_is_eol(t[j]) || pem_check_label(t + *i, j - *i))
		return MOTE_ERR_PEM;
	*label_len = j - *i;
	j += PEM_LEN(PEM_DASHES);
	if (pem_eol(t, len, &j))
		return MOTE_ERR_PEM;
	*i = j;
	return 0;
}

static int pem_b64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* A full quantum: write its 3 - pad bytes. RFC 4648 3.5: the bits that
 * padding leaves unused must be zero, else two texts decode alike. */
static int pem_b64_flush(struct pem_b64 *d)
{
	static const uint32_t unused_mask[3] = {0, 0xFF, 0xFFFF};
	size_t n = 3 - d->pad;

	if (d->acc & unused_mask[d->pad])
		return MOTE_ERR_PEM_BAD_BASE64;
	if (d->cap - d->len < n)
		return MOTE_ERR_BUFFER_TOO_SMALL;
	for (size_t k = 0; k < n; k++)
		d->out[d->len + k] = (uint8_t)(d->acc >> (16 - 8 * k));
	d->len += n;
	d->done = d->pad != 0;
	d->acc = 0;
	d->n = 0;
	return 0;
}

static int pem_b64_char(struct pem_b64 *d, uint8_t c)
{
	int v = pem_b64_value(c);

	if (d->done)
		return MOTE_ERR_PEM_BAD_BASE64;
	if (c == '=') {
		/* "x===" cannot encode a byte; "====" is no quantum at all. */
		if (d->n < 2)
			return MOTE_ERR_PEM_BAD_BASE64;
		d->pad++;
		v = 0;
	} else if (v < 0 || d->pad) {
		return MOTE_ERR_PEM_BAD_BASE64;
	}
	d->acc = d->acc << 6 | (uint32_t)v;
	if (++d->n == 4)
		return pem_b64_flush(d);
	return 0;
}

/* One body line at *i: base64 characters, then the end of the line. */
static int pem_body_line(const char *t, size_t len, size_t *i, struct pem_b64 *d)
{
	size_t j = *i;
	int err;

	for (; j < len && !pem_is_space(t[j]) && !pem_is_eol(t[j]); j++) {
		err = pem_b64_char(d, (uint8_t)t[j]);
		if (err)
			return err;
	}
	if (pem_eol(t, len, &j))
		return MOTE_ERR_PEM_BAD_BASE64;
	*i = j;
	return 0;
}

/* Body lines from *i up to the line that starts with "-----END ". */
static int pem_body(const char *t, size_t len, size_t *i, struct pem_b64 *d)
{
	int err;

	for (;;) {
		if (*i == len)
			return MOTE_ERR_PEM_NO_END;
		if (pem_has(t, len, *i, PEM_DASHES, PEM_LEN(PEM_DASHES))) {
			if (!pem_has(t, len, *i, PEM_END, PEM_LEN(PEM_END)))
				return MOTE_ERR_PEM_NO_END;
			return d->n ? MOTE_ERR_PEM_BAD_BASE64 : 0;
		}
		err = pem_body_line(t, len, i, d);
		if (err)
			return err;
	}
}

/* The END line at *i, whose label must be t[label_at..+label_len). */
static int pem_end_line(const char *t, size_t len, size_t *i, size_t label_at, size_t label_len)
{
	size_t j = *i + PEM_LEN(PEM_END);
	size_t end_len;
	int err = pem_label_line(t, len, &j, &end_len);

	if (err)
		return err;
	if (end_len != label_len || memcmp(t + *i + PEM_LEN(PEM_END), t + label_at, label_len) != 0)
		return MOTE_ERR_PEM_LABEL_MISMATCH;
	*i = j;
	return 0;
}

int mote_pem_next(mote_pem_reader *r, mote_pem_block *blk, uint8_t *out, size_t cap)
{
	size_t i, label_at, label_len;
	struct pem_b64 d = {0};
	int err;

	if (!out && !r->inplace)
		return MOTE_ERR_BAD_ARG;
	i = pem_find_begin(r->text, r->len, r->pos);
	if (i == r->len)
		return MOTE_ERR_PEM_NOT_FOUND;
	label_at = i + PEM_LEN(PEM_BEGIN);
	i = label_at;
	err = pem_label_line(r->text, r->len, &i, &label_len);
	if (err)
		return err;
	/* In place: the output trails the input, 3 bytes per 4 characters. */
	d.out = out ? out : (uint8_t *)r->inplace + i;
	d.cap = out ? cap : r->len - i;
	err = pem_body(r->text, r->len, &i, &d);
	if (err)
		return err;
	err = pem_end_line(r->text, r->len, &i, label_at, label_len);
	if (err)
		return err;
	blk->label = r->text + label_at;
	blk->label_len = label_len;
	blk->der = d.out;
	blk->der_len = d.len;
	r->pos = i;
	return 0;
}
