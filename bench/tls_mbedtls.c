/* bench_tls backend: Mbed TLS 2.28 client (TLS 1.2: 2.28 has no 1.3),
 * max_fragment_length 512 requested (mbedtls) or not (mbedtls-16k), the chain verified (authmode
 * required), session resumption by session id or ticket. Debian's build
 * has fixed 16 KB record buffers on the heap whatever is negotiated.
 * Caller memory: the SSL context; the configuration, CA chain, DRBG and
 * entropy contexts are shared. */
#include <stdio.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "tls.h"

struct mbed_conn {
	mbedtls_ssl_context ssl;
	int fd;
};

static struct mbed_conn pool[3];
static int pool_used[3];
static mbedtls_ssl_config conf;
static mbedtls_x509_crt ca_chain;
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_ssl_session saved;
static int have_saved;

static int send_cb(void *ctx, const unsigned char *buf, size_t len)
{
	return tls_io_send(*(int *)ctx, buf, len);
}

static int recv_cb(void *ctx, unsigned char *buf, size_t len)
{
	return tls_io_recv(*(int *)ctx, buf, len);
}

static int setup_mfl(const char *ca, int mfl)
{
	mbedtls_ssl_config_init(&conf);
	mbedtls_x509_crt_init(&ca_chain);
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_ssl_session_init(&saved);
	if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0) ||
	    mbedtls_x509_crt_parse_file(&ca_chain, ca) ||
	    mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
	                                MBEDTLS_SSL_PRESET_DEFAULT))
		return -1;
	mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_conf_ca_chain(&conf, &ca_chain, NULL);
	mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
	return mfl && mbedtls_ssl_conf_max_frag_len(&conf, MBEDTLS_SSL_MAX_FRAG_LEN_512) ? -1 : 0;
}

static int setup(const char *ca, const char **note)
{
	(void)note;
	return setup_mfl(ca, 1);
}

/* Without max_fragment_length: Mbed TLS 2.28 cannot take a handshake
 * message that spans records (the server's two-certificate chain does at
 * 512 bytes), so this is the configuration that connects. */
static int setup_16k(const char *ca, const char **note)
{
	(void)note;
	return setup_mfl(ca, 0);
}

static size_t shared_bytes(void)
{
	return sizeof conf + sizeof ca_chain + sizeof entropy + sizeof drbg + sizeof saved;
}

static void *bench_connect(int fd, const char *host, int resume)
{
	struct mbed_conn *c = NULL;
	int r;

	for (int i = 0; i < 3 && !c; i++)
		if (!pool_used[i]) {
			pool_used[i] = 1;
			c = &pool[i];
		}
	if (!c)
		return NULL;
	c->fd = fd;
	mbedtls_ssl_init(&c->ssl);
	if (mbedtls_ssl_setup(&c->ssl, &conf) || mbedtls_ssl_set_hostname(&c->ssl, host))
		goto fail;
	mbedtls_ssl_set_bio(&c->ssl, &c->fd, send_cb, recv_cb, NULL);
	if (resume && have_saved && mbedtls_ssl_set_session(&c->ssl, &saved))
		goto fail;
	while ((r = mbedtls_ssl_handshake(&c->ssl)) != 0) {
		if (r != MBEDTLS_ERR_SSL_WANT_READ && r != MBEDTLS_ERR_SSL_WANT_WRITE) {
			fprintf(stderr, "mbedtls: handshake -0x%04x\n", (unsigned)-r);
			goto fail;
		}
	}
	return c;
fail:
	mbedtls_ssl_free(&c->ssl);
	pool_used[c - pool] = 0;
	return NULL;
}

static size_t conn_bytes(void *conn, int handshake)
{
	(void)conn;
	(void)handshake;
	return sizeof(mbedtls_ssl_context);
}

static int exchange(void *conn)
{
	static const char req[] = "GET / HTTP/1.0\r\n\r\n";
	struct mbed_conn *c = conn;
	unsigned char buf[512];
	int n, got = 0;

	if (mbedtls_ssl_write(&c->ssl, (const unsigned char *)req, sizeof req - 1) < 0)
		return -1;
	while ((n = mbedtls_ssl_read(&c->ssl, buf, sizeof buf)) > 0)
		got += n;
	return got > 0 ? 0 : -1;
}

static void keep_session(void *conn)
{
	struct mbed_conn *c = conn;

	mbedtls_ssl_session_free(&saved);
	mbedtls_ssl_session_init(&saved);
	have_saved = mbedtls_ssl_get_session(&c->ssl, &saved) == 0;
}

static void release(void *conn)
{
	struct mbed_conn *c = conn;

	mbedtls_ssl_free(&c->ssl);
	pool_used[c - pool] = 0;
}

const struct tls_backend tls_mbedtls = {
	"mbedtls", "TLS 1.2", setup, shared_bytes, bench_connect, conn_bytes, exchange,
	keep_session, release,
};

const struct tls_backend tls_mbedtls_16k = {
	"mbedtls-16k", "TLS 1.2, 16 KB records", setup_16k, shared_bytes, bench_connect, conn_bytes,
	exchange, keep_session, release,
};
