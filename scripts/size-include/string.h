/*
 * For code-size builds only (scripts/size.sh), on toolchains that ship
 * without a C library (riscv64-unknown-elf on Debian). GCC requires every
 * environment, freestanding included, to provide memcpy, memmove, memset
 * and memcmp; the core also calls strlen (HKDF and PRF labels, PEM).
 * Nothing else from <string.h> is declared, so any other use shows.
 */
#ifndef MOTE_SIZE_STRING_H
#define MOTE_SIZE_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
