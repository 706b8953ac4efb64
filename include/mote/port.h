/*
 * The port layer: OS-specific services the core never touches directly
 * (entropy, sockets, the clock). Link mote_port.
 */
#ifndef MOTE_PORT_H
#define MOTE_PORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fills out[0..len) from the operating system's CSPRNG (getrandom() on
 * Linux, blocking only until the kernel pool is first initialised). Has
 * the mote_entropy_fn type, so it can seed a DRBG directly:
 *   mote_drbg_init(&drbg, mote_port_entropy, NULL, pers, pers_len);
 * arg is unused. Interrupted and short reads are retried. Returns 0, or
 * MOTE_ERR_ENTROPY if the kernel refuses (out is then wiped).
 * Thread-safe; no state; stack only a few words. */
int mote_port_entropy(void *arg, uint8_t *out, size_t len);

/*
 * POSIX TCP sockets for the blocking TLS API (mote/tls_blocking.h).
 *
 * mote_port_tcp_connect resolves host (name or literal address) and port
 * (number or service name) and connects to the first address that
 * accepts. *fd receives the socket. Errors: MOTE_ERR_RESOLVE,
 * MOTE_ERR_CONNECT, MOTE_ERR_BAD_ARG.
 */
int mote_port_tcp_connect(const char *host, const char *port, int *fd);

/* mote_io callbacks; arg points to the int socket. send returns bytes
 * sent (> 0) or MOTE_ERR_IO; recv bytes received, 0 at end of file, or
 * MOTE_ERR_IO. EINTR is retried; SIGPIPE is not raised (MSG_NOSIGNAL). */
int mote_port_tcp_send(void *arg, const uint8_t *buf, size_t len);
int mote_port_tcp_recv(void *arg, uint8_t *buf, size_t len);

/* Closes the socket. */
void mote_port_tcp_close(int fd);

/* The mote_time_fn clock: milliseconds since 1970-01-01 UTC from
 * clock_gettime(CLOCK_REALTIME). arg is unused. */
uint64_t mote_port_time_ms(void *arg);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_PORT_H */
