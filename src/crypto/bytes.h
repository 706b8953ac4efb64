/* Endian-explicit loads and stores, and rotations (internal). */
#ifndef MOTE_CRYPTO_BYTES_H
#define MOTE_CRYPTO_BYTES_H

#include <stdint.h>

static inline uint32_t mote_load32_be(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint32_t mote_load32_le(const uint8_t *p)
{
	return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}

static inline uint64_t mote_load64_be(const uint8_t *p)
{
	return ((uint64_t)mote_load32_be(p) << 32) | mote_load32_be(p + 4);
}

static inline uint64_t mote_load64_le(const uint8_t *p)
{
	return ((uint64_t)mote_load32_le(p + 4) << 32) | mote_load32_le(p);
}

static inline void mote_store32_be(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void mote_store32_le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void mote_store64_be(uint8_t *p, uint64_t v)
{
	mote_store32_be(p, (uint32_t)(v >> 32));
	mote_store32_be(p + 4, (uint32_t)v);
}

static inline void mote_store64_le(uint8_t *p, uint64_t v)
{
	mote_store32_le(p, (uint32_t)v);
	mote_store32_le(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t mote_rotl32(uint32_t x, unsigned n)
{
	return (x << n) | (x >> ((32 - n) & 31));
}

static inline uint32_t mote_rotr32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << ((32 - n) & 31));
}

static inline uint64_t mote_rotr64(uint64_t x, unsigned n)
{
	return (x >> n) | (x << ((64 - n) & 63));
}

#endif /* MOTE_CRYPTO_BYTES_H */
