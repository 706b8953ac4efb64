/* In-process OpenSSL server and MITM for the interop tests (see peer.h). */
#include "peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "mote/aead.h"
#include "mote/drbg.h"
#include "mote/error.h"
#include "mote/kdf.h"
#include "test.h"

/* ---- PKI ------------------------------------------------------------- */

static EVP_PKEY *key_make(const char *kind)
{
	if (!strcmp(kind, "ec256"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (!strcmp(kind, "ec384"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	if (!strcmp(kind, "rsa2048"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	if (!strcmp(kind, "rsa4096"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)4096);
	if (!strcmp(kind, "ed25519"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	return NULL;
}

static void add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX v3;
	X509_EXTENSION *ext;

	X509V3_set_ctx(&v3, issuer, x, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
	if (ext) {
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
}

static X509 *cert_make(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key,
                       int ca, const char *host, long from, long to, long serial)
{
	X509 *x = X509_new();
	X509_NAME *name;
	char san[300];
	int ed = EVP_PKEY_get_id(issuer_key) == EVP_PKEY_ED25519;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_gmtime_adj(X509_getm_notBefore(x), from * 86400);
	X509_gmtime_adj(X509_getm_notAfter(x), to * 86400);
	X509_set_pubkey(x, key);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	if (ca) {
		add_ext(x, issuer ? issuer : x, NID_basic_constraints, "critical,CA:TRUE");
		add_ext(x, issuer ? issuer : x, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else {
		snprintf(san, sizeof san, "DNS:%s", host);
		add_ext(x, issuer ? issuer : x, NID_subject_alt_name, san);
		add_ext(x, issuer ? issuer : x, NID_basic_constraints, "critical,CA:FALSE");
	}
	X509_sign(x, issuer_key, ed ? NULL : EVP_sha256());
	return x;
}

static int roots_made;

int pki_make(struct pki *p, const char *kind, const char *host, int self_signed, long days_from,
             long days_to)
{
	char root_cn[64];
	EVP_PKEY *ik;

	memset(p, 0, sizeof *p);
	p->leaf_key = key_make(kind);
	if (!p->leaf_key)
		return -1;
	if (self_signed) {
		p->leaf = cert_make(p->leaf_key, host, NULL, p->leaf_key, 0, host, days_from, days_to, 1);
		p->root = p->leaf;
		X509_up_ref(p->root);
		return 0;
	}
	p->root_key = key_make(kind);
	ik = key_make(kind);
	/* Roots are named apart, so another chain's root is untrusted, not a
	 * same-named key that fails the signature. */
	snprintf(root_cn, sizeof root_cn, "Mote Test Root %d", ++roots_made);
	p->root = cert_make(p->root_key, root_cn, NULL, p->root_key, 1, NULL, -1, 3650, 1);
	p->inter = cert_make(ik, "Mote Test Intermediate", p->root, p->root_key, 1, NULL, -1, 3650, 2);
	p->leaf = cert_make(p->leaf_key, host, p->inter, ik, 0, host, days_from, days_to, 3);
	EVP_PKEY_free(ik);
	return 0;
}

void pki_free(struct pki *p)
{
	EVP_PKEY_free(p->leaf_key);
	EVP_PKEY_free(p->root_key);
	X509_free(p->leaf);
	X509_free(p->inter);
	X509_free(p->root);
	memset(p, 0, sizeof *p);
}

uint8_t *pki_der(X509 *x, size_t *len)
{
	unsigned char *der = NULL;
	int n = i2d_X509(x, &der);

	*len = n > 0 ? (size_t)n : 0;
	return der;
}

int pki_anchor(const struct pki *p, mote_trust_anchor *ta, uint8_t *arena, size_t cap)
{
	size_t len, used = 0;
	uint8_t *der = pki_der(p->root, &len);
	int err = der ? mote_ta_from_der(ta, der, len, arena, cap, &used) : -1;

	OPENSSL_free(der);
	return err;
}

/* ---- Server ------------------------------------------------------------ */

static void hex_in(const char *hex, uint8_t *out, size_t *len)
{
	size_t n = 0;

	while (hex[0] && hex[1] && n < 48) {
		unsigned v;
		sscanf(hex, "%2x", &v);
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	*len = n;
}

static void keylog_cb(const SSL *ssl, const char *line)
{
	struct peer *p = SSL_get_app_data(ssl);
	const char *sp = strrchr(line, ' ');
	size_t n;

	if (!p || !sp)
		return;
	if (!strncmp(line, "SERVER_HANDSHAKE_TRAFFIC_SECRET ", 32)) {
		hex_in(sp + 1, p->s_hs, &n);
		p->secret_len = n;
		p->have_s_hs = 1;
	} else if (!strncmp(line, "CLIENT_HANDSHAKE_TRAFFIC_SECRET ", 32)) {
		hex_in(sp + 1, p->c_hs, &n);
		p->have_c_hs = 1;
	} else if (!strncmp(line, "SERVER_TRAFFIC_SECRET_0 ", 24)) {
		hex_in(sp + 1, p->s_ap, &n);
	} else if (!strncmp(line, "CLIENT_TRAFFIC_SECRET_0 ", 24)) {
		hex_in(sp + 1, p->c_ap, &n);
	}
}

static void info_cb(const SSL *ssl, int where, int ret)
{
	struct peer *p = SSL_get_app_data(ssl);

	if (p && (where & SSL_CB_READ_ALERT)) {
		p->alert_received = ret & 0xFF;
		p->alert_count++;
	}
}

static int alpn_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                   const unsigned char *in, unsigned inlen, void *arg)
{
	const char *want = arg;
	size_t wl = strlen(want);

	(void)ssl;
	for (unsigned i = 0; i < inlen; i += 1u + in[i]) {
		if (in[i] == wl && i + 1 + wl <= inlen && !memcmp(in + i + 1, want, wl)) {
			*out = in + i + 1;
			*outlen = (unsigned char)wl;
			return SSL_TLSEXT_ERR_OK;
		}
	}
	return SSL_TLSEXT_ERR_NOACK;
}

/* Stateless HelloRetryRequest cookies: a fixed value is enough for a test
 * (OpenSSL wraps it with its own integrity protection). */
static int cookie_gen(SSL *ssl, unsigned char *cookie, size_t *len)
{
	(void)ssl;
	memcpy(cookie, "mote-test-cookie", 16);
	*len = 16;
	return 1;
}

static int cookie_verify(SSL *ssl, const unsigned char *cookie, size_t len)
{
	(void)ssl;
	return len == 16 && memcmp(cookie, "mote-test-cookie", 16) == 0;
}

int peer_ctx_new(struct peer *p, const struct pki *pki, const struct server_opts *o)
{
	SSL_CTX *ctx;

	memset(p, 0, sizeof *p);
	p->alert_received = -1;
	ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx)
		return -1;
	SSL_CTX_set_min_proto_version(ctx, o->tls12 ? TLS1_2_VERSION : TLS1_3_VERSION);
	if (o->tls12)
		SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
	if (o->cipher_list && SSL_CTX_set_cipher_list(ctx, o->cipher_list) != 1)
		return -1;
	if (o->no_ems)
		SSL_CTX_set_options(ctx, SSL_OP_NO_EXTENDED_MASTER_SECRET);
	if (o->suites && SSL_CTX_set_ciphersuites(ctx, o->suites) != 1)
		return -1;
	if (o->groups && SSL_CTX_set1_groups_list(ctx, o->groups) != 1)
		return -1;
	if (SSL_CTX_use_certificate(ctx, pki->leaf) != 1 ||
	    SSL_CTX_use_PrivateKey(ctx, pki->leaf_key) != 1)
		return -1;
	if (pki->inter)
		SSL_CTX_add1_chain_cert(ctx, pki->inter);
	SSL_CTX_set_num_tickets(ctx, (size_t)o->tickets);
	if (o->max_send_fragment)
		SSL_CTX_set_max_send_fragment(ctx, (long)o->max_send_fragment);
	if (o->request_cert)
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	if (o->alpn)
		SSL_CTX_set_alpn_select_cb(ctx, alpn_cb, (void *)o->alpn);
	if (o->stateless) {
		SSL_CTX_set_stateless_cookie_generate_cb(ctx, cookie_gen);
		SSL_CTX_set_stateless_cookie_verify_cb(ctx, cookie_verify);
	}
	SSL_CTX_set_keylog_callback(ctx, keylog_cb);
	SSL_CTX_set_info_callback(ctx, info_cb);
	p->sctx = ctx;
	if (peer_conn_new(p))
		return -1;
	p->stateless = o->stateless;
	return 0;
}

int peer_conn_new(struct peer *p)
{
	peer_conn_free(p);
	p->ssl = SSL_new(p->sctx);
	p->to_server = BIO_new(BIO_s_mem());
	p->from_server = BIO_new(BIO_s_mem());
	if (!p->ssl || !p->to_server || !p->from_server)
		return -1;
	SSL_set_bio(p->ssl, p->to_server, p->from_server);
	SSL_set_accept_state(p->ssl);
	SSL_set_app_data(p->ssl, p);
	p->pend_len = 0;
	p->records_from_server = 0;
	p->have_s_hs = p->have_c_hs = 0;
	p->server_seq_hs = 0;
	p->alert_received = -1;
	p->alert_count = 0;
	return 0;
}

void peer_conn_free(struct peer *p)
{
	if (p->ssl)
		SSL_free(p->ssl); /* frees both BIOs */
	p->ssl = NULL;
}

void peer_free(struct peer *p)
{
	peer_conn_free(p);
	SSL_CTX_free(p->sctx);
	free(p->pend);
	memset(p, 0, sizeof *p);
}

/* ---- MITM record crypto (TLS 1.3, 16-byte tags) ------------------------ */

static const EVP_MD *md_for(size_t hl)
{
	return hl == 48 ? EVP_sha384() : EVP_sha256();
}

static int suite_keys(struct peer *p, uint8_t *key, size_t *key_len, uint8_t iv[12],
                      mote_aead_alg *alg)
{
	mote_hash_alg h = p->secret_len == 48 ? MOTE_HASH_SHA384 : MOTE_HASH_SHA256;
	const SSL_CIPHER *c = SSL_get_current_cipher(p->ssl);
	uint16_t id = c ? (uint16_t)(SSL_CIPHER_get_id(c) & 0xFFFF) : 0;

	(void)md_for;
	*alg = id == 0x1302   ? MOTE_AEAD_AES_256_GCM
	       : id == 0x1303 ? MOTE_AEAD_CHACHA20_POLY1305
	                      : MOTE_AEAD_AES_128_GCM;
	*key_len = mote_aead_key_size(*alg);
	if (mote_hkdf_expand_label(h, p->s_hs, p->secret_len, "key", NULL, 0, key, *key_len) ||
	    mote_hkdf_expand_label(h, p->s_hs, p->secret_len, "iv", NULL, 0, iv, 12))
		return -1;
	return 0;
}

static void nonce_for(uint8_t nonce[12], const uint8_t iv[12], uint64_t seq)
{
	memcpy(nonce, iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
}

int peer_open_hs_record(struct peer *p, const uint8_t *rec, size_t len, uint64_t seq,
                        uint8_t *plain, size_t *plain_len, uint8_t *type)
{
	uint8_t key[32], iv[12], nonce[12];
	size_t kl, n;
	mote_aead_alg alg;
	mote_aead_ctx a;

	if (!p->have_s_hs || len < 5 + 17 || rec[0] != 23 || suite_keys(p, key, &kl, iv, &alg))
		return -1;
	n = len - 5 - 16;
	memcpy(plain, rec + 5, n);
	nonce_for(nonce, iv, seq);
	mote_aead_init(&a, alg, key, kl);
	if (mote_aead_open(&a, nonce, rec, 5, plain, n, rec + 5 + n))
		return -1;
	while (n && plain[n - 1] == 0)
		n--;
	if (!n)
		return -1;
	*type = plain[--n];
	*plain_len = n;
	return 0;
}

size_t peer_seal_hs_record(struct peer *p, const uint8_t *plain, size_t len, uint8_t type,
                           uint64_t seq, uint8_t *rec)
{
	uint8_t key[32], iv[12], nonce[12];
	size_t kl, clen = len + 1 + 16;
	mote_aead_alg alg;
	mote_aead_ctx a;

	if (suite_keys(p, key, &kl, iv, &alg))
		return 0;
	rec[0] = 23;
	rec[1] = rec[2] = 3;
	rec[3] = (uint8_t)(clen >> 8);
	rec[4] = (uint8_t)clen;
	memmove(rec + 5, plain, len);
	rec[5 + len] = type;
	nonce_for(nonce, iv, seq);
	mote_aead_init(&a, alg, key, kl);
	mote_aead_seal(&a, nonce, rec, 5, rec + 5, len + 1, rec + 5 + len + 1);
	return 5 + clen;
}

/* ---- Pumping ------------------------------------------------------------ */

void (*peer_run_client)(void (*fn)(void *), void *arg);

struct client_call {
	mote_conn *c;
	size_t len;
	int recv;
};

static void client_call_fn(void *a)
{
	struct client_call *cc = a;

	if (cc->recv)
		mote_conn_recv_ack(cc->c, cc->len);
	else
		mote_conn_send_ack(cc->c, cc->len);
}

static void client_ack(mote_conn *c, size_t len, int recv)
{
	struct client_call cc = {c, len, recv};

	if (peer_run_client)
		peer_run_client(client_call_fn, &cc);
	else
		client_call_fn(&cc);
}

static void server_step(struct peer *p)
{
	uint8_t junk[4096];

	if (p->stateless) {
		/* 1: a ClientHello with a valid cookie came; 0: a retry request
		 * went out (or more input is needed). */
		if (SSL_stateless(p->ssl) == 1)
			p->stateless = 0;
		ERR_clear_error();
		if (p->stateless)
			return;
	}
	if (!SSL_is_init_finished(p->ssl)) {
		SSL_do_handshake(p->ssl);
		ERR_clear_error();
	}
	/* Let OpenSSL process post-handshake messages (KeyUpdate, alerts)
	 * without consuming application data: peek. */
	if (SSL_is_init_finished(p->ssl)) {
		SSL_peek(p->ssl, junk, sizeof junk);
		ERR_clear_error();
	}
}

/* Moves the server's output into pend, then hands whole records to the
 * client (through the fault hook). Returns 1 if anything moved. */
static int to_client(struct peer *p, mote_conn *c)
{
	uint8_t buf[4096];
	int n, moved = 0;

	while ((n = BIO_read(p->from_server, buf, sizeof buf)) > 0) {
		if (p->pend_len + (size_t)n + 512 > p->pend_cap) {
			p->pend_cap = (p->pend_len + (size_t)n + 512) * 2;
			p->pend = realloc(p->pend, p->pend_cap);
		}
		memcpy(p->pend + p->pend_len, buf, (size_t)n);
		p->pend_len += (size_t)n;
	}
	while (p->pend_len >= 5) {
		size_t rl = 5 + (((size_t)p->pend[3] << 8) | p->pend[4]), len = rl, off = 0;
		uint8_t *rec;
		size_t room;
		/* The client takes a record only when it has none unread. */
		if (p->pend_len < rl || !mote_conn_recv_buf(c, &room))
			break;
		rec = malloc(rl + 1024);
		memcpy(rec, p->pend, rl);
		memmove(p->pend, p->pend + rl, p->pend_len - rl);
		p->pend_len -= rl;
		p->records_from_server++;
		if (p->fault && p->fault(p, rec, &len, rl + 1024)) {
			free(rec);
			return -1;
		}
		if (rec[0] == 23 && p->have_s_hs && !SSL_is_init_finished(p->ssl))
			p->server_seq_hs++;
		while (off < len && !mote_conn_error(c)) {
			size_t want;
			uint8_t *dst = mote_conn_recv_buf(c, &want);
			if (!dst)
				break;
			want = want < len - off ? want : len - off;
			memcpy(dst, rec + off, want);
			off += want;
			client_ack(c, want, 1);
		}
		free(rec);
		moved = 1;
		if (p->eof_after && p->records_from_server >= (size_t)p->eof_after) {
			mote_conn_recv_eof(c);
			return moved;
		}
	}
	return moved;
}

static int to_server(struct peer *p, mote_conn *c)
{
	const uint8_t *out;
	size_t len;
	int moved = 0;

	while ((out = mote_conn_send_buf(c, &len)) != NULL) {
		BIO_write(p->to_server, out, (int)len);
		client_ack(c, len, 0);
		moved = 1;
	}
	return moved;
}

int peer_pump(struct peer *p, mote_conn *c)
{
	int moved;

	do {
		moved = to_server(p, c);
		server_step(p);
		int r = to_client(p, c);
		if (r < 0)
			return -1;
		moved |= r;
	} while (moved && !(mote_conn_state(c) & MOTE_CONN_CLOSED));
	/* The client's last words (an alert) reach the server too. */
	if (to_server(p, c))
		server_step(p);
	return mote_conn_error(c);
}

int peer_handshake(struct peer *p, mote_conn *c)
{
	int err = peer_pump(p, c);

	if (err)
		return err;
	if (!(mote_conn_state(c) & MOTE_CONN_READY))
		return MOTE_ERR_STATE;
	server_step(p);
	return SSL_is_init_finished(p->ssl) ? 0 : MOTE_ERR_STATE;
}

static void pattern(uint8_t *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		b[i] = (uint8_t)(seed >> 16);
	}
}

int peer_exchange(struct peer *p, mote_conn *c, size_t n)
{
	uint8_t *want = malloc(n), *got = malloc(n);
	size_t sent = 0, recvd = 0;
	int ok = 0, r;

	/* Client to server. */
	pattern(want, n, (uint32_t)n);
	while (recvd < n) {
		size_t room;
		uint8_t *w;
		while (sent < n && (w = mote_conn_write_buf(c, &room)) != NULL) {
			room = room < n - sent ? room : n - sent;
			memcpy(w, want + sent, room);
			mote_conn_write_ack(c, room);
			sent += room;
		}
		if (sent == n)
			mote_conn_flush(c);
		to_server(p, c);
		r = SSL_read(p->ssl, got + recvd, (int)(n - recvd));

		if (r > 0)
			recvd += (size_t)r;
		else if (SSL_get_error(p->ssl, r) != SSL_ERROR_WANT_READ || mote_conn_error(c))
			goto out;
		else if (sent == n && !(mote_conn_state(c) & MOTE_CONN_SEND) && r <= 0 &&
		         BIO_ctrl_pending(p->to_server) == 0)
			goto out;
		ERR_clear_error();
		to_client(p, c);
	}
	if (memcmp(want, got, n) != 0)
		goto out;
	/* Server to client. */
	pattern(want, n, (uint32_t)n + 7);
	sent = recvd = 0;
	while (recvd < n) {
		const uint8_t *rd;
		size_t len;
		if (sent < n) {
			size_t chunk = n - sent < 100000 ? n - sent : 100000;
			r = SSL_write(p->ssl, want + sent, (int)chunk);
			if (r > 0)
				sent += (size_t)r;
		}
		if (to_client(p, c) < 0 || mote_conn_error(c))
			goto out;
		to_server(p, c);
		while ((rd = mote_conn_read_buf(c, &len)) != NULL) {
			if (recvd + len > n)
				goto out;
			memcpy(got + recvd, rd, len);
			recvd += len;
			mote_conn_read_ack(c, len);
		}
		server_step(p);
		if (sent == n && BIO_ctrl_pending(p->from_server) == 0 && p->pend_len == 0 &&
		    recvd < n)
			goto out;
	}
	ok = memcmp(want, got, n) == 0;
out:
	free(want);
	free(got);
	return ok ? 0 : -1;
}

/* ---- Mote side ------------------------------------------------------------ */

static int test_entropy(void *arg, uint8_t *out, size_t len)
{
	uint64_t *s = arg;

	for (size_t i = 0; i < len; i++) {
		*s ^= *s << 13;
		*s ^= *s >> 7;
		*s ^= *s << 17;
		out[i] = (uint8_t)*s;
	}
	return 0;
}

static uint64_t seeds[64];
static unsigned seed_next;

/* The real time: the certificates are made relative to it. */
static uint64_t test_clock(void *arg)
{
	(void)arg;
	return (uint64_t)time(NULL) * 1000u;
}

void test_mote_ctx(mote_ctx *ctx, const mote_config *cfg, uint64_t seed)
{
	uint64_t *s = &seeds[seed_next++ % 64];

	*s = seed | 1;
	CHECK_INT(mote_ctx_init(ctx, cfg, test_entropy, s, test_clock, NULL), 0);
}
