/*
 * For code-size builds only (scripts/size.sh), on toolchains that ship
 * without a C library (riscv64-unknown-elf on Debian). GCC requires every
 * environment, freestanding included, to provide these four functions,
 * and the core uses nothing else from <string.h>.
 */
#ifndef MOTE_SIZE_STRING_H
#define MOTE_SIZE_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
