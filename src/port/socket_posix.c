/*
 * POSIX TCP sockets and the wall clock for the blocking TLS API.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "mote/error.h"
#include "mote/port.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

int mote_port_tcp_connect(const char *host, const char *port, int *fd)
{
	struct addrinfo hints, *res, *ai;
	int s = -1, one = 1;

	if (!host || !port || !fd)
		return MOTE_ERR_BAD_ARG;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return MOTE_ERR_RESOLVE;
	for (ai = res; ai; ai = ai->ai_next) {
		s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (s < 0)
			continue;
		if (connect(s, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(s);
		s = -1;
	}
	freeaddrinfo(res);
	if (s < 0)
		return MOTE_ERR_CONNECT;
	/* Handshake flights are small and latency-bound. */
	(void)setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	*fd = s;
	return 0;
}

int mote_port_tcp_send(void *arg, const uint8_t *buf, size_t len)
{
	int fd = *(const int *)arg;
	ssize_t n;

	if (len > 0x40000000)
		len = 0x40000000;
	do {
		n = send(fd, buf, len, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n > 0 ? (int)n : MOTE_ERR_IO;
}

int mote_port_tcp_recv(void *arg, uint8_t *buf, size_t len)
{
	int fd = *(const int *)arg;
	ssize_t n;

	if (len > 0x40000000)
		len = 0x40000000;
	do {
		n = recv(fd, buf, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == ECONNRESET ? 0 : MOTE_ERR_IO;
	return (int)n;
}

void mote_port_tcp_close(int fd)
{
	close(fd);
}

uint64_t mote_port_time_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}
