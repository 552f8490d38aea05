#define _GNU_SOURCE
#include "CSitegenSystem.h"
#include <errno.h>
#include <fcntl.h>

int sitegen_open_unnamed_file(const char *directory) {
#if defined(__linux__) && defined(O_TMPFILE)
    return open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
    (void)directory;
    errno = ENOSYS;
    return -1;
#endif
}
