/*
 * Strict DER reader: one hand-written byte string per accept/reject rule,
 * each rejection asserting its specific error code (times: test_der_time.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/der.h"
#include "mote/error.h"
#include "test.h"

_Static_assert(sizeof(mote_der_reader) == 2 * sizeof(void *), "mote_der_reader is a pointer and a length");

/* Inputs live in exact-size heap blocks, so that ASan flags any read
 * past their end; all are freed at exit. */
static uint8_t *blocks[4096];
static size_t nblocks;

static mote_der_reader block(const uint8_t *p, size_t n)
{
	mote_der_reader r;
	uint8_t *b = malloc(n ? n : 1);

	if (!b || nblocks == sizeof blocks / sizeof blocks[0])
		abort();
	memcpy(b, p, n);
	blocks[nblocks++] = b;
	mote_der_init(&r, b, n);
	return r;
}

static void free_blocks(void)
{
	while (nblocks)
		free(blocks[--nblocks]);
}

static mote_der_reader hex(const char *h)
{
	static uint8_t buf[1024];
	size_t n = test_unhex(h, buf, sizeof buf);

	if (n == (size_t)-1) {
		fprintf(stderr, "bad test hex %s\n", h);
		abort();
	}
	return block(buf, n);
}

/* tag, the given length octets, then body_len bytes. */
static mote_der_reader with_body(uint8_t tag, const char *len_hex, size_t body_len)
{
	uint8_t *buf = malloc(16 + body_len);
	size_t n = 1 + test_unhex(len_hex, buf + 1, 15);
	mote_der_reader r;

	buf[0] = tag;
	memset(buf + n, 0xA5, body_len);
	r = block(buf, n + body_len);
	free(buf);
	return r;
}

/* Reading one OCTET STRING from r gives err; on success, body_len bytes
 * and an empty reader. On failure the reader must not move. */
static void check_octets(mote_der_reader r, int err, size_t body_len)
{
	mote_der_reader before = r, val;

	CHECK_INT(mote_der_read_octets(&r, &val), err);
	if (err == 0) {
		CHECK_INT(val.len, body_len);
		CHECK_INT(mote_der_close(&r), 0);
	} else {
		CHECK(r.p == before.p && r.len == before.len);
	}
}

static void test_lengths(void)
{
	/* Short form up to 127, long form from 128, at the boundaries. */
	check_octets(with_body(0x04, "00", 0), 0, 0);
	check_octets(with_body(0x04, "7F", 127), 0, 127);
	check_octets(with_body(0x04, "8180", 128), 0, 128);
	check_octets(with_body(0x04, "81FF", 255), 0, 255);
	check_octets(with_body(0x04, "820100", 256), 0, 256);
	check_octets(with_body(0x04, "82FFFF", 65535), 0, 65535);
	/* Non-minimal: long form below 128, leading zero length bytes. */
	check_octets(with_body(0x04, "8105", 5), MOTE_ERR_DER_BAD_LENGTH, 0);
	check_octets(with_body(0x04, "817F", 127), MOTE_ERR_DER_BAD_LENGTH, 0);
	check_octets(with_body(0x04, "8100", 0), MOTE_ERR_DER_BAD_LENGTH, 0);
	check_octets(with_body(0x04, "8200FF", 255), MOTE_ERR_DER_BAD_LENGTH, 0);
	check_octets(with_body(0x04, "820080", 128), MOTE_ERR_DER_BAD_LENGTH, 0);
	check_octets(with_body(0x04, "8400000100", 256), MOTE_ERR_DER_BAD_LENGTH, 0);
	/* Indefinite (BER only) and the reserved 0xFF. */
	check_octets(hex("0480AABB0000"), MOTE_ERR_DER_BAD_LENGTH, 0);
	check_octets(hex("04FF00"), MOTE_ERR_DER_BAD_LENGTH, 0);
	/* Truncated: no tag, no length, missing length bytes, short value. */
	check_octets(hex(""), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("04"), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("0482"), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("048201"), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(with_body(0x04, "05", 4), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(with_body(0x04, "8180", 127), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(with_body(0x04, "820100", 255), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("0484FFFFFFFF00"), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("04847FFFFFFF00"), MOTE_ERR_DER_TRUNCATED, 0);
	/* Lengths of 2^32 and more: 5 to 8 and 126 length bytes. */
	check_octets(hex("0485010000000000"), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("0488FFFFFFFFFFFFFFFF00"), MOTE_ERR_DER_TRUNCATED, 0);
	check_octets(hex("04880000000000000001"), MOTE_ERR_DER_BAD_LENGTH, 0);
}

static void test_header(void)
{
	mote_der_reader r;
	uint8_t tag;
	size_t len;

	/* Headers can be read before their contents arrive (streaming). */
	r = hex("3082");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), MOTE_ERR_DER_TRUNCATED);
	r = hex("308201");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), MOTE_ERR_DER_TRUNCATED);
	r = hex("30820100");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), 0);
	CHECK_INT(tag, 0x30);
	CHECK_INT(len, 256);
	CHECK_INT(r.len, 0);
	r = hex("0484010000001234");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), 0);
	CHECK_INT(len, 0x01000000);
	CHECK_INT(r.len, 2);
	CHECK_INT(MOTE_DER_MAX_HEADER, 6);
	/* Multi-byte tags and end-of-contents are not DER Mote accepts. */
	r = hex("1F0100");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), MOTE_ERR_DER_BAD_TAG);
	r = hex("BF1F0100");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), MOTE_ERR_DER_BAD_TAG);
	r = hex("0000");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), MOTE_ERR_DER_BAD_TAG);
	r = hex("1F");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), MOTE_ERR_DER_BAD_TAG);
	/* Any other single-byte tag is read as is (tag number 30 included). */
	r = hex("9E00");
	CHECK_INT(mote_der_read_header(&r, &tag, &len), 0);
	CHECK_INT(tag, 0x9E);
	r = hex("DE0200");
	CHECK_INT(mote_der_read_any(&r, &tag, NULL), MOTE_ERR_DER_TRUNCATED);
}

