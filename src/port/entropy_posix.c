/*
 * Entropy from the Linux kernel via getrandom(2).
 *
 * getrandom() with no flags reads the same pool as /dev/urandom but blocks
 * until it has been seeded once at boot, so early-boot callers never get
 * predictable bytes. It may return fewer bytes than asked (requests above
 * 256 bytes can be interrupted by a signal) or fail with EINTR; both are
 * retried. Any other error is reported as MOTE_ERR_ENTROPY.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "mote/error.h"
#include "mote/port.h"

int mote_port_entropy(void *arg, uint8_t *out, size_t len)
{
	size_t done = 0;

	(void)arg;
	while (done < len) {
		ssize_t n = getrandom(out + done, len - done, 0);

		if (n > 0) {
			done += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else {
			/* Leave no partial randomness that might be mistaken for good. */
			memset(out, 0, len);
			return MOTE_ERR_ENTROPY;
		}
	}
	return 0;
}
