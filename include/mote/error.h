/*
 * Mote error codes.
 *
 * Every failing function returns one of these negative codes; 0 is success.
 * Codes are grouped in ranges so a caller can tell the layer at a glance:
 *
 *   -1   .. -99    usage and resources (bad argument, buffer too small)
 *   -100 .. -199   cryptography (authentication failed, bad key, entropy)
 *   -200 .. -299   DER, PEM and X.509 validation
 *   -300 .. -399   TLS protocol (unexpected message, decode error)
 *   -400 .. -499   transport I/O
 *   -1000 - a      fatal alert a received from the peer
 *   -1300 - a      fatal alert a sent to the peer
 *
 * mote_strerror() and mote_error_name() never return NULL.
 */
#ifndef MOTE_ERROR_H
#define MOTE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/* X(name, value, one-line text) */
#define MOTE_ERROR_LIST(X)                                                      \
	X(MOTE_OK, 0, "success")                                                    \
	X(MOTE_ERR_BAD_ARG, -1, "invalid argument")                                 \
	X(MOTE_ERR_BUFFER_TOO_SMALL, -2, "output buffer too small")                 \
	X(MOTE_ERR_UNSUPPORTED, -3, "algorithm or feature not supported")           \
	X(MOTE_ERR_STATE, -4, "function called in the wrong state")                 \
	X(MOTE_ERR_SCRATCH_TOO_SMALL, -5, "scratch area too small")                 \
	X(MOTE_ERR_LIMIT, -6, "usage limit reached")                                \
	X(MOTE_ERR_AUTH_FAILED, -100, "authentication tag mismatch")                \
	X(MOTE_ERR_BAD_KEY_LENGTH, -101, "key length not supported")               \
	X(MOTE_ERR_BAD_NONCE_LENGTH, -102, "nonce length not supported")           \
	X(MOTE_ERR_MESSAGE_TOO_LONG, -103, "message too long for this algorithm")  \
	X(MOTE_ERR_ENTROPY, -104, "entropy source failed")                          \
	X(MOTE_ERR_RESEED_REQUIRED, -105, "DRBG must be reseeded")                  \
	X(MOTE_ERR_BAD_KEY, -106, "malformed or invalid key")                      \
	X(MOTE_ERR_BAD_POINT, -107, "point not on the curve or invalid encoding")  \
	X(MOTE_ERR_BAD_SIGNATURE, -108, "signature verification failed")           \
	X(MOTE_ERR_BAD_SIGNATURE_ENCODING, -109, "malformed signature encoding")   \
	X(MOTE_ERR_WEAK_KEY, -110, "key or shared secret rejected as weak")         \
	X(MOTE_ERR_KEY_TOO_LARGE, -111, "key larger than supported")                \
	X(MOTE_ERR_RSA_FAULT, -140, "RSA private-key result failed its self-check") \
	X(MOTE_ERR_RSA_KEY_TOO_SMALL, -141, "RSA modulus shorter than 1024 bits")   \
	X(MOTE_ERR_DER_TRUNCATED, -200, "DER: value runs past its container")       \
	X(MOTE_ERR_DER_BAD_TAG, -201, "DER: unexpected tag")                        \
	X(MOTE_ERR_DER_BAD_LENGTH, -202, "DER: non-minimal or indefinite length")   \
	X(MOTE_ERR_DER_TRAILING_DATA, -203, "DER: trailing bytes after a value")    \
	X(MOTE_ERR_DER_BAD_INTEGER, -204, "DER: non-minimal or out-of-range integer") \
	X(MOTE_ERR_DER_BAD_OID, -205, "DER: unknown or unsupported OID")            \
	X(MOTE_ERR_DER_BAD_VALUE, -206, "DER: invalid value")                       \
	X(MOTE_ERR_PEM, -207, "PEM: malformed armour or base64")                \
	X(MOTE_ERR_DER_NEGATIVE, -208, "DER: negative INTEGER where a positive one is required") \
	X(MOTE_ERR_DER_BAD_BOOLEAN, -209, "DER: BOOLEAN not a single 0x00 or 0xFF byte") \
	X(MOTE_ERR_DER_BAD_BIT_STRING, -210, "DER: BIT STRING with a bad unused-bits count or padding") \
	X(MOTE_ERR_DER_BAD_OID_ENCODING, -211, "DER: malformed OID encoding")   \
	X(MOTE_ERR_DER_BAD_TIME, -212, "DER: malformed time or date out of range") \
	X(MOTE_ERR_DER_BAD_PARAMS, -213, "DER: algorithm parameters missing, present or wrong") \
	X(MOTE_ERR_DER_BAD_VERSION, -214, "DER: unsupported structure version") \
	X(MOTE_ERR_PEM_BAD_BASE64, -215, "PEM: invalid base64 character or padding") \
	X(MOTE_ERR_PEM_LABEL_MISMATCH, -216, "PEM: END label differs from BEGIN label") \
	X(MOTE_ERR_PEM_NO_END, -217, "PEM: BEGIN line without a matching END line") \
	X(MOTE_ERR_PEM_NOT_FOUND, -218, "PEM: no (further) PEM block in the input") \
	X(MOTE_ERR_X509_EXPIRED, -230, "X.509: certificate expired") \
	X(MOTE_ERR_X509_NOT_YET_VALID, -231, "X.509: certificate not yet valid") \
	X(MOTE_ERR_X509_NAME_MISMATCH, -232, "X.509: certificate does not match the host name or IP") \
	X(MOTE_ERR_X509_NOT_CA, -233, "X.509: issuer is not a CA (basicConstraints)") \
	X(MOTE_ERR_X509_PATH_LEN, -234, "X.509: pathLenConstraint exceeded") \
	X(MOTE_ERR_X509_KEY_USAGE_CA, -235, "X.509: issuer keyUsage lacks keyCertSign") \
	X(MOTE_ERR_X509_KEY_USAGE_LEAF, -236, "X.509: leaf keyUsage lacks digitalSignature") \
	X(MOTE_ERR_X509_EXT_KEY_USAGE, -237, "X.509: extendedKeyUsage does not allow this purpose") \
	X(MOTE_ERR_X509_CRITICAL_EXTENSION, -238, "X.509: unknown critical extension") \
	X(MOTE_ERR_X509_NAME_CONSTRAINTS, -239, "X.509: name violates an issuer's name constraints") \
	X(MOTE_ERR_X509_WEAK_HASH, -240, "X.509: signature with SHA-1 or MD5 rejected") \
	X(MOTE_ERR_X509_UNSUPPORTED_ALG, -241, "X.509: unsupported signature or key algorithm") \
	X(MOTE_ERR_X509_UNTRUSTED, -242, "X.509: chain does not lead to a trust anchor") \
	X(MOTE_ERR_X509_DEPTH, -243, "X.509: chain longer than the maximum depth") \
	X(MOTE_ERR_X509_PIN_MISMATCH, -244, "X.509: no certificate matches a pin") \
	X(MOTE_ERR_X509_EMPTY_CHAIN, -245, "X.509: empty certificate list") \
	X(MOTE_ERR_X509_TOO_LARGE, -246, "X.509: keys and signature exceed the engine's arena") \
	X(MOTE_ERR_X509_BAD_EXTENSION, -247, "X.509: malformed or duplicate extension") \
	X(MOTE_ERR_X509_ALG_MISMATCH, -248, "X.509: signature algorithm differs from the TBS one") \
	X(MOTE_ERR_X509_TLS_FRAMING, -249, "X.509: malformed TLS certificate_list framing") \
	X(MOTE_ERR_X509_NO_TIME_POLICY, -250, "X.509: no validity-time policy chosen") \
	X(MOTE_ERR_X509_TOO_MANY_CANDIDATES, -251, "X.509: too many certificates failed to extend the chain") \
	X(MOTE_ERR_UNEXPECTED_MESSAGE, -300, "TLS: message not allowed in this state") \
	X(MOTE_ERR_DECODE, -301, "TLS: malformed message")                          \
	X(MOTE_ERR_ILLEGAL_PARAMETER, -302, "TLS: peer chose a value not offered or invalid") \
	X(MOTE_ERR_BAD_RECORD_MAC, -303, "TLS: record failed authentication")       \
	X(MOTE_ERR_RECORD_OVERFLOW, -304, "TLS: record larger than the negotiated limit") \
	X(MOTE_ERR_PROTOCOL_VERSION, -305, "TLS: peer does not speak TLS 1.3")      \
	X(MOTE_ERR_HANDSHAKE_FAILURE, -306, "TLS: no acceptable parameters in common") \
	X(MOTE_ERR_MISSING_EXTENSION, -307, "TLS: a required extension is missing") \
	X(MOTE_ERR_UNSUPPORTED_EXTENSION, -308, "TLS: extension not offered or not allowed here") \
	X(MOTE_ERR_BAD_FINISHED, -309, "TLS: Finished verify_data mismatch")        \
	X(MOTE_ERR_BAD_CERT_VERIFY, -310, "TLS: CertificateVerify signature invalid") \
	X(MOTE_ERR_RECORD_LIMIT_REFUSED, -311,                                      \
	  "TLS: server accepted no record size limit and the buffer is below 16 KB") \
	X(MOTE_ERR_HS_MESSAGE_TOO_LARGE, -312, "TLS: handshake message exceeds the reassembly buffer") \
	X(MOTE_ERR_BAD_CERTIFICATE, -314, "TLS: server certificate rejected")       \
	X(MOTE_ERR_SEND_BUFFER_TOO_SMALL, -315, "TLS: send buffer cannot hold a minimal record") \
	X(MOTE_ERR_RECV_BUFFER_TOO_SMALL, -316, "TLS: receive buffer cannot hold a minimal record") \
	X(MOTE_ERR_CLOSED, -317, "TLS: connection closed (close_notify)")           \
	X(MOTE_ERR_KEY_UPDATE_LIMIT, -318, "TLS: too many KeyUpdate messages in a row") \
	X(MOTE_ERR_INTERNAL, -319, "TLS: internal error")                           \
	X(MOTE_ERR_DOWNGRADE, -320, "TLS: TLS 1.2 ServerHello carries the TLS 1.3 downgrade sentinel") \
	X(MOTE_ERR_NO_EMS, -321, "TLS 1.2: server does not support the extended master secret") \
	X(MOTE_ERR_BAD_SKE_SIGNATURE, -322, "TLS 1.2: ServerKeyExchange signature invalid") \
	X(MOTE_ERR_RENEGOTIATION, -323, "TLS 1.2: renegotiation refused")          \
	X(MOTE_ERR_NO_SECURE_RENEGOTIATION, -324, "TLS 1.2: server did not send renegotiation_info") \
	X(MOTE_ERR_RECORD_NO_BUFFER, -325,                                          \
	  "TLS: record larger than the receive buffer and no large-record pool")    \
	X(MOTE_ERR_WOULD_BLOCK, -326,                                               \
	  "TLS: waiting for a large-record buffer another connection holds")        \
	X(MOTE_ERR_IO, -400, "I/O: send or receive failed")                         \
	X(MOTE_ERR_TRUNCATED, -401, "I/O: peer closed the transport without close_notify") \
	X(MOTE_ERR_RESOLVE, -402, "I/O: host name did not resolve")                 \
	X(MOTE_ERR_CONNECT, -403, "I/O: TCP connection refused or unreachable")     \
	X(MOTE_ERR_TIMEOUT, -404, "I/O: timed out")

