/* Cipher suites, groups and signature schemes: parameters, defaults and
 * names. */
#include "tls/tls_int.h"

static const tls_suite suites[] = {
#if MOTE_ENABLE_AES_GCM
	{MOTE_TLS_AES_128_GCM_SHA256, MOTE_AEAD_AES_128_GCM, MOTE_HASH_SHA256, TLS_KX_13},
	{MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256, MOTE_AEAD_AES_128_GCM, MOTE_HASH_SHA256,
	 TLS_KX_ECDHE_ECDSA},
	{MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256, MOTE_AEAD_AES_128_GCM, MOTE_HASH_SHA256,
	 TLS_KX_ECDHE_RSA},
#if MOTE_ENABLE_SHA512
	{MOTE_TLS_AES_256_GCM_SHA384, MOTE_AEAD_AES_256_GCM, MOTE_HASH_SHA384, TLS_KX_13},
	{MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384, MOTE_AEAD_AES_256_GCM, MOTE_HASH_SHA384,
	 TLS_KX_ECDHE_ECDSA},
	{MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384, MOTE_AEAD_AES_256_GCM, MOTE_HASH_SHA384,
	 TLS_KX_ECDHE_RSA},
#endif
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
	{MOTE_TLS_CHACHA20_POLY1305_SHA256, MOTE_AEAD_CHACHA20_POLY1305, MOTE_HASH_SHA256,
	 TLS_KX_13},
	{MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256, MOTE_AEAD_CHACHA20_POLY1305,
	 MOTE_HASH_SHA256, TLS_KX_ECDHE_ECDSA},
	{MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256, MOTE_AEAD_CHACHA20_POLY1305,
	 MOTE_HASH_SHA256, TLS_KX_ECDHE_RSA},
#endif
};

static const uint16_t default_suites[] = {
#if MOTE_ENABLE_AES_GCM
	MOTE_TLS_AES_128_GCM_SHA256,
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
	MOTE_TLS_CHACHA20_POLY1305_SHA256,
#endif
#if MOTE_ENABLE_AES_GCM && MOTE_ENABLE_SHA512
	MOTE_TLS_AES_256_GCM_SHA384,
#endif
	/* TLS 1.2 (left out of the ClientHello with MOTE_CONFIG_NO_TLS12) */
#if MOTE_ENABLE_AES_GCM
	MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256,
	MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256,
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
	MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256,
	MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256,
#endif
#if MOTE_ENABLE_AES_GCM && MOTE_ENABLE_SHA512
	MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384,
	MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384,
#endif
};

/* secp384r1 is for TLS 1.2 ServerKeyExchange (no TLS 1.3 key share). */
static const uint16_t default_groups[] = {MOTE_GROUP_X25519, MOTE_GROUP_SECP256R1,
                                          MOTE_GROUP_SECP384R1};

/* Schemes for CertificateVerify and for certificates (rsa_pkcs1_* are
 * for certificates only, RFC 8446 4.2.3). */
static const uint16_t default_sigs[] = {
	MOTE_SIG_ECDSA_SECP256R1_SHA256,
	MOTE_SIG_ECDSA_SECP384R1_SHA384,
	MOTE_SIG_ED25519,
	MOTE_SIG_RSA_PSS_RSAE_SHA256,
	MOTE_SIG_RSA_PSS_RSAE_SHA384,
	MOTE_SIG_RSA_PSS_RSAE_SHA512,
	MOTE_SIG_RSA_PSS_PSS_SHA256,
	MOTE_SIG_RSA_PSS_PSS_SHA384,
	MOTE_SIG_RSA_PSS_PSS_SHA512,
	MOTE_SIG_RSA_PKCS1_SHA256,
	MOTE_SIG_RSA_PKCS1_SHA384,
	MOTE_SIG_RSA_PKCS1_SHA512,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const tls_suite *tls_suite_find(uint16_t id)
{
	for (size_t i = 0; i < COUNT(suites); i++) {
		if (suites[i].id == id)
			return &suites[i];
	}
	return NULL;
}

size_t tls_cfg_suites(const mote_config *cfg, const uint16_t **list)
{
	if (cfg->suites && cfg->n_suites) {
		*list = cfg->suites;
		return cfg->n_suites;
	}
	*list = default_suites;
	return COUNT(default_suites);
}

size_t tls_cfg_groups(const mote_config *cfg, const uint16_t **list)
{
	if (cfg->groups && cfg->n_groups) {
		*list = cfg->groups;
		return cfg->n_groups;
	}
	*list = default_groups;
	return COUNT(default_groups);
}

size_t tls_cfg_sigs(const mote_config *cfg, const uint16_t **list)
{
	if (cfg->sig_schemes && cfg->n_sig_schemes) {
		*list = cfg->sig_schemes;
		return cfg->n_sig_schemes;
	}
	*list = default_sigs;
	return COUNT(default_sigs);
}

int tls_list_has(const uint16_t *list, size_t n, uint16_t v)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i] == v)
			return 1;
	}
	return 0;
}

const char *mote_tls_suite_name(uint16_t suite)
{
	switch (suite) {
	case MOTE_TLS_AES_128_GCM_SHA256:
		return "TLS_AES_128_GCM_SHA256";
	case MOTE_TLS_AES_256_GCM_SHA384:
		return "TLS_AES_256_GCM_SHA384";
	case MOTE_TLS_CHACHA20_POLY1305_SHA256:
		return "TLS_CHACHA20_POLY1305_SHA256";
	case MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256:
		return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
	case MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384:
		return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
	case MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256:
		return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
	case MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384:
		return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
	case MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256:
		return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
	case MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256:
		return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
	default:
		return "unknown";
	}
}

const char *mote_tls_group_name(uint16_t group)
{
	switch (group) {
	case MOTE_GROUP_X25519:
		return "x25519";
	case MOTE_GROUP_SECP256R1:
		return "secp256r1";
	case MOTE_GROUP_SECP384R1:
		return "secp384r1";
	default:
		return "unknown";
	}
}

const char *mote_tls_sig_name(uint16_t scheme)
{
	static const struct {
		uint16_t id;
		const char *name;
	} names[] = {
		{MOTE_SIG_RSA_PKCS1_SHA256, "rsa_pkcs1_sha256"},
		{MOTE_SIG_RSA_PKCS1_SHA384, "rsa_pkcs1_sha384"},
		{MOTE_SIG_RSA_PKCS1_SHA512, "rsa_pkcs1_sha512"},
		{MOTE_SIG_ECDSA_SECP256R1_SHA256, "ecdsa_secp256r1_sha256"},
		{MOTE_SIG_ECDSA_SECP384R1_SHA384, "ecdsa_secp384r1_sha384"},
		{MOTE_SIG_RSA_PSS_RSAE_SHA256, "rsa_pss_rsae_sha256"},
		{MOTE_SIG_RSA_PSS_RSAE_SHA384, "rsa_pss_rsae_sha384"},
		{MOTE_SIG_RSA_PSS_RSAE_SHA512, "rsa_pss_rsae_sha512"},
		{MOTE_SIG_ED25519, "ed25519"},
		{MOTE_SIG_RSA_PSS_PSS_SHA256, "rsa_pss_pss_sha256"},
		{MOTE_SIG_RSA_PSS_PSS_SHA384, "rsa_pss_pss_sha384"},
		{MOTE_SIG_RSA_PSS_PSS_SHA512, "rsa_pss_pss_sha512"},
	};

	for (size_t i = 0; i < COUNT(names); i++) {
		if (names[i].id == scheme)
			return names[i].name;
	}
	return "unknown";
}
