/*
 * Strict DER reader over a byte span.
 *
 * One idiom for every parser in Mote: a mote_der_reader is a pointer and
 * the number of bytes left. Reading an element consumes it from the reader
 * and yields its contents as a new reader (a span), which can be read in
 * turn (SEQUENCE, SET, [n] EXPLICIT, an OCTET STRING or BIT STRING holding
 * DER) and must then be closed exactly with mote_der_close(). Nothing is
 * copied: every output points into the caller's bytes, which must outlive
 * the outputs. No allocation, no global state.
 *
 * DER rules enforced (X.690 section 10 and 11):
 *   - tags: single-byte identifiers only (tag numbers 0..30); the
 *     high-tag-number form and tag 0x00 are rejected (MOTE_ERR_DER_BAD_TAG);
 *   - lengths: definite, minimal (short form below 128, long form without a
 *     leading zero byte), at most 4 length bytes (MOTE_ERR_DER_BAD_LENGTH);
 *     a value running past its container is MOTE_ERR_DER_TRUNCATED; so is a
 *     length of 2^32 or more;
 *   - INTEGER minimal two's complement, BOOLEAN 0x00/0xFF, NULL empty,
 *     BIT STRING padding bits zero, OID subidentifiers minimal, times in
 *     the DER form (see mote_der_decode_time).
 *
 * A function that fails leaves its reader where it was; a function that
 * succeeds advances it past what it read.
 *
 * Memory: sizeof(mote_der_reader) is 16 bytes on 64-bit targets and 8 bytes
 * on 32-bit targets. No function recurses; the deepest call chain in this
 * module uses about 190 bytes of stack on Cortex-M4 (gcc -Os, frames from
 * -fstack-usage summed along the chain).
 */
#ifndef MOTE_DER_H
#define MOTE_DER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Identifier octets of the universal types Mote reads. */
#define MOTE_DER_BOOLEAN 0x01
#define MOTE_DER_INTEGER 0x02
#define MOTE_DER_BIT_STRING 0x03
#define MOTE_DER_OCTET_STRING 0x04
#define MOTE_DER_NULL 0x05
#define MOTE_DER_OID 0x06
#define MOTE_DER_UTF8_STRING 0x0C
#define MOTE_DER_PRINTABLE_STRING 0x13
#define MOTE_DER_IA5_STRING 0x16
#define MOTE_DER_UTC_TIME 0x17
#define MOTE_DER_GENERALIZED_TIME 0x18
#define MOTE_DER_SEQUENCE 0x30
#define MOTE_DER_SET 0x31

/*
 * Context-specific tags, n in 0..30.
 *   [n] EXPLICIT T, and [n] IMPLICIT SEQUENCE/SET: MOTE_DER_CONTEXT_CONS(n)
 *       (constructed); read it with mote_der_read() and parse the contents.
 *   [n] IMPLICIT primitive type (OCTET STRING, IA5String, BIT STRING...):
 *       MOTE_DER_CONTEXT(n); read it with mote_der_read() and decode the
 *       contents with the mote_der_decode_* function of the underlying type.
 */
#define MOTE_DER_CONTEXT(n) ((uint8_t)(0x80 | (n)))
#define MOTE_DER_CONTEXT_CONS(n) ((uint8_t)(0xA0 | (n)))

/* Longest header (identifier + length octets) this reader accepts. */
#define MOTE_DER_MAX_HEADER 6

typedef struct {
	const uint8_t *p; /* next unread byte */
	size_t len;       /* bytes left */
} mote_der_reader;

/* Start reading len bytes at p. p may be NULL when len is 0. */
void mote_der_init(mote_der_reader *r, const uint8_t *p, size_t len);

/* 0 if the reader is empty, MOTE_ERR_DER_TRAILING_DATA otherwise: every
 * container must be consumed exactly. */
int mote_der_close(const mote_der_reader *r);

/* 1 if the next element's identifier octet is tag, 0 if it is not or the
 * reader is empty. For OPTIONAL and DEFAULT fields. Cannot fail. */
int mote_der_peek(const mote_der_reader *r, uint8_t tag);

/*
 * Read only an element's identifier and length octets (at most
 * MOTE_DER_MAX_HEADER bytes), leaving the reader at its contents. The
 * contents need not be present yet: a streaming decoder can call this on
 * the bytes received so far. Errors: MOTE_ERR_DER_TRUNCATED (more header
 * bytes needed, or a length >= 2^32), MOTE_ERR_DER_BAD_TAG,
 * MOTE_ERR_DER_BAD_LENGTH.
 */
int mote_der_read_header(mote_der_reader *r, uint8_t *tag, size_t *len);

/* Read any element: its identifier in *tag, its contents in *val.
 * Errors: those of mote_der_read_header, MOTE_ERR_DER_TRUNCATED when the
 * contents run past the reader. */
int mote_der_read_any(mote_der_reader *r, uint8_t *tag, mote_der_reader *val);

/* Read an element that must have identifier tag (else
 * MOTE_ERR_DER_BAD_TAG); its contents in *val (may be NULL to skip it).
 * SEQUENCE, SET and [n] are entered this way. */
