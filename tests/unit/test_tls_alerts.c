/*
 * Alerts and error codes: the alert ranges and their readable names
 * (mote/error.h), and the alert every TLS failure sends
 * (src/tls/alert.c): each protocol error (-300..-399) maps to an alert,
 * except the clean close; alerts received and I/O errors send none.
 */
#include <stdio.h>
#include <string.h>

#include "mote/error.h"
#include "test.h"
#include "tls/tls_int.h"

static void test_names(void)
{
	int n = 0;

	CHECK(strcmp(mote_error_name(mote_error_alert_received(42)),
	             "MOTE_ERR_ALERT_RECEIVED(bad_certificate)") == 0);
	CHECK(strcmp(mote_error_name(mote_error_alert_sent(50)), "MOTE_ERR_ALERT_SENT(decode_error)") ==
	      0);
	CHECK(strcmp(mote_error_name(mote_error_alert_received(0)),
	             "MOTE_ERR_ALERT_RECEIVED(close_notify)") == 0);
	CHECK(strcmp(mote_error_name(mote_error_alert_received(200)),
	             "MOTE_ERR_ALERT_RECEIVED(unknown)") == 0);
	CHECK(strcmp(mote_strerror(mote_error_alert_sent(20)), "fatal alert sent to the peer") == 0);
	CHECK(strcmp(mote_alert_name(120), "no_application_protocol") == 0);
	CHECK(strcmp(mote_alert_name(7), "unknown") == 0);
	for (unsigned a = 0; a < 256; a++) {
		CHECK_INT(mote_error_is_alert_received(mote_error_alert_received(a)), a);
		CHECK_INT(mote_error_is_alert_sent(mote_error_alert_sent(a)), a);
		CHECK_INT(mote_error_is_alert_sent(mote_error_alert_received(a)), -1);
		CHECK_INT(mote_error_is_alert_received(mote_error_alert_sent(a)), -1);
		n++;
	}
	CHECK_INT(mote_error_is_alert_received(-999), -1);
	CHECK_INT(mote_error_is_alert_received(MOTE_ERR_DECODE), -1);
	printf("test_tls_alerts: %d alert codes round-trip\n", n);
}

static void test_mapping(void)
{
	int mapped = 0;

	for (int err = -300; err > -400; err--) {
		unsigned a = tls_alert_for_error(err);
		if (strcmp(mote_error_name(err), "MOTE_ERR_UNKNOWN") == 0)
			continue;
		/* Not failures of the connection: no alert. */
		if (err == MOTE_ERR_CLOSED || err == MOTE_ERR_WOULD_BLOCK) {
			CHECK_INT(a, 256);
			continue;
		}
		CHECK(a < 256);
		CHECK(strcmp(mote_alert_name(a), "unknown") != 0);
		mapped++;
	}
	CHECK_INT(tls_alert_for_error(MOTE_ERR_BAD_FINISHED), MOTE_ALERT_decrypt_error);
	CHECK_INT(tls_alert_for_error(MOTE_ERR_RECORD_OVERFLOW), MOTE_ALERT_record_overflow);
	CHECK_INT(tls_alert_for_error(MOTE_ERR_RECORD_NO_BUFFER), MOTE_ALERT_record_overflow);
	CHECK_INT(tls_alert_for_error(MOTE_ERR_DER_BAD_TAG), MOTE_ALERT_bad_certificate);
	CHECK_INT(tls_alert_for_error(mote_error_alert_received(40)), 256);
	CHECK_INT(tls_alert_for_error(MOTE_ERR_TRUNCATED), 256);
	CHECK_INT(tls_alert_for_error(MOTE_ERR_IO), 256);
	printf("test_tls_alerts: %d protocol errors each send an alert\n", mapped);
}

int main(void)
{
	test_names();
	test_mapping();
	return test_finish("test_tls_alerts");
}
