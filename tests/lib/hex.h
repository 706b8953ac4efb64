/*
 * Hex decoding shared by the tests (through test.h) and the benchmarks'
 * fixtures (bench/fixture.c). No allocation, no exit: callers decide.
 */
#ifndef MOTE_TEST_HEX_H
#define MOTE_TEST_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Decodes hex (either case, even length) into out; returns the number of
 * bytes written, or (size_t)-1 on bad hex or if it needs more than cap. */
size_t test_unhex(const char *hex, uint8_t *out, size_t cap);

#endif
