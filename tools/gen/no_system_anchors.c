/* No system CA bundle at build time: `mote verify --anchors` has none. */
#include <stddef.h>

#include "mote/x509.h"

const mote_trust_anchor mote_system_anchors[1] = {{.key = NULL}};
const size_t mote_system_anchors_count = 0;
