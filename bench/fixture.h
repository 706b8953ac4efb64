/*
 * Fixture files: "name value" lines, '#' comments (see bench/data/gen.sh).
 */
#ifndef MOTE_BENCH_FIXTURE_H
#define MOTE_BENCH_FIXTURE_H

#include "bench.h"

/* Loads <dir>/<name>.txt; aborts with a message if it cannot. */
const struct bench_fixture *bench_fx_load(const char *dir, const char *name);

#endif
