/*
 * PEM armour (RFC 7468): find "-----BEGIN <label>-----" ... "-----END
 * <label>-----" blocks in a text and decode their base64 bodies, one block
 * after another (a CA bundle holds hundreds).
 *
 * Strict form, beyond RFC 7468's "strict" grammar only where real files
 * need it:
 *   - the BEGIN and END lines start at the beginning of a line; spaces or
 *     tabs may follow the closing dashes; lines end in LF, CRLF or CR;
 *   - the label is printable ASCII, with single spaces or hyphens between
 *     label characters, and END repeats BEGIN's label exactly;
 *   - body lines hold only base64 characters (A-Z a-z 0-9 + /), optionally
 *     followed by spaces or tabs; empty lines are allowed; RFC 1421 headers
 *     ("Proc-Type: ...", i.e. legacy encrypted keys) are not;
 *   - padding: the character count is a multiple of 4, '=' only in the
 *     last quantum ("xx==" or "xxx="), and the bits '=' leaves unused must
 *     be zero (one canonical encoding per byte string);
 *   - text outside blocks (comments, "Bag Attributes") is skipped.
 *
 * Decoded bytes go into a caller buffer, or, for a reader set up with
 * mote_pem_init_inplace(), over the block's own base64 text (the output
 * never overtakes the input); the label always points into the text.
 * No allocation. sizeof(mote_pem_reader) is 32 bytes on 64-bit targets and
 * 16 bytes on 32-bit targets; mote_pem_block 32 / 16 bytes. Stack: about
 * 160 bytes on Cortex-M4 (gcc -Os, -fstack-usage along the deepest chain),
 * under 350 bytes measured on x86-64 (gcc -O2).
 */
#ifndef MOTE_PEM_H
#define MOTE_PEM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Upper bound of the decoded size of any block in a text of len bytes. */
#define MOTE_PEM_DECODED_MAX(len) ((len) / 4 * 3)

typedef struct {
	const char *label; /* points into the text; not NUL-terminated */
	size_t label_len;
	const uint8_t *der; /* the decoded bytes */
	size_t der_len;
} mote_pem_block;

typedef struct {
	const char *text;
	char *inplace; /* == text for an in-place reader, else NULL */
	size_t len;
	size_t pos; /* where the search for the next block starts */
} mote_pem_reader;

/* Read the PEM blocks of text[0..len); mote_pem_next() decodes into a
 * caller buffer. The text must outlive the reader and the blocks. */
void mote_pem_init(mote_pem_reader *r, const char *text, size_t len);

/* Same, but mote_pem_next() with out == NULL decodes each block over its
 * own base64 text, which is overwritten (also when decoding fails). */
void mote_pem_init_inplace(mote_pem_reader *r, char *text, size_t len);

/*
 * Decode the next block into out[0..cap), or in place when out is NULL
 * (in-place readers only; else MOTE_ERR_BAD_ARG). On success *blk
 * describes the block and the reader moves past its END line.
 * Errors (the reader does not move):
 *   MOTE_ERR_PEM_NOT_FOUND      no further BEGIN line: the normal end
 *   MOTE_ERR_PEM                malformed BEGIN or END line or label
 *   MOTE_ERR_PEM_BAD_BASE64     invalid character, padding or length
 *   MOTE_ERR_PEM_NO_END         input ends, or another BEGIN line comes,
 *                               before the END line
 *   MOTE_ERR_PEM_LABEL_MISMATCH END label differs from the BEGIN label
 *   MOTE_ERR_BUFFER_TOO_SMALL   the decoded block does not fit in cap
 *                               (MOTE_PEM_DECODED_MAX(len) always fits)
 */
int mote_pem_next(mote_pem_reader *r, mote_pem_block *blk, uint8_t *out, size_t cap);

/* 1 if the block's label is the NUL-terminated label, else 0. */
int mote_pem_label_is(const mote_pem_block *blk, const char *label);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_PEM_H */
