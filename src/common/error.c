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

static const struct error_entry *error_find(int err)
{
	for (unsigned i = 0; i < sizeof error_table / sizeof error_table[0]; i++) {
		if (error_table[i].code == err)
			return &error_table[i];
	}
	return 0;
}

const char *mote_strerror(int err)
{
	const struct error_entry *e = error_find(err);
	return e ? e->text : "unknown error";
}

const char *mote_error_name(int err)
{
	const struct error_entry *e = error_find(err);
	return e ? e->name : "MOTE_ERR_UNKNOWN";
}
