/*
 * DER times: UTCTime and GeneralizedTime rules, each rejection with its
 * code, and every day of many years (incl. the UTCTime 49/50 pivot and
 * Feb 29 of leap and non-leap centuries) against glibc's timegm(), a
 * second implementation.
 */
#define _DEFAULT_SOURCE /* timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mote/der.h"
#include "mote/error.h"
#include "test.h"

/* Parse an ASCII time with the given tag; returns the error. */
static int parse_time(uint8_t tag, const char *s, int64_t *t)
{
	size_t n = strlen(s);
	uint8_t *buf = malloc(n + 2);
	mote_der_reader r;
	int err;

	buf[0] = tag;
	buf[1] = (uint8_t)n;
	memcpy(buf + 2, s, n);
	mote_der_init(&r, buf, n + 2);
	err = mote_der_read_time(&r, t);
	free(buf);
	return err;
}

static int64_t ref_time(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (int64_t)timegm(&tm);
}

static void check_time(uint8_t tag, const char *s, int err, int64_t want)
{
	int64_t t = 0x5555;
	int got = parse_time(tag, s, &t);

	CHECK_INT(got, err);
	if (got == 0 && err == 0)
		CHECK_INT(t, want);
	if (got != err)
		fprintf(stderr, "  time %s\n", s);
}

static void test_time_rules(void)
{
	static const uint8_t octets[15] = {0x04, 0x0D, '7', '0', '0', '1', '0', '1',
	                                   '0',  '0',  '0', '0', '0', '0', 'Z'};
	const uint8_t U = MOTE_DER_UTC_TIME, G = MOTE_DER_GENERALIZED_TIME;
	mote_der_reader r;
	int64_t t;

	check_time(U, "700101000000Z", 0, 0);
	check_time(U, "691231235959Z", 0, -1);
	/* The RFC 5280 pivot: 49 is 2049, 50 is 1950. */
	check_time(U, "491231235959Z", 0, ref_time(2049, 12, 31, 23, 59, 59));
	check_time(U, "500101000000Z", 0, ref_time(1950, 1, 1, 0, 0, 0));
	check_time(U, "000101000000Z", 0, ref_time(2000, 1, 1, 0, 0, 0));
	check_time(U, "991231235959Z", 0, ref_time(1999, 12, 31, 23, 59, 59));
	/* Feb 29: leap years only (2000 yes, 1900 and 2100 no). */
	check_time(U, "000229120000Z", 0, ref_time(2000, 2, 29, 12, 0, 0));
	check_time(U, "480229000000Z", 0, ref_time(2048, 2, 29, 0, 0, 0));
	check_time(U, "500229000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "230229000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "20240229000000Z", 0, ref_time(2024, 2, 29, 0, 0, 0));
	check_time(G, "19000229000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "21000229000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "24000229000000Z", 0, ref_time(2400, 2, 29, 0, 0, 0));
	check_time(G, "20500101000000Z", 0, ref_time(2050, 1, 1, 0, 0, 0));
	check_time(G, "99991231235959Z", 0, ref_time(9999, 12, 31, 23, 59, 59));
	check_time(G, "00000101000000Z", 0, ref_time(0, 1, 1, 0, 0, 0));
	check_time(G, "00000229000000Z", 0, ref_time(0, 2, 29, 0, 0, 0));
	check_time(G, "00000301000000Z", 0, ref_time(0, 3, 1, 0, 0, 0));
	/* The DER form: Z, seconds, no fractions, no offsets, digits. */
	check_time(U, "700101000000", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "7001010000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "7001010000000", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700101000000z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700101000000+0000", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "7001010000-0100", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "19700101000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "700101000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "19700101000000", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "19700101000000.5Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "19700101000000.Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "197001010000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "1970010100000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(G, "19700101000000+0000", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "70a101000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, " 70101000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "+70101000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "7001010000-1Z", MOTE_ERR_DER_BAD_TIME, 0);
	/* Field ranges. */
	check_time(U, "700001000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "701301000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700100000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700132000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700431000000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700430000000Z", 0, ref_time(1970, 4, 30, 0, 0, 0));
	check_time(U, "700101240000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700101236000Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700101235960Z", MOTE_ERR_DER_BAD_TIME, 0);
	check_time(U, "700101235959Z", 0, 86399);
	/* Other tags. */
	mote_der_init(&r, octets, sizeof octets);
	CHECK_INT(mote_der_read_time(&r, &t), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(r.len, 15);
	CHECK_INT(mote_der_decode_time(MOTE_DER_PRINTABLE_STRING, (const uint8_t *)"700101000000Z",
	                               13, &t),
	          MOTE_ERR_DER_BAD_TAG);
}

/* Every day 1..31 of every month of many years, both forms where they
 * apply, against timegm(); day validity from timegm's normalisation. */
static void test_time_calendar(void)
{
	static const int years[] = {0,    1,    4,    99,   100,  400,  1600, 1899, 1900, 1904,
	                            1949, 1950, 1969, 1970, 1971, 1972, 1999, 2000, 2001, 2038,
	                            2049, 2050, 2100, 2104, 2400, 9999};
	long days = 0;
	char s[32];

	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
		for (int mo = 1; mo <= 12; mo++) {
			for (int d = 1; d <= 31; d++) {
				int y = years[i];
				int h = (d * 7) % 24, mi = (d * 13 + mo) % 60, se = (d * 29 + y) % 60;
				int64_t want = ref_time(y, mo, d, h, mi, se);
				time_t tt = (time_t)want;
				struct tm back;
				int valid = gmtime_r(&tt, &back) && back.tm_mday == d;
				int64_t t;

				snprintf(s, sizeof s, "%04d%02d%02d%02d%02d%02dZ", y, mo, d, h, mi, se);
				CHECK_INT(parse_time(MOTE_DER_GENERALIZED_TIME, s, &t),
				          valid ? 0 : MOTE_ERR_DER_BAD_TIME);
				if (valid)
					CHECK_INT(t, want);
				if (y >= 1950 && y <= 2049) {
					CHECK_INT(parse_time(MOTE_DER_UTC_TIME, s + 2, &t),
					          valid ? 0 : MOTE_ERR_DER_BAD_TIME);
					if (valid)
						CHECK_INT(t, want);
				}
				days += valid;
			}
		}
	}
	printf("test_der_time: %ld calendar days checked against timegm()\n", days);
}

int main(void)
{
	test_time_rules();
	test_time_calendar();
	return test_finish("test_der_time");
}
