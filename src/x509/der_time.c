/*
 * UTCTime and GeneralizedTime in their DER form (X.690 11.7, 11.8;
 * RFC 5280 4.1.2.5), converted to seconds since the Unix epoch.
 */
#include "mote/der.h"

#include "mote/error.h"

#define UTC_TIME_LEN 13         /* YYMMDDHHMMSSZ */
#define GENERALIZED_TIME_LEN 15 /* YYYYMMDDHHMMSSZ */

/* The n-digit decimal number at p, or -1 if a byte is not a digit. */
static int32_t time_digits(const uint8_t *p, unsigned n)
{
	int32_t v = 0;

	for (unsigned i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static int time_is_leap(int32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int32_t time_days_in_month(int32_t y, int32_t m)
{
	static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return days[m - 1] + (m == 2 && time_is_leap(y));
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, 0 <= y <= 9999).
 * Counting years from March 1 puts Feb 29 at the end of a shifted year;
 * month lengths from March then repeat in a 5-month, 153-day pattern, so
 * the day of the shifted year is (153 * month + 2) / 5 + day - 1. */
static int64_t time_days_from_civil(int32_t y, int32_t m, int32_t d)
{
	int32_t sy = m <= 2 ? y - 1 : y;          /* year starting in March */
	int32_t sm = m <= 2 ? m + 9 : m - 3;      /* 0 = March .. 11 = February */
	int32_t doy = (153 * sm + 2) / 5 + d - 1; /* 0 .. 365 */
	/* Leap years among 1..sy, each a Feb 29 before shifted year sy. The
	 * 400-year offset keeps the divisions non-negative when sy = -1
	 * (January and February of year 0), where the count is -1. */
	int32_t leaps = (sy + 400) / 4 - (sy + 400) / 100 + (sy + 400) / 400 - 97;

	/* Shifted year 0 begins on 0000-03-01, 719468 days before the epoch. */
	return (int64_t)sy * 365 + leaps + doy - 719468;
}

/* Parse "YYYYMMDDHHMMSS" at p (year given) into seconds since the epoch. */
static int time_fields(int32_t year, const uint8_t *p, int64_t *t)
{
	int32_t mon = time_digits(p, 2), day = time_digits(p + 2, 2);
	int32_t hour = time_digits(p + 4, 2), min = time_digits(p + 6, 2);
	int32_t sec = time_digits(p + 8, 2);

	if (mon < 1 || mon > 12 || day < 1 || day > time_days_in_month(year, mon))
		return MOTE_ERR_DER_BAD_TIME;
	/* A leap second (60) cannot be represented in epoch seconds either. */
	if (hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59)
		return MOTE_ERR_DER_BAD_TIME;
	*t = time_days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
	return 0;
}

int mote_der_decode_time(uint8_t tag, const uint8_t *p, size_t len, int64_t *t)
{
	int32_t year;

	if (tag == MOTE_DER_UTC_TIME) {
		if (len != UTC_TIME_LEN || p[len - 1] != 'Z')
			return MOTE_ERR_DER_BAD_TIME;
		year = time_digits(p, 2);
		if (year < 0)
			return MOTE_ERR_DER_BAD_TIME;
		/* RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, YY < 50 is 20YY. */
		year += year >= 50 ? 1900 : 2000;
		return time_fields(year, p + 2, t);
	}
	if (tag == MOTE_DER_GENERALIZED_TIME) {
		if (len != GENERALIZED_TIME_LEN || p[len - 1] != 'Z')
			return MOTE_ERR_DER_BAD_TIME;
		year = time_digits(p, 4);
		if (year < 0)
			return MOTE_ERR_DER_BAD_TIME;
		return time_fields(year, p + 4, t);
	}
	return MOTE_ERR_DER_BAD_TAG;
}