int mote_der_read(mote_der_reader *r, uint8_t tag, mote_der_reader *val);

/* Shorthands for mote_der_read(r, MOTE_DER_SEQUENCE / MOTE_DER_SET, sub). */
int mote_der_enter_sequence(mote_der_reader *r, mote_der_reader *sub);
int mote_der_enter_set(mote_der_reader *r, mote_der_reader *sub);

/*
 * Content decoders: check the contents of a primitive element whose
 * identifier was already matched (the same rules for a universal tag and
 * for an [n] IMPLICIT one). They read nothing outside [p, p + len).
 */

/* INTEGER contents: non-empty and minimal (no 0x00 before a byte < 0x80,
 * no 0xFF before a byte >= 0x80). Looks at p[0] and p[1] only, so a
 * streaming decoder may pass the first two bytes with the full length.
 * Error: MOTE_ERR_DER_BAD_INTEGER. */
int mote_der_check_integer(const uint8_t *p, size_t len);

/* OID contents: non-empty, every subidentifier minimal (does not start
 * with 0x80) and terminated (last byte < 0x80). Error:
 * MOTE_ERR_DER_BAD_OID_ENCODING. */
int mote_der_check_oid(const uint8_t *p, size_t len);

/* BOOLEAN contents: exactly one byte, 0x00 (*v = 0) or 0xFF (*v = 1).
 * Error: MOTE_ERR_DER_BAD_BOOLEAN. */
int mote_der_decode_bool(const uint8_t *p, size_t len, int *v);

/* BIT STRING contents: the unused-bits count (0..7, 0 when there are no
 * bits) then the bits, whose unused low-order bits must be zero. *bits
 * gets the bytes after the count, *unused the count.
 * Error: MOTE_ERR_DER_BAD_BIT_STRING. */
int mote_der_decode_bits(const uint8_t *p, size_t len, mote_der_reader *bits, unsigned *unused);

/*
 * UTCTime (tag 0x17, "YYMMDDHHMMSSZ") or GeneralizedTime (tag 0x18,
 * "YYYYMMDDHHMMSSZ") contents in the DER form: UTC ('Z'), seconds present,
 * no fractional seconds, no time-zone offset, every field in range
 * (month 1..12, day valid for the month including Feb 29 in leap years,
 * hour 0..23, minute and second 0..59). UTCTime years 50..99 are 1950..1999
 * and 00..49 are 2000..2049 (RFC 5280 4.1.2.5.1). *t gets seconds since
 * 1970-01-01T00:00:00Z (negative before). Errors: MOTE_ERR_DER_BAD_TAG for
 * another tag, MOTE_ERR_DER_BAD_TIME.
 */
int mote_der_decode_time(uint8_t tag, const uint8_t *p, size_t len, int64_t *t);

/*
 * Element readers: read one element of the named universal type.
 * Errors: those of mote_der_read (MOTE_ERR_DER_BAD_TAG for another type)
 * plus those of the content decoder.
 */

/* INTEGER: the raw two's complement contents (sign byte included). */
int mote_der_read_integer(mote_der_reader *r, mote_der_reader *val);

/* INTEGER that must be >= 0 (else MOTE_ERR_DER_NEGATIVE): the big-endian
 * magnitude without the 0x00 sign byte; zero gives the single byte 0x00.
 * Reads only the first two content bytes, so it is fit for secrets
 * (their DER length already tells as much). */
int mote_der_read_uint(mote_der_reader *r, mote_der_reader *mag);

/* INTEGER in 0..2^32-1 (versions, path lengths). Larger:
 * MOTE_ERR_DER_BAD_INTEGER; negative: MOTE_ERR_DER_NEGATIVE. */
int mote_der_read_small_uint(mote_der_reader *r, uint32_t *v);

int mote_der_read_bool(mote_der_reader *r, int *v);

/* NULL: contents must be empty (else MOTE_ERR_DER_BAD_VALUE). */
int mote_der_read_null(mote_der_reader *r);

/* OCTET STRING contents. */
int mote_der_read_octets(mote_der_reader *r, mote_der_reader *val);

/* BIT STRING, any unused-bits count. */
int mote_der_read_bits(mote_der_reader *r, mote_der_reader *bits, unsigned *unused);

/* BIT STRING that holds whole bytes (keys, signatures): an unused-bits
 * count other than 0 is MOTE_ERR_DER_BAD_BIT_STRING. */
int mote_der_read_bit_octets(mote_der_reader *r, mote_der_reader *bytes);

/* OBJECT IDENTIFIER: its contents (the encoded subidentifiers). */
int mote_der_read_oid(mote_der_reader *r, mote_der_reader *oid);

/* 1 if the OID contents equal known[0..known_len), else 0. */
int mote_der_oid_equal(const mote_der_reader *oid, const uint8_t *known, size_t known_len);

/* Read an OID that must equal known (else MOTE_ERR_DER_BAD_OID). */
int mote_der_expect_oid(mote_der_reader *r, const uint8_t *known, size_t known_len);

/* UTCTime or GeneralizedTime, see mote_der_decode_time. */
int mote_der_read_time(mote_der_reader *r, int64_t *t);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_DER_H */
