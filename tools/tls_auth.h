/* Server authentication for the TLS subcommands: trust anchors from a PEM
 * file or the system bundle compiled into the tool, or SPKI pins. */
#ifndef MOTE_TOOL_TLS_AUTH_H
#define MOTE_TOOL_TLS_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "mote/tls.h"

#define TLS_AUTH_MAX_PINS 8

struct tls_auth {
	mote_trust_anchor *tas;
	uint8_t *arena;
	uint8_t pins[TLS_AUTH_MAX_PINS][MOTE_X509_PIN_SIZE];
	size_t n_pins;
};

/* Anchors from the PEM file dir/file (dir may be NULL) into cfg->verify.
 * Returns 0 or an error (printed). */
int tls_auth_load_ca(struct tls_auth *a, mote_config *cfg, const char *file, const char *dir);
/* The system bundle compiled into the tool; -1 if it is empty. */
int tls_auth_system(mote_config *cfg);
/* A leaf SPKI SHA-256 pin, 64 hex digits (':' allowed between bytes). */
int tls_auth_add_pin(struct tls_auth *a, mote_config *cfg, const char *hex);
void tls_auth_free(struct tls_auth *a);

#endif
