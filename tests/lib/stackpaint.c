/* Stack painting: see stackpaint.h. */
#define _GNU_SOURCE
#include "stackpaint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#define PAINT 0xA5

/* makecontext takes a function without arguments: fn is passed here. */
static ucontext_t main_ctx, op_ctx;
static void (*op_fn)(void);

static void trampoline(void)
{
	op_fn();
}

size_t stackpaint_measure(void (*fn)(void))
{
	uint8_t *stack = malloc(STACKPAINT_BYTES);
	size_t used;

	if (!stack) {
		fprintf(stderr, "stackpaint: out of memory\n");
		exit(2);
	}
	memset(stack, PAINT, STACKPAINT_BYTES);
	op_fn = fn;
	getcontext(&op_ctx);
	op_ctx.uc_stack.ss_sp = stack;
	op_ctx.uc_stack.ss_size = STACKPAINT_BYTES;
	op_ctx.uc_link = &main_ctx;
	makecontext(&op_ctx, trampoline, 0);
	swapcontext(&main_ctx, &op_ctx);
	for (used = STACKPAINT_BYTES; used > 0 && stack[STACKPAINT_BYTES - used] == PAINT; used--)
		;
	free(stack);
	return used;
}
