#ifndef CSITEGEN_ALLOCATOR_H
#define CSITEGEN_ALLOCATOR_H

/// jemalloc's settings for the sitegen process (see allocator.c).
extern const char *malloc_conf;

#endif
