#include "CSitegenAllocator.h"
#include <jemalloc/jemalloc.h>
#include <stdio.h>
#include <sys/types.h>

// Read by jemalloc when the process starts (MALLOC_CONF in the environment still overrides it).
// - Two arenas, not jemalloc's four per core: a build has one worker per core, and more arenas kept memory freed
//   in one that no thread went back to.
// - Transparent huge pages for its memory: a build touches a few hundred megabytes once, and faulting them in
//   4 KB at a time was a third of a rebuild's system time (a body edit in a new process, 10,000 articles: 0.86x
//   the wall time in ten interleaved pairs; 16 MB more peak).
const char *malloc_conf = "narenas:2,thp:always,metadata_thp:always";

void sitegen_allocator_return_memory_promptly(void) {
    ssize_t zero = 0;
    // For arenas made from now on, then for each that exists.
    mallctl("arenas.dirty_decay_ms", NULL, NULL, &zero, sizeof zero);
    mallctl("arenas.muzzy_decay_ms", NULL, NULL, &zero, sizeof zero);
    unsigned count = 0;
    size_t size = sizeof count;
    if (mallctl("arenas.narenas", &count, &size, NULL, 0) != 0) return;
    for (unsigned arena = 0; arena < count; arena++) {
        char name[64];
        snprintf(name, sizeof name, "arena.%u.dirty_decay_ms", arena);
        mallctl(name, NULL, NULL, &zero, sizeof zero);
        snprintf(name, sizeof name, "arena.%u.muzzy_decay_ms", arena);
        mallctl(name, NULL, NULL, &zero, sizeof zero);
    }
}
