/*
 * mote ta [-o OUT.c] [--name SYMBOL] BUNDLE.pem
 *
 * Converts every CERTIFICATE of a PEM bundle into trust anchors
 * (mote_trust_anchor: normalized subject-name hash + key + flags) and
 * writes C source with const arrays, for flash:
 *     const mote_trust_anchor SYMBOL[];   const size_t SYMBOL_count;
 * Fails (exit 1) on the first certificate that does not convert, naming
 * it and the error. A summary goes to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/der.h"
#include "mote/error.h"
#include "mote/pem.h"
#include "mote/x509.h"

#include "cmd.h"

static const uint8_t oid_cn[] = {0x55, 0x04, 0x03};
static const uint8_t oid_o[] = {0x55, 0x04, 0x0A};

/* The file, NUL-terminated; NULL on failure. */
static char *ta_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = 2 * cap + 8192);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got < 4096)
			break;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

/* The subject's CN (else O) as printable ASCII, for a comment. */
static void ta_subject_label(const uint8_t *der, size_t len, char *out, size_t cap)
{
	mote_der_reader r, cert, tbs, name, rdn, atv, oid, val;
	uint8_t tag;
	int fields = 0;

	snprintf(out, cap, "?");
	mote_der_init(&r, der, len);
	if (mote_der_enter_sequence(&r, &cert) || mote_der_enter_sequence(&cert, &tbs))
		return;
	if (mote_der_peek(&tbs, MOTE_DER_CONTEXT_CONS(0)))
		mote_der_read(&tbs, MOTE_DER_CONTEXT_CONS(0), NULL);
	/* serial, signature, issuer, validity, then the subject */
	while (fields++ < 4)
		if (mote_der_read_any(&tbs, &tag, &val))
			return;
	if (mote_der_enter_sequence(&tbs, &name))
		return;
	while (name.len > 0 && !mote_der_enter_set(&name, &rdn)) {
		while (rdn.len > 0 && !mote_der_enter_sequence(&rdn, &atv)) {
			if (mote_der_read_oid(&atv, &oid) || mote_der_read_any(&atv, &tag, &val))
				return;
			int cn = mote_der_oid_equal(&oid, oid_cn, sizeof oid_cn);
			if (!cn && !(mote_der_oid_equal(&oid, oid_o, sizeof oid_o) && out[0] == '?'))
				continue;
			size_t k = 0;
			for (size_t i = 0; i < val.len && k + 1 < cap; i++) {
				char ch = (char)val.p[i];
				out[k++] = (ch >= ' ' && ch <= '~' && ch != '*' && ch != '\\') ? ch : '.';
			}
			out[k] = 0;
		}
	}
}

static void ta_bytes(FILE *o, const uint8_t *p, size_t n, const char *indent)
{
	for (size_t i = 0; i < n; i++)
		fprintf(o, "%s0x%02x,%s", i % 12 ? " " : indent, p[i],
		        (i % 12 == 11 || i + 1 == n) ? "\n" : "");
}

static const char *ta_type_name(uint8_t t)
{
	return t == MOTE_PKEY_RSA ? "MOTE_PKEY_RSA" : t == MOTE_PKEY_EC ? "MOTE_PKEY_EC"
	                                                                 : "MOTE_PKEY_ED25519";
}

static const char *ta_curve_name(uint8_t c)
{
	return c == MOTE_PKEY_CURVE_P256 ? "MOTE_PKEY_CURVE_P256"
	       : c == MOTE_PKEY_CURVE_P384 ? "MOTE_PKEY_CURVE_P384"
	                                   : "0";
}

static void ta_emit_anchor(FILE *o, const char *sym, size_t i, const mote_trust_anchor *ta)
{
	fprintf(o, "\t{/* %zu */\n\t\t.name_hash = {\n", i);
	ta_bytes(o, ta->name_hash, sizeof ta->name_hash, "\t\t\t");
	fprintf(o, "\t\t},\n\t\t.key = %s_key%zu,\n\t\t.rsa_e = %lu,\n\t\t.key_len = %u,\n", sym, i,
	        (unsigned long)ta->rsa_e, (unsigned)ta->key_len);
	fprintf(o, "\t\t.key_type = %s,\n\t\t.curve = %s,\n\t\t.flags = %s,\n\t},\n",
	        ta_type_name(ta->key_type), ta_curve_name(ta->curve),
	        (ta->flags & MOTE_TA_CA) ? "MOTE_TA_CA" : "0");
}