/* TLS alert descriptions (RFC 8446 section 6, RFC 8449, RFC 7301):
 * X(name, value). Received alerts map to mote_error_alert_received(value),
 * sent ones to mote_error_alert_sent(value). */
#define MOTE_ALERT_LIST(X)                                                      \
	X(close_notify, 0)                                                          \
	X(unexpected_message, 10)                                                   \
	X(bad_record_mac, 20)                                                       \
	X(decryption_failed, 21)                                                    \
	X(record_overflow, 22)                                                      \
	X(decompression_failure, 30)                                                \
	X(handshake_failure, 40)                                                    \
	X(no_certificate, 41)                                                       \
	X(bad_certificate, 42)                                                      \
	X(unsupported_certificate, 43)                                              \
	X(certificate_revoked, 44)                                                  \
	X(certificate_expired, 45)                                                  \
	X(certificate_unknown, 46)                                                  \
	X(illegal_parameter, 47)                                                    \
	X(unknown_ca, 48)                                                           \
	X(access_denied, 49)                                                        \
	X(decode_error, 50)                                                         \
	X(decrypt_error, 51)                                                        \
	X(export_restriction, 60)                                                   \
	X(protocol_version, 70)                                                     \
	X(insufficient_security, 71)                                                \
	X(internal_error, 80)                                                       \
	X(inappropriate_fallback, 86)                                               \
	X(user_canceled, 90)                                                        \
	X(no_renegotiation, 100)                                                    \
	X(missing_extension, 109)                                                   \
	X(unsupported_extension, 110)                                               \
	X(certificate_unobtainable, 111)                                            \
	X(unrecognized_name, 112)                                                   \
	X(bad_certificate_status_response, 113)                                     \
	X(bad_certificate_hash_value, 114)                                          \
	X(unknown_psk_identity, 115)                                                \
	X(certificate_required, 116)                                                \
	X(no_application_protocol, 120)

