/* Pieces shared by the public-key (pkey.c) and private-key (privkey.c)
 * parsers: AlgorithmIdentifier, curve names and points. */
#ifndef MOTE_X509_PKEY_INTERNAL_H
#define MOTE_X509_PKEY_INTERNAL_H

#include "mote/der.h"
#include "mote/pkey.h"

/* Read an AlgorithmIdentifier SEQUENCE naming a key type, checking its
 * parameters: NULL for RSA, a named curve for EC (*curve set), absent for
 * Ed25519 and X25519. */
int mote_pkey_read_algorithm(mote_der_reader *r, mote_pkey_type *type, int *curve);

/* Read ECParameters (RFC 5480): a namedCurve OID for P-256 or P-384.
 * Explicit (SEQUENCE) or implicit (NULL) curves: MOTE_ERR_UNSUPPORTED. */
int mote_pkey_read_curve(mote_der_reader *r, int *curve);

/* Byte length of the curve's order and field elements (32, 48). */
size_t mote_pkey_curve_bytes(int curve);

/* An uncompressed point of the curve: 0x04 || X || Y, else
 * MOTE_ERR_BAD_POINT. Not checked to lie on the curve. */
int mote_pkey_check_point(int curve, const mote_der_reader *pt);

#endif
