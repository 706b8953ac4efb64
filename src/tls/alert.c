/*
 * Which alert a failure sends (RFC 8446 section 6.2). Every error code the
 * handshake can produce has one; codes that end the connection without an
 * alert (alerts received, transport errors, clean close) return 256.
 */
#include "tls/tls_int.h"

struct err_alert {
	int err;
	uint8_t alert;
};

static const struct err_alert err_alerts[] = {
	{MOTE_ERR_UNEXPECTED_MESSAGE, MOTE_ALERT_unexpected_message},
	{MOTE_ERR_KEY_UPDATE_LIMIT, MOTE_ALERT_unexpected_message},
	{MOTE_ERR_DECODE, MOTE_ALERT_decode_error},
	{MOTE_ERR_ILLEGAL_PARAMETER, MOTE_ALERT_illegal_parameter},
	{MOTE_ERR_BAD_POINT, MOTE_ALERT_illegal_parameter}, /* server key share */
	{MOTE_ERR_WEAK_KEY, MOTE_ALERT_illegal_parameter},  /* small-order X25519 */
	{MOTE_ERR_BAD_RECORD_MAC, MOTE_ALERT_bad_record_mac},
	{MOTE_ERR_RECORD_OVERFLOW, MOTE_ALERT_record_overflow},
	{MOTE_ERR_RECORD_NO_BUFFER, MOTE_ALERT_record_overflow},
	{MOTE_ERR_PROTOCOL_VERSION, MOTE_ALERT_protocol_version},
	{MOTE_ERR_HANDSHAKE_FAILURE, MOTE_ALERT_handshake_failure},
	{MOTE_ERR_RECORD_LIMIT_REFUSED, MOTE_ALERT_handshake_failure},
	{MOTE_ERR_UNSUPPORTED, MOTE_ALERT_handshake_failure},
	{MOTE_ERR_MISSING_EXTENSION, MOTE_ALERT_missing_extension},
	{MOTE_ERR_UNSUPPORTED_EXTENSION, MOTE_ALERT_unsupported_extension},
	{MOTE_ERR_BAD_FINISHED, MOTE_ALERT_decrypt_error},
	{MOTE_ERR_BAD_CERT_VERIFY, MOTE_ALERT_decrypt_error},
	{MOTE_ERR_BAD_SIGNATURE, MOTE_ALERT_decrypt_error},
	{MOTE_ERR_BAD_SIGNATURE_ENCODING, MOTE_ALERT_decode_error},
	{MOTE_ERR_BAD_CERTIFICATE, MOTE_ALERT_bad_certificate},
	{MOTE_ERR_KEY_TOO_LARGE, MOTE_ALERT_unsupported_certificate},
	{MOTE_ERR_BAD_KEY, MOTE_ALERT_bad_certificate},
	{MOTE_ERR_DOWNGRADE, MOTE_ALERT_illegal_parameter},
	{MOTE_ERR_NO_EMS, MOTE_ALERT_handshake_failure},
	{MOTE_ERR_BAD_SKE_SIGNATURE, MOTE_ALERT_decrypt_error},
	{MOTE_ERR_RENEGOTIATION, MOTE_ALERT_no_renegotiation},
	{MOTE_ERR_NO_SECURE_RENEGOTIATION, MOTE_ALERT_handshake_failure},
	/* Local limits and faults. */
	{MOTE_ERR_HS_MESSAGE_TOO_LARGE, MOTE_ALERT_internal_error},
	{MOTE_ERR_SEND_BUFFER_TOO_SMALL, MOTE_ALERT_internal_error},
	{MOTE_ERR_RECV_BUFFER_TOO_SMALL, MOTE_ALERT_internal_error},
	{MOTE_ERR_SCRATCH_TOO_SMALL, MOTE_ALERT_internal_error},
	{MOTE_ERR_STATE, MOTE_ALERT_internal_error},
	{MOTE_ERR_ENTROPY, MOTE_ALERT_internal_error},
	{MOTE_ERR_RESEED_REQUIRED, MOTE_ALERT_internal_error},
	{MOTE_ERR_INTERNAL, MOTE_ALERT_internal_error},
	{MOTE_ERR_BAD_ARG, MOTE_ALERT_internal_error},
};

unsigned tls_alert_for_error(int err)
{
	for (size_t i = 0; i < sizeof err_alerts / sizeof err_alerts[0]; i++) {
		if (err_alerts[i].err == err)
			return err_alerts[i].alert;
	}
	/* Certificate decoding and validation (-200..-299) not listed above. */
	if (err <= -200 && err > -300)
		return MOTE_ALERT_bad_certificate;
	if (mote_error_is_alert_sent(err) >= 0)
		return (unsigned)mote_error_is_alert_sent(err);
	/* Alerts received, I/O, clean close: no alert. */
	return 256;
}