struct ta_job {
	const char *path;
	const char *sym;
	mote_trust_anchor *tas;
	size_t n, cap, key_bytes;
	uint8_t *arena;
	size_t arena_len, used;
};

/* Convert every CERTIFICATE block, writing each key array as it comes. */
static int ta_convert(FILE *o, struct ta_job *j, const char *text, size_t len)
{
	mote_pem_reader r;
	mote_pem_block blk;
	uint8_t *der = malloc(len + 1);
	char label[80];
	int err;

	mote_pem_init(&r, text, len);
	while (der && (err = mote_pem_next(&r, &blk, der, len + 1)) == 0) {
		if (!mote_pem_label_is(&blk, "CERTIFICATE"))
			continue;
		ta_subject_label(blk.der, blk.der_len, label, sizeof label);
		if (j->n == j->cap)
			err = MOTE_ERR_BUFFER_TOO_SMALL;
		else
			err = mote_ta_from_der(&j->tas[j->n], blk.der, blk.der_len, j->arena,
			                       j->arena_len, &j->used);
		if (err) {
			fprintf(stderr, "mote ta: %s: certificate %zu (%s): %s\n", j->path, j->n, label,
			        mote_error_name(err));
			free(der);
			return 1;
		}
		fprintf(o, "/* %zu: %s */\nstatic const uint8_t %s_key%zu[%u] = {\n", j->n, label,
		        j->sym, j->n, (unsigned)j->tas[j->n].key_len);
		ta_bytes(o, j->tas[j->n].key, j->tas[j->n].key_len, "\t");
		fprintf(o, "};\n\n");
		j->key_bytes += j->tas[j->n].key_len;
		j->n++;
	}
	free(der);
	if (!der || err != MOTE_ERR_PEM_NOT_FOUND) {
		fprintf(stderr, "mote ta: %s: %s\n", j->path, der ? mote_error_name(err) : "no memory");
		return 1;
	}
	return 0;
}

static int ta_usage(void)
{
	fprintf(stderr, "usage: mote ta [-o OUT.c] [--name SYMBOL] BUNDLE.pem\n");
	return 2;
}

int cmd_ta(int argc, char **argv)
{
	struct ta_job j = {.sym = "mote_anchors"};
	const char *out = NULL;
	FILE *o = stdout;
	char *text;
	size_t len;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			j.sym = argv[++i];
		else if (argv[i][0] != '-' && !j.path)
			j.path = argv[i];
		else
			return ta_usage();
	}
	if (!j.path)
		return ta_usage();
	text = ta_read_file(j.path, &len);
	if (!text) {
		fprintf(stderr, "mote ta: cannot read %s\n", j.path);
		return 1;
	}
	/* Bounds: a certificate is at least ~100 PEM bytes, a key at most
	 * its certificate's size. */
	j.cap = len / 100 + 1;
	j.arena_len = len;
	j.tas = calloc(j.cap, sizeof *j.tas);
	j.arena = malloc(j.arena_len);
	if (out && !(o = fopen(out, "w"))) {
		fprintf(stderr, "mote ta: cannot write %s\n", out);
		return 1;
	}
	fprintf(o, "/* Trust anchors generated by `mote ta` from %s. */\n", j.path);
	fprintf(o, "#include <stddef.h>\n#include <stdint.h>\n\n#include \"mote/x509.h\"\n\n");
	rc = (!j.tas || !j.arena) ? 1 : ta_convert(o, &j, text, len);
	if (rc == 0) {
		fprintf(o, "const mote_trust_anchor %s[%zu] = {\n", j.sym, j.n ? j.n : 1);
		for (size_t i = 0; i < j.n; i++)
			ta_emit_anchor(o, j.sym, i, &j.tas[i]);
		if (j.n == 0)
			fprintf(o, "\t{.key = NULL},\n");
		fprintf(o, "};\nconst size_t %s_count = %zu;\n", j.sym, j.n);
		fprintf(stderr,
		        "mote ta: %zu anchors: %zu bytes of anchor structs (%zu each) + %zu key "
		        "bytes = %zu bytes\n",
		        j.n, j.n * sizeof(mote_trust_anchor), sizeof(mote_trust_anchor), j.key_bytes,
		        j.n * sizeof(mote_trust_anchor) + j.key_bytes);
	}
	if (out)
		fclose(o);
	free(j.tas);
	free(j.arena);
	free(text);
	return rc;
}