enum mote_alert {
#define MOTE_ALERT_ENUM_(name, value) MOTE_ALERT_##name = (value),
	MOTE_ALERT_LIST(MOTE_ALERT_ENUM_)
#undef MOTE_ALERT_ENUM_
};

/* Alert ranges: a fatal alert a (0..255) received from the peer is
 * -1000 - a, one sent to the peer -1300 - a. */
#define MOTE_ERR_ALERT_RECEIVED_BASE (-1000)
#define MOTE_ERR_ALERT_SENT_BASE (-1300)

static inline int mote_error_alert_received(unsigned alert)
{
	return MOTE_ERR_ALERT_RECEIVED_BASE - (int)(alert & 0xFF);
}

static inline int mote_error_alert_sent(unsigned alert)
{
	return MOTE_ERR_ALERT_SENT_BASE - (int)(alert & 0xFF);
}

/* The alert in an alert-received code, or -1 if err is not one. */
static inline int mote_error_is_alert_received(int err)
{
	return (err <= MOTE_ERR_ALERT_RECEIVED_BASE && err > MOTE_ERR_ALERT_RECEIVED_BASE - 256)
	               ? MOTE_ERR_ALERT_RECEIVED_BASE - err
	               : -1;
}

/* The alert in an alert-sent code, or -1 if err is not one. */
static inline int mote_error_is_alert_sent(int err)
{
	return (err <= MOTE_ERR_ALERT_SENT_BASE && err > MOTE_ERR_ALERT_SENT_BASE - 256)
	               ? MOTE_ERR_ALERT_SENT_BASE - err
	               : -1;
}

/* The alert's RFC name ("bad_certificate"), or "unknown" for a value
 * that has none. Never NULL; static. */
const char *mote_alert_name(unsigned alert);

enum mote_error {
#define MOTE_ERROR_ENUM_(name, value, text) name = (value),
	MOTE_ERROR_LIST(MOTE_ERROR_ENUM_)
#undef MOTE_ERROR_ENUM_
};

/* One-line English text for an error code. Unknown codes give
 * "unknown error". Never NULL; the string is static. */
const char *mote_strerror(int err);

/* The code's C identifier, e.g. "MOTE_ERR_AUTH_FAILED"; alert codes
 * give e.g. "MOTE_ERR_ALERT_RECEIVED(bad_certificate)" or
 * "MOTE_ERR_ALERT_SENT(decode_error)". Never NULL; static. */
const char *mote_error_name(int err);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_ERROR_H */
