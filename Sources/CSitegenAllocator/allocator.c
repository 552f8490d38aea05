#include "CSitegenAllocator.h"

// Read by jemalloc when the process starts (MALLOC_CONF in the environment still overrides it). Two arenas, not
// jemalloc's four per core: a build has one worker per core, and a long `serve` or `build --watch` session kept
// 20 MB more resident with memory freed in arenas no thread went back to.
const char *malloc_conf = "narenas:2";
