/*
 * TLS client benchmark (bench_tls): one backend per library, each a client
 * that validates the server's chain up to a root given as PEM, with
 * 512-byte records where the library can negotiate them. The driver
 * (tls.c) measures memory (heap through an interposed allocator, the
 * caller's structures and buffers the backend declares, the stack on a
 * painted stack) and, under callgrind, instructions.
 */
#ifndef MOTE_BENCH_TLS_H
#define MOTE_BENCH_TLS_H

#include <stddef.h>

struct tls_backend {
	const char *library;  /* JSON name */
	const char *protocol; /* "TLS 1.3", "TLS 1.2" */
	/* Shared set-up: trust anchors from ca (PEM file), RNG. Returns 0 or
	 * -1 with a message on stderr. */
	int (*setup)(const char *ca, const char **note);
	/* Bytes of the shared state that is not on the heap (contexts and
	 * anchors the caller holds). */
	size_t (*shared_bytes)(void);
	/* Full handshake (resume 0) or resumption of the session saved by
	 * keep_session (resume 1) on the connected socket fd. Returns a
	 * connection, or NULL (printed). */
	void *(*connect)(int fd, const char *host, int resume);
	/* Caller-held bytes of a connection: structures and buffers the
	 * application gives the library (not heap), during the handshake
	 * (handshake 1) or once connected. */
	size_t (*conn_bytes)(void *conn, int handshake);
	/* Sends an HTTP request, reads the whole response; 0 if it came. */
	int (*exchange)(void *conn);
	/* Keeps what resumption needs from this connection. */
	void (*keep_session)(void *conn);
	/* Frees the connection (without closing the socket). */
	void (*release)(void *conn);
};

extern const struct tls_backend tls_mote, tls_bearssl, tls_mbedtls, tls_mbedtls_16k, tls_wolfssl;

/* Socket I/O helpers for backends: all bytes / some bytes. */
int tls_io_send(int fd, const void *buf, size_t len);
int tls_io_recv(int fd, void *buf, size_t len);

#endif
