/*
 * How the TLS client authenticates the server: the verifier settings in
 * mote_config and the per-handshake certificate state in mote_handshake.
 *
 * The certificate_list of the server's Certificate message is streamed,
 * record by record, into the X.509 engine (mote/x509.h); nothing of the
 * chain is kept but what the engine keeps. Until the engine is linked in
 * this header carries only the settings the TLS layer itself reads.
 */
#ifndef MOTE_TLS_X509_H
#define MOTE_TLS_X509_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mote_trust_anchor;

/* Server authentication settings (part of the const mote_config). */
typedef struct {
	const struct mote_trust_anchor *anchors;
	size_t n_anchors;
} mote_tls_verifier;

/* Per-handshake certificate state. Private. */
typedef struct {
	uint32_t certs; /* certificates seen */
} mote_tls_cert_state;

#ifdef __cplusplus
}
#endif

#endif
