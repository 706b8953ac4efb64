/*
 * Blocking wrapper over the engine (see mote/tls_blocking.h). Uses only
 * the public engine API.
 */
#include <limits.h>
#include <string.h>

#include "mote/error.h"
#include "mote/tls_blocking.h"

/* Sends everything the engine has queued. */
static int flush_out(mote_conn *c, const mote_io *io)
{
	const uint8_t *p;
	size_t len;
	int n;

	while ((p = mote_conn_send_buf(c, &len)) != NULL) {
		n = io->send(io->arg, p, len);
		if (n <= 0)
			return n < 0 ? n : MOTE_ERR_IO;
		mote_conn_send_ack(c, (size_t)n);
	}
	return 0;
}

/* Receives once into the engine. */
static int pull(mote_conn *c, const mote_io *io)
{
	size_t len;
	uint8_t *p = mote_conn_recv_buf(c, &len);
	int n;

	if (!p) {
		if (mote_conn_state(c) & MOTE_CONN_POOL_WAIT)
			return MOTE_ERR_WOULD_BLOCK;
		return mote_conn_error(c) ? mote_conn_error(c) : MOTE_ERR_STATE;
	}
	n = io->recv(io->arg, p, len);
	if (n < 0)
		return n;
	if (n == 0) {
		mote_conn_recv_eof(c);
		return mote_conn_error(c);
	}
	return mote_conn_recv_ack(c, (size_t)n);
}

/* After a failure the engine may still hold an alert to send. */
static int fail(mote_conn *c, const mote_io *io, int err)
{
	(void)flush_out(c, io);
	return err;
}

int mote_blocking_handshake(mote_conn *c, const mote_io *io)
{
	int err;

	for (;;) {
		err = flush_out(c, io);
		if (err)
			return err;
		if (mote_conn_error(c))
			return mote_conn_error(c);
		if (mote_conn_state(c) & MOTE_CONN_READY)
			return 0;
		err = pull(c, io);
		if (err)
			return fail(c, io, err);
	}
}

int mote_blocking_read(mote_conn *c, const mote_io *io, void *buf, size_t len)
{
	const uint8_t *p;
	size_t avail;
	int err;

	if (len > INT_MAX)
		len = INT_MAX;
	for (;;) {
		p = mote_conn_read_buf(c, &avail);
		if (p) {
			avail = avail < len ? avail : len;
			memcpy(buf, p, avail);
			mote_conn_read_ack(c, avail);
			return (int)avail;
		}
		if (mote_conn_state(c) & MOTE_CONN_PEER_CLOSED)
			return 0;
		err = flush_out(c, io); /* e.g. a KeyUpdate answer */
		if (!err)
			err = mote_conn_error(c);
		if (!err)
			err = pull(c, io);
		if (err)
			return fail(c, io, err);
	}
}

int mote_blocking_write(mote_conn *c, const mote_io *io, const void *buf, size_t len)
{
	const uint8_t *src = buf;
	size_t done = 0, room;
	uint8_t *p;
	int err;

	if (len > INT_MAX)
		len = INT_MAX;
	while (done < len) {
		if (mote_conn_error(c))
			return mote_conn_error(c);
		p = mote_conn_write_buf(c, &room);
		if (!p) {
			if (!(mote_conn_state(c) & MOTE_CONN_READY))
				return MOTE_ERR_STATE;
			err = flush_out(c, io);
			if (err)
				return err;
			if (!(mote_conn_state(c) & MOTE_CONN_SEND) && !mote_conn_write_buf(c, &room))
				return mote_conn_error(c) ? mote_conn_error(c) : MOTE_ERR_CLOSED;
			continue;
		}
		room = room < len - done ? room : len - done;
		memcpy(p, src + done, room);
		err = mote_conn_write_ack(c, room);
		if (err)
			return err;
		done += room;
	}
	err = mote_conn_flush(c);
	if (!err)
		err = flush_out(c, io);
	return err ? err : (int)len;
}

int mote_blocking_close(mote_conn *c, const mote_io *io)
{
	int err = mote_conn_close(c);

	if (err)
		return err;
	err = mote_conn_flush(c);
	return err ? err : flush_out(c, io);
}
