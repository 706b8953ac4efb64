/*
 * Peak stack of a call, measured by painting (test and bench code only:
 * allocates). The call runs on its own freshly painted stack (ucontext);
 * the deepest byte it overwrote gives the bytes it used. Subtract the
 * figure for an empty function to remove the trampoline's own frames.
 */
#ifndef MOTE_TEST_STACKPAINT_H
#define MOTE_TEST_STACKPAINT_H

#include <stddef.h>

/* Size of the painted stack: far above any Mote entry point. */
#define STACKPAINT_BYTES (64 * 1024)

/* Bytes of the painted stack that fn touched (fn and the trampoline). */
size_t stackpaint_measure(void (*fn)(void));

#endif
