/*
 * TLS 1.3 key schedule (RFC 8446 section 7.1): the secrets chain
 * early -> handshake -> master, Derive-Secret, Finished MACs.
 * Every intermediate secret on the stack is wiped.
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/hmac.h"
#include "mote/kdf.h"
#include "tls/tls_int.h"

/* Derive-Secret(secret, label, messages) with the transcript hash given:
 * HKDF-Expand-Label(secret, label, thash, Hash.length). */
void tls_derive_secret(mote_hash_alg alg, const uint8_t *secret, const char *label,
                       const uint8_t *thash, uint8_t *out)
{
	size_t hl = mote_hash_size(alg);

	/* Cannot fail: the labels are short and hl <= 48. */
	(void)mote_hkdf_expand_label(alg, secret, hl, label, thash, hl, out, hl);
}

void tls_empty_hash(mote_hash_alg alg, uint8_t *out)
{
	mote_hash(alg, NULL, 0, out);
}

void tls_next_secret(mote_hash_alg alg, const uint8_t *prev, const uint8_t *ikm, size_t ikm_len,
                     uint8_t *out)
{
	uint8_t salt[MOTE_HASH_MAX_SIZE], empty[MOTE_HASH_MAX_SIZE], zeros[MOTE_HASH_MAX_SIZE];
	size_t hl = mote_hash_size(alg);

	memset(zeros, 0, sizeof zeros);
	if (prev) {
		tls_empty_hash(alg, empty);
		tls_derive_secret(alg, prev, "derived", empty, salt);
	} else {
		memset(salt, 0, hl);
	}
	if (!ikm) {
		ikm = zeros;
		ikm_len = hl;
	}
	mote_hkdf_extract(alg, salt, hl, ikm, ikm_len, out);
	mote_wipe(salt, sizeof salt);
}

/* HMAC(HKDF-Expand-Label(base, "finished", "", Hash.length), thash): the
 * Finished verify_data (section 4.4.4) and the PSK binder (4.2.11.2). */
void tls_finished_mac(mote_hash_alg alg, const uint8_t *base_secret, const uint8_t *thash,
                      uint8_t *out)
{
	uint8_t key[MOTE_HASH_MAX_SIZE];
	size_t hl = mote_hash_size(alg);

	(void)mote_hkdf_expand_label(alg, base_secret, hl, "finished", NULL, 0, key, hl);
	mote_hmac(alg, key, hl, thash, hl, out);
	mote_wipe(key, sizeof key);
}

void tls_transcript_hash(const mote_handshake *hs, uint8_t *out)
{
	mote_hash_ctx copy = hs->transcript;

	mote_hash_final(&copy, out);
}

/* application_traffic_secret_N+1 (section 7.2). */
void tls_key_update_secret(mote_hash_alg alg, uint8_t *secret)
{
	uint8_t next[MOTE_HASH_MAX_SIZE];
	size_t hl = mote_hash_size(alg);

	(void)mote_hkdf_expand_label(alg, secret, hl, "traffic upd", NULL, 0, next, hl);
	memcpy(secret, next, hl);
	mote_wipe(next, sizeof next);
}
