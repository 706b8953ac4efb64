/*
 * Blocking TLS over two I/O callbacks: handshake / read / write / close.
 * A thin loop over the engine API of mote/tls.h (it uses nothing else),
 * for hosts and RTOS tasks; src/port/socket_posix.c provides callbacks
 * for POSIX sockets.
 *
 * Memory: no state of its own; stack below 200 bytes plus what the engine
 * calls need (the handshake's public-key operations, see mote/tls.h).
 */
#ifndef MOTE_TLS_BLOCKING_H
#define MOTE_TLS_BLOCKING_H

#include <stddef.h>
#include <stdint.h>

#include "mote/tls.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sends up to len bytes: returns how many (> 0) or a negative error
 * (e.g. MOTE_ERR_IO). */
typedef int (*mote_io_send_fn)(void *arg, const uint8_t *buf, size_t len);
/* Receives up to len bytes: returns how many (> 0), 0 at end of file, or
 * a negative error. */
typedef int (*mote_io_recv_fn)(void *arg, uint8_t *buf, size_t len);

typedef struct {
	mote_io_send_fn send;
	mote_io_recv_fn recv;
	void *arg;
} mote_io;

/* Runs the handshake of a connection set up with mote_conn_init() to
 * completion, including sending the client's Finished. Returns 0 or the
 * connection's error (the alert, if any, has been sent). Afterwards the
 * handshake workspace given to mote_conn_init() is free. */
int mote_blocking_handshake(mote_conn *c, const mote_io *io);

/* Reads application data: returns the number of bytes (1..len, at most
 * one record's worth), 0 once the server sent close_notify, or an error
 * (MOTE_ERR_TRUNCATED when the transport ended without close_notify).
 * With a large-record pool (mote_ctx_set_large_pool()): copies as much of
 * the record as len allows at once, so a len of 16384 or more never
 * leaves a pool buffer lent between calls; and when the next record needs
 * a pool buffer that other connections hold, returns MOTE_ERR_WOULD_BLOCK
 * (not sticky: read the holders - mote_ctx_pool_holder() - then call
 * again) instead of waiting for ever. The handshake likewise. */
int mote_blocking_read(mote_conn *c, const mote_io *io, void *buf, size_t len);

/* Writes all len bytes (in records of the negotiated size) and sends
 * them. Returns len (capped at INT_MAX: larger writes must be split) or
 * an error. */
int mote_blocking_write(mote_conn *c, const mote_io *io, const void *buf, size_t len);

/* Sends close_notify and everything still queued. Does not wait for the
 * server's close_notify (read until 0 for that). */
int mote_blocking_close(mote_conn *c, const mote_io *io);

#ifdef __cplusplus
}
#endif

#endif
