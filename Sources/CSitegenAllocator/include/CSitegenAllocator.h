#ifndef CSITEGEN_ALLOCATOR_H
#define CSITEGEN_ALLOCATOR_H

/// jemalloc's settings for the sitegen process (see allocator.c).
extern const char *malloc_conf;

/// Makes jemalloc hand freed memory back to the system at once rather than after ten seconds: for a process that
/// lives on between builds (`serve`, `build --watch`), so one rebuild's garbage does not add to the next one's peak.
void sitegen_allocator_return_memory_promptly(void);

#endif
