/*
 * The port layer: OS-specific services the core never touches directly
 * (entropy here; sockets and clocks live beside it). Link mote_port.
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

#ifdef __cplusplus
}
#endif

#endif /* MOTE_PORT_H */
