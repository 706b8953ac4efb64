/* bench_tls backend: wolfSSL 5.5 client, TLS 1.3, max_fragment_length 512
 * requested, the chain and the name verified, resumption with a ticket.
 * Every structure is on wolfSSL's heap. Debian's build is a distribution
 * build (OpenSSL compatibility layer, session cache keeping peer
 * certificates, 16 KB static record buffers): its figures are those of
 * that build, not of an embedded configuration. */
#include <stdio.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#include "tls.h"

static WOLFSSL_CTX *wctx;
static WOLFSSL_SESSION *saved;

static int setup(const char *ca, const char **note)
{
	(void)note;
	if (wolfSSL_Init() != WOLFSSL_SUCCESS)
		return -1;
	wctx = wolfSSL_CTX_new(wolfTLSv1_3_client_method());
	if (!wctx || wolfSSL_CTX_load_verify_locations(wctx, ca, NULL) != WOLFSSL_SUCCESS)
		return -1;
	wolfSSL_CTX_set_verify(wctx, WOLFSSL_VERIFY_PEER, NULL);
	return 0;
}

static size_t shared_bytes(void)
{
	return 0; /* all on the heap */
}

static void *bench_connect(int fd, const char *host, int resume)
{
	WOLFSSL *ssl = wolfSSL_new(wctx);

	if (!ssl)
		return NULL;
	wolfSSL_UseMaxFragment(ssl, WOLFSSL_MFL_2_9);
	wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, host, (unsigned short)strlen(host));
	wolfSSL_check_domain_name(ssl, host);
	wolfSSL_set_fd(ssl, fd);
	if (resume && saved)
		wolfSSL_set_session(ssl, saved);
	if (wolfSSL_connect(ssl) != WOLFSSL_SUCCESS) {
		fprintf(stderr, "wolfssl: handshake error %d\n", wolfSSL_get_error(ssl, 0));
		wolfSSL_free(ssl);
		return NULL;
	}
	return ssl;
}

static size_t conn_bytes(void *conn, int handshake)
{
	(void)conn;
	(void)handshake;
	return 0;
}

static int exchange(void *conn)
{
	static const char req[] = "GET / HTTP/1.0\r\n\r\n";
	char buf[512];
	int n, got = 0;

	if (wolfSSL_write(conn, req, sizeof req - 1) <= 0)
		return -1;
	while ((n = wolfSSL_read(conn, buf, sizeof buf)) > 0)
		got += n;
	return got > 0 ? 0 : -1;
}

static void keep_session(void *conn)
{
	if (saved)
		wolfSSL_SESSION_free(saved);
	saved = wolfSSL_get1_session(conn);
}

static void release(void *conn)
{
	wolfSSL_free(conn);
}

const struct tls_backend tls_wolfssl = {
	"wolfssl", "TLS 1.3", setup, shared_bytes, bench_connect, conn_bytes, exchange,
	keep_session, release,
};