static void test_structure(void)
{
	mote_der_reader r, seq, set, val;
	uint32_t v;
	uint8_t tag;

	r = hex("3003020105");
	CHECK_INT(mote_der_enter_sequence(&r, &seq), 0);
	CHECK_INT(mote_der_close(&r), 0);
	CHECK_INT(mote_der_read_small_uint(&seq, &v), 0);
	CHECK_INT(v, 5);
	CHECK_INT(mote_der_close(&seq), 0);
	/* Unread elements inside, trailing bytes after. */
	r = hex("3006020105020106");
	CHECK_INT(mote_der_enter_sequence(&r, &seq), 0);
	CHECK_INT(mote_der_read_small_uint(&seq, &v), 0);
	CHECK_INT(mote_der_close(&seq), MOTE_ERR_DER_TRAILING_DATA);
	r = hex("300302010500");
	CHECK_INT(mote_der_enter_sequence(&r, &seq), 0);
	CHECK_INT(mote_der_close(&r), MOTE_ERR_DER_TRAILING_DATA);
	/* Indefinite-length SEQUENCE. */
	r = hex("30800201050000");
	CHECK_INT(mote_der_enter_sequence(&r, &seq), MOTE_ERR_DER_BAD_LENGTH);
	/* A child running past its parent, though not past the buffer. */
	r = hex("30030202050500");
	CHECK_INT(mote_der_enter_sequence(&r, &seq), 0);
	CHECK_INT(mote_der_read_small_uint(&seq, &v), MOTE_ERR_DER_TRUNCATED);
	/* SET, and wrong container types. */
	r = hex("31030101FF");
	CHECK_INT(mote_der_enter_sequence(&r, &seq), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(mote_der_enter_set(&r, &set), 0);
	CHECK_INT(set.len, 3);
	/* Peek never fails. */
	r = hex("");
	CHECK(!mote_der_peek(&r, 0x30));
	r = hex("3000");
	CHECK(mote_der_peek(&r, 0x30));
	CHECK(!mote_der_peek(&r, 0x31));
	/* Skipping an element with a NULL value pointer. */
	r = hex("0403AABBCC0500");
	CHECK_INT(mote_der_read(&r, MOTE_DER_OCTET_STRING, NULL), 0);
	CHECK_INT(mote_der_read_null(&r), 0);
	CHECK_INT(mote_der_close(&r), 0);
	/* read_any reports the tag. */
	r = hex("1603616263");
	CHECK_INT(mote_der_read_any(&r, &tag, &val), 0);
	CHECK_INT(tag, MOTE_DER_IA5_STRING);
	CHECK(val.len == 3 && memcmp(val.p, "abc", 3) == 0);
}

static void test_context(void)
{
	mote_der_reader r, inner, val, bits;
	uint32_t v;
	unsigned unused;

	/* [0] EXPLICIT INTEGER (a certificate's version). */
	r = hex("A003020102");
	CHECK(mote_der_peek(&r, MOTE_DER_CONTEXT_CONS(0)));
	CHECK_INT(mote_der_read(&r, MOTE_DER_CONTEXT(0), &inner), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(mote_der_read(&r, MOTE_DER_CONTEXT_CONS(0), &inner), 0);
	CHECK_INT(mote_der_read_small_uint(&inner, &v), 0);
	CHECK_INT(v, 2);
	CHECK_INT(mote_der_close(&inner), 0);
	/* [0] EXPLICIT with a trailing byte inside. */
	r = hex("A00402010200");
	CHECK_INT(mote_der_read(&r, MOTE_DER_CONTEXT_CONS(0), &inner), 0);
	CHECK_INT(mote_der_read_small_uint(&inner, &v), 0);
	CHECK_INT(mote_der_close(&inner), MOTE_ERR_DER_TRAILING_DATA);
	/* [1] IMPLICIT BIT STRING and [2] IMPLICIT IA5String. */
	r = hex("810300AABB8203782E79");
	CHECK_INT(mote_der_read(&r, MOTE_DER_CONTEXT_CONS(1), &val), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(mote_der_read(&r, MOTE_DER_CONTEXT(1), &val), 0);
	CHECK_INT(mote_der_decode_bits(val.p, val.len, &bits, &unused), 0);
	CHECK(bits.len == 2 && bits.p[0] == 0xAA && unused == 0);
	CHECK_INT(mote_der_read(&r, MOTE_DER_CONTEXT(2), &val), 0);
	CHECK(val.len == 3 && memcmp(val.p, "x.y", 3) == 0);
	CHECK_INT(mote_der_close(&r), 0);
	CHECK_INT(MOTE_DER_CONTEXT(30), 0x9E);
	CHECK_INT(MOTE_DER_CONTEXT_CONS(3), 0xA3);
}

/* Read an INTEGER three ways from hex. */
static void check_integer(const char *h, int err_int, int err_uint, const char *mag_hex)
{
	mote_der_reader r = hex(h), before = r, val;
	uint8_t want[16];
	size_t n;

	CHECK_INT(mote_der_read_integer(&r, &val), err_int);
	r = before;
	CHECK_INT(mote_der_read_uint(&r, &val), err_uint);
	if (err_uint) {
		CHECK(r.p == before.p && r.len == before.len);
		return;
	}
	n = test_unhex(mag_hex, want, sizeof want);
	CHECK(val.len == n && memcmp(val.p, want, n) == 0);
	CHECK_INT(r.len, 0);
}

static void test_integers(void)
{
	mote_der_reader r;
	uint32_t v;

	check_integer("0200", MOTE_ERR_DER_BAD_INTEGER, MOTE_ERR_DER_BAD_INTEGER, "");
	check_integer("020100", 0, 0, "00");
	check_integer("02017F", 0, 0, "7F");
	check_integer("020200FF", 0, 0, "FF");
	check_integer("02020080", 0, 0, "80");
	check_integer("0203008000", 0, 0, "8000");
	check_integer("02020100", 0, 0, "0100");
	check_integer("0202007F", MOTE_ERR_DER_BAD_INTEGER, MOTE_ERR_DER_BAD_INTEGER, "");
	check_integer("02020000", MOTE_ERR_DER_BAD_INTEGER, MOTE_ERR_DER_BAD_INTEGER, "");
	check_integer("0203000080", MOTE_ERR_DER_BAD_INTEGER, MOTE_ERR_DER_BAD_INTEGER, "");
	check_integer("0202FF80", MOTE_ERR_DER_BAD_INTEGER, MOTE_ERR_DER_BAD_INTEGER, "");
	check_integer("0202FFFF", MOTE_ERR_DER_BAD_INTEGER, MOTE_ERR_DER_BAD_INTEGER, "");
	check_integer("0202FF7F", 0, MOTE_ERR_DER_NEGATIVE, "");
	check_integer("020180", 0, MOTE_ERR_DER_NEGATIVE, "");
	check_integer("0201FF", 0, MOTE_ERR_DER_NEGATIVE, "");
	check_integer("02028000", 0, MOTE_ERR_DER_NEGATIVE, "");
	check_integer("0302007F", MOTE_ERR_DER_BAD_TAG, MOTE_ERR_DER_BAD_TAG, "");
	check_integer("0203007F", MOTE_ERR_DER_TRUNCATED, MOTE_ERR_DER_TRUNCATED, "");
	/* The streaming check looks at two bytes only. */
	CHECK_INT(mote_der_check_integer((const uint8_t *)"\x00\x80", 300), 0);
	CHECK_INT(mote_der_check_integer((const uint8_t *)"\x00\x7F", 300), MOTE_ERR_DER_BAD_INTEGER);
	/* Small unsigned integers: up to 2^32 - 1. */
	r = hex("020500FFFFFFFF");
	CHECK_INT(mote_der_read_small_uint(&r, &v), 0);
	CHECK(v == 0xFFFFFFFFu);
	r = hex("02047FFFFFFF");
	CHECK_INT(mote_der_read_small_uint(&r, &v), 0);
	CHECK(v == 0x7FFFFFFFu);
	r = hex("02050100000000");
	CHECK_INT(mote_der_read_small_uint(&r, &v), MOTE_ERR_DER_BAD_INTEGER);
	r = hex("0201FF");
	CHECK_INT(mote_der_read_small_uint(&r, &v), MOTE_ERR_DER_NEGATIVE);
	r = hex("020100");
	CHECK_INT(mote_der_read_small_uint(&r, &v), 0);
	CHECK_INT(v, 0);
}

static void test_oids(void)
{
	static const uint8_t ed25519[] = {0x2B, 0x65, 0x70};
	static const uint8_t ec_pub[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
	mote_der_reader r, oid;

	r = hex("06032B6570");
	CHECK_INT(mote_der_read_oid(&r, &oid), 0);
	CHECK(mote_der_oid_equal(&oid, ed25519, sizeof ed25519));
	CHECK(!mote_der_oid_equal(&oid, ec_pub, sizeof ec_pub));
	CHECK(!mote_der_oid_equal(&oid, ed25519, 2));
	r = hex("06072A8648CE3D0201");
	CHECK_INT(mote_der_expect_oid(&r, ec_pub, sizeof ec_pub), 0);
	r = hex("06072A8648CE3D0201");
	CHECK_INT(mote_der_expect_oid(&r, ed25519, sizeof ed25519), MOTE_ERR_DER_BAD_OID);
	CHECK_INT(r.len, 9);
	/* A prefix or an extension of a known OID is another OID. */
	r = hex("06062A8648CE3D02");
	CHECK_INT(mote_der_expect_oid(&r, ec_pub, sizeof ec_pub), MOTE_ERR_DER_BAD_OID);
	r = hex("06082A8648CE3D020101");
	CHECK_INT(mote_der_expect_oid(&r, ec_pub, sizeof ec_pub), MOTE_ERR_DER_BAD_OID);
	/* Encoding rules. */
	r = hex("0600");
	CHECK_INT(mote_der_read_oid(&r, &oid), MOTE_ERR_DER_BAD_OID_ENCODING);
	r = hex("0604802B6570");
	CHECK_INT(mote_der_read_oid(&r, &oid), MOTE_ERR_DER_BAD_OID_ENCODING);
	r = hex("06082A808648CE3D0201");
	CHECK_INT(mote_der_read_oid(&r, &oid), MOTE_ERR_DER_BAD_OID_ENCODING);
	r = hex("06032B6585");
	CHECK_INT(mote_der_read_oid(&r, &oid), MOTE_ERR_DER_BAD_OID_ENCODING);
	r = hex("06012B");
	CHECK_INT(mote_der_read_oid(&r, &oid), 0);
	/* 0x80 inside a subidentifier (not first) is fine: 0x81 0x80 0x01. */
	r = hex("06042B818001");
	CHECK_INT(mote_der_read_oid(&r, &oid), 0);
	r = hex("06032B8000");
	CHECK_INT(mote_der_read_oid(&r, &oid), MOTE_ERR_DER_BAD_OID_ENCODING);
	r = hex("26032B6570");
	CHECK_INT(mote_der_read_oid(&r, &oid), MOTE_ERR_DER_BAD_TAG);
}

static void test_bits(void)
{
	mote_der_reader r, bits;
	unsigned unused;

	r = hex("0300");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), MOTE_ERR_DER_BAD_BIT_STRING);
	r = hex("030100");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), 0);
	CHECK(bits.len == 0 && unused == 0);
	r = hex("030101");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), MOTE_ERR_DER_BAD_BIT_STRING);
	r = hex("03020800");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), MOTE_ERR_DER_BAD_BIT_STRING);
	r = hex("03020780");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), 0);
	CHECK(bits.len == 1 && bits.p[0] == 0x80 && unused == 7);
	r = hex("03020781");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), MOTE_ERR_DER_BAD_BIT_STRING);
	r = hex("030201FE");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), 0);
	r = hex("030201FF");
	CHECK_INT(mote_der_read_bits(&r, &bits, &unused), MOTE_ERR_DER_BAD_BIT_STRING);
	/* Whole bytes only, for keys and signatures. */
	r = hex("030300ABCD");
	CHECK_INT(mote_der_read_bit_octets(&r, &bits), 0);
	CHECK(bits.len == 2 && bits.p[0] == 0xAB && bits.p[1] == 0xCD);
	r = hex("030301ABCC");
	CHECK_INT(mote_der_read_bit_octets(&r, &bits), MOTE_ERR_DER_BAD_BIT_STRING);
	CHECK_INT(r.len, 5);
	/* Constructed forms are BER only. */
	r = hex("2305030300ABCD");
	CHECK_INT(mote_der_read_bit_octets(&r, &bits), MOTE_ERR_DER_BAD_TAG);
}

