/*
 * A small TLS 1.2 server on Mbed TLS (Debian's libmbedtls-dev, 2.28), for
 * the interop script mbedtls.sh. Test-only.
 *
 * usage: mbedtls_server PORT CHAIN_PEM KEY_PEM CONNECTIONS
 *   Serves CONNECTIONS connections on 127.0.0.1:PORT one after the other,
 *   with a session cache (session IDs), session tickets, the extended
 *   master secret and max_fragment_length. Each connection reads one
 *   line and answers "mbedtls <line>", then sends close_notify.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/error.h>
#include <mbedtls/entropy.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/x509_crt.h>

static int die(const char *what, int ret)
{
	char buf[128];

	mbedtls_strerror(ret, buf, sizeof buf);
	fprintf(stderr, "mbedtls_server: %s: %s (-0x%04x)\n", what, buf, (unsigned)-ret);
	return 1;
}

static int serve_one(mbedtls_ssl_context *ssl, mbedtls_net_context *client)
{
	unsigned char line[256], out[320];
	int ret, n = 0;

	mbedtls_ssl_set_bio(ssl, client, mbedtls_net_send, mbedtls_net_recv, NULL);
	while ((ret = mbedtls_ssl_handshake(ssl)) != 0) {
		if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE)
			return die("handshake", ret);
	}
	while (n < (int)sizeof line - 1) {
		ret = mbedtls_ssl_read(ssl, line + n, sizeof line - 1 - (size_t)n);
		if (ret == MBEDTLS_ERR_SSL_WANT_READ)
			continue;
		if (ret <= 0)
			break;
		n += ret;
		if (line[n - 1] == '\n')
			break;
	}
	line[n] = 0;
	if (n && line[n - 1] == '\n')
		line[--n] = 0;
	n = snprintf((char *)out, sizeof out, "mbedtls %s\n", (char *)line);
	while ((ret = mbedtls_ssl_write(ssl, out, (size_t)n)) <= 0) {
		if (ret != MBEDTLS_ERR_SSL_WANT_WRITE)
			return die("write", ret);
	}
	mbedtls_ssl_close_notify(ssl);
	return 0;
}

int main(int argc, char **argv)
{
	mbedtls_net_context listen_fd, client;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_ssl_cache_context cache;
	mbedtls_ssl_ticket_context ticket;
	mbedtls_ssl_config conf;
	mbedtls_x509_crt chain;
	mbedtls_pk_context key;
	mbedtls_ssl_context ssl;
	int ret, count;

	if (argc < 5) {
		fprintf(stderr, "usage: mbedtls_server PORT CHAIN_PEM KEY_PEM CONNECTIONS\n");
		return 2;
	}
	count = atoi(argv[4]);
	mbedtls_net_init(&listen_fd);
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_ssl_cache_init(&cache);
	mbedtls_ssl_ticket_init(&ticket);
	mbedtls_ssl_config_init(&conf);
	mbedtls_x509_crt_init(&chain);
	mbedtls_pk_init(&key);
	if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0)) != 0)
		return die("drbg", ret);
	if ((ret = mbedtls_x509_crt_parse_file(&chain, argv[2])) != 0)
		return die("chain", ret);
	if ((ret = mbedtls_pk_parse_keyfile(&key, argv[3], NULL)) != 0)
		return die("key", ret);
	if ((ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_SERVER,
	                                       MBEDTLS_SSL_TRANSPORT_STREAM,
	                                       MBEDTLS_SSL_PRESET_DEFAULT)) != 0)
		return die("config", ret);
	mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
	mbedtls_ssl_conf_session_cache(&conf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
	if ((ret = mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, &drbg,
	                                    MBEDTLS_CIPHER_AES_256_GCM, 3600)) != 0)
		return die("ticket", ret);
	mbedtls_ssl_conf_session_tickets_cb(&conf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse,
	                                    &ticket);
	mbedtls_ssl_conf_extended_master_secret(&conf, MBEDTLS_SSL_EXTENDED_MS_ENABLED);
	if ((ret = mbedtls_ssl_conf_own_cert(&conf, &chain, &key)) != 0)
		return die("own cert", ret);
	if ((ret = mbedtls_net_bind(&listen_fd, "127.0.0.1", argv[1], MBEDTLS_NET_PROTO_TCP)) != 0)
		return die("bind", ret);
	printf("listening\n");
	fflush(stdout);
	for (int i = 0; i < count; i++) {
		mbedtls_net_init(&client);
		mbedtls_ssl_init(&ssl);
		if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0)
			return die("setup", ret);
		if ((ret = mbedtls_net_accept(&listen_fd, &client, NULL, 0, NULL)) != 0)
			return die("accept", ret);
		serve_one(&ssl, &client);
		mbedtls_ssl_free(&ssl);
		mbedtls_net_free(&client);
	}
	mbedtls_net_free(&listen_fd);
	mbedtls_ssl_ticket_free(&ticket);
	mbedtls_ssl_cache_free(&cache);
	mbedtls_ssl_config_free(&conf);
	mbedtls_x509_crt_free(&chain);
	mbedtls_pk_free(&key);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&entropy);
	return 0;
}
