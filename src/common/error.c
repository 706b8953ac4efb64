/* Names and texts for Mote's error codes (one table, see mote/error.h). */
#include "mote/error.h"

struct error_entry {
	int code;
	const char *name;
	const char *text;
};

static const struct error_entry error_table[] = {
#define MOTE_ERROR_ROW_(name, value, text) {(value), #name, (text)},
	MOTE_ERROR_LIST(MOTE_ERROR_ROW_)
#undef MOTE_ERROR_ROW_
};

/* Alert names, and the two error names built from them at compile time
 * (no formatting at run time, so no mutable buffer is needed). */
struct alert_entry {
	unsigned char value;
	const char *name;
	const char *received;
	const char *sent;
};

static const struct alert_entry alert_table[] = {
#define MOTE_ALERT_ROW_(name, value)                                                          \
	{(value), #name, "MOTE_ERR_ALERT_RECEIVED(" #name ")", "MOTE_ERR_ALERT_SENT(" #name ")"},
	MOTE_ALERT_LIST(MOTE_ALERT_ROW_)
#undef MOTE_ALERT_ROW_
};

static const struct error_entry *error_find(int err)
{
	for (unsigned i = 0; i < sizeof error_table / sizeof error_table[0]; i++) {
		if (error_table[i].code == err)
			return &error_table[i];
	}
	return 0;
}

static const struct alert_entry *alert_find(int alert)
{
	for (unsigned i = 0; i < sizeof alert_table / sizeof alert_table[0]; i++) {
		if (alert_table[i].value == alert)
			return &alert_table[i];
	}
	return 0;
}

const char *mote_alert_name(unsigned alert)
{
	const struct alert_entry *a = alert_find((int)alert);
	return a ? a->name : "unknown";
}

const char *mote_strerror(int err)
{
	const struct error_entry *e = error_find(err);

	if (e)
		return e->text;
	if (mote_error_is_alert_received(err) >= 0)
		return "fatal alert received from the peer";
	if (mote_error_is_alert_sent(err) >= 0)
		return "fatal alert sent to the peer";
	return "unknown error";
}

const char *mote_error_name(int err)
{
	const struct error_entry *e = error_find(err);
	const struct alert_entry *a;
	int alert;

	if (e)
		return e->name;
	alert = mote_error_is_alert_received(err);
	if (alert >= 0) {
		a = alert_find(alert);
		return a ? a->received : "MOTE_ERR_ALERT_RECEIVED(unknown)";
	}
	alert = mote_error_is_alert_sent(err);
	if (alert >= 0) {
		a = alert_find(alert);
		return a ? a->sent : "MOTE_ERR_ALERT_SENT(unknown)";
	}
	return "MOTE_ERR_UNKNOWN";
}