static void test_simple(void)
{
	mote_der_reader r, val;
	int b = -1;

	r = hex("0400");
	CHECK_INT(mote_der_read_octets(&r, &val), 0);
	CHECK_INT(val.len, 0);
	r = hex("24040402AABB");
	CHECK_INT(mote_der_read_octets(&r, &val), MOTE_ERR_DER_BAD_TAG);
	r = hex("0500");
	CHECK_INT(mote_der_read_null(&r), 0);
	r = hex("050100");
	CHECK_INT(mote_der_read_null(&r), MOTE_ERR_DER_BAD_VALUE);
	r = hex("0400");
	CHECK_INT(mote_der_read_null(&r), MOTE_ERR_DER_BAD_TAG);
	r = hex("010100");
	CHECK_INT(mote_der_read_bool(&r, &b), 0);
	CHECK_INT(b, 0);
	r = hex("0101FF");
	CHECK_INT(mote_der_read_bool(&r, &b), 0);
	CHECK_INT(b, 1);
	r = hex("010101");
	CHECK_INT(mote_der_read_bool(&r, &b), MOTE_ERR_DER_BAD_BOOLEAN);
	r = hex("01017F");
	CHECK_INT(mote_der_read_bool(&r, &b), MOTE_ERR_DER_BAD_BOOLEAN);
	r = hex("0101FE");
	CHECK_INT(mote_der_read_bool(&r, &b), MOTE_ERR_DER_BAD_BOOLEAN);
	r = hex("0100");
	CHECK_INT(mote_der_read_bool(&r, &b), MOTE_ERR_DER_BAD_BOOLEAN);
	r = hex("0102FFFF");
	CHECK_INT(mote_der_read_bool(&r, &b), MOTE_ERR_DER_BAD_BOOLEAN);
	r = hex("0201FF");
	CHECK_INT(mote_der_read_bool(&r, &b), MOTE_ERR_DER_BAD_TAG);
}

