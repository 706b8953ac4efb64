/*
 * Mote build configuration.
 *
 * Every switch is #ifndef-guarded: define it on the compiler command line
 * (or in a header included before this one) to override the default.
 * Algorithms are mostly chosen by which functions an application links;
 * the switches here only remove code that would otherwise be pulled in
 * through a shared dispatcher (the AEAD interface, the TLS suite table).
 */
#ifndef MOTE_CONFIG_H
#define MOTE_CONFIG_H

/* Word size of the portable implementations: 64 on LP64 hosts, 32 on
 * Cortex-M, RISC-V RV32 and Xtensa. Selects e.g. the 4-block (64-bit)
 * or 2-block (32-bit) bitsliced AES. */
#ifndef MOTE_WORD_BITS
#if defined(__LP64__) || defined(_WIN64) || defined(__x86_64__) || defined(__aarch64__)
#define MOTE_WORD_BITS 64
#else
#define MOTE_WORD_BITS 32
#endif
#endif

/* AEAD algorithms offered through mote_aead_*. 1 = compiled in. */
#ifndef MOTE_ENABLE_AES_GCM
#define MOTE_ENABLE_AES_GCM 1
#endif
#ifndef MOTE_ENABLE_CHACHA20_POLY1305
#define MOTE_ENABLE_CHACHA20_POLY1305 1
#endif

/* SHA-384/SHA-512 (needed by TLS_AES_256_GCM_SHA384 and Ed25519). */
#ifndef MOTE_ENABLE_SHA512
#define MOTE_ENABLE_SHA512 1
#endif

/* Hardware AES/GHASH (AES-NI + PCLMULQDQ on x86-64) selected at run time
 * when the CPU has it. 0 keeps only the portable constant-time code. */
#ifndef MOTE_ENABLE_AES_HW
#define MOTE_ENABLE_AES_HW 0
#endif

/* Public-key algorithms. */
#ifndef MOTE_ENABLE_ED25519
#define MOTE_ENABLE_ED25519 1
#endif
#ifndef MOTE_ENABLE_P384
#define MOTE_ENABLE_P384 1
#endif

/* Multiplier available to big-number and field code:
 *   64 - 64x64->128 (hosts with __int128)
 *   32 - 32x32->64 constant-time (Cortex-M4, RV32IM)
 *   16 - 16x16->32 only (ESP8266, Cortex-M0/M0+, some Cortex-M3)      */
#ifndef MOTE_MUL_BITS
#if MOTE_WORD_BITS == 64 && defined(__SIZEOF_INT128__)
#define MOTE_MUL_BITS 64
#elif defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__) || defined(__ARM_ARCH_7M__) || \
    defined(ESP8266) || defined(ARDUINO_ARCH_ESP8266)
/* Cortex-M0/M0+/M23 have no 32x32->64 multiply; Cortex-M3's UMULL ends
 * early on small operands (not constant time); ESP8266 has no MULUH. */
#define MOTE_MUL_BITS 16
#else
#define MOTE_MUL_BITS 32
#endif
#endif

/* Constant-time checks under valgrind memcheck (tests/ct): when 1, the few
 * values that are computed from secrets but public by design (whether an
 * RFC 6979 nonce candidate or a key-generation draw was in range) are
 * marked defined through valgrind client requests, a handful of no-op
 * instructions outside valgrind (see mote_ct_declassify32 in
 * src/crypto/ct.h). Default: 1 where <valgrind/memcheck.h> is available. */
#ifndef MOTE_CT_VALGRIND
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#define MOTE_CT_VALGRIND 1
#endif
#endif
#endif
#ifndef MOTE_CT_VALGRIND
#define MOTE_CT_VALGRIND 0
#endif

/* ChaCha20 four-block code through the GCC/clang vector extensions (plain
 * C, constant time; SSE2 on x86-64, NEON on AArch64). 1 compiles it where
 * the compiler supports it (GCC 12+ or clang, little-endian); it is then
 * used on 64-bit targets, the scalar code on 32-bit ones. 0 removes it. */
#ifndef MOTE_CHACHA20_VEC4
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && defined(__has_builtin)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && __has_builtin(__builtin_shufflevector)
#define MOTE_CHACHA20_VEC4 1
#endif
#endif
#endif
#ifndef MOTE_CHACHA20_VEC4
#define MOTE_CHACHA20_VEC4 0
#endif

#endif /* MOTE_CONFIG_H */