/* Random bytes through every reader: no crash, reads stay in bounds
 * (ASan), failures leave the reader unmoved. */
static void test_random(void)
{
	static const uint8_t tags[] = {0x01, 0x02, 0x03, 0x06, 0x17, 0x18, 0x30, 0xA0};
	uint8_t buf[24];
	long accepted = 0;

	test_rand_seed(7);
	for (int i = 0; i < 200000; i++) {
		size_t n = test_rand32() % sizeof buf;
		uint8_t *p = malloc(n ? n : 1);
		mote_der_reader r, before, val;
		uint32_t v;
		int64_t t;
		int b, err = 0;
		unsigned u;

		test_rand_bytes(buf, n);
		/* Mostly plausible headers, so that contents get checked too. */
		if (n >= 2 && (test_rand32() & 3) != 0) {
			buf[0] = tags[test_rand32() % sizeof tags];
			buf[1] = (uint8_t)(n - 2);
		}
		memcpy(p, buf, n);
		mote_der_init(&r, p, n);
		before = r;
		switch (i % 8) {
		case 0: err = mote_der_read_uint(&r, &val); break;
		case 1: err = mote_der_read_small_uint(&r, &v); break;
		case 2: err = mote_der_read_oid(&r, &val); break;
		case 3: err = mote_der_read_bits(&r, &val, &u); break;
		case 4: err = mote_der_read_bool(&r, &b); break;
		case 5: err = mote_der_read_time(&r, &t); break;
		case 6: err = mote_der_enter_sequence(&r, &val); break;
		default: err = mote_der_read_any(&r, buf, &val); break;
		}
		if (err)
			CHECK(r.p == before.p && r.len == before.len);
		else
			accepted++;
		free(p);
	}
	printf("test_der: 200000 random inputs, %ld accepted\n", accepted);
}

int main(void)
{
	test_lengths();
	test_header();
	test_structure();
	test_context();
	test_integers();
	test_oids();
	test_bits();
	test_simple();
	test_random();
	free_blocks();
	return test_finish("test_der");
}
