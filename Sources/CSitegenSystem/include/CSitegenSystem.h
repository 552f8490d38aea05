#ifndef CSITEGEN_SYSTEM_H
#define CSITEGEN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set (ENOSYS/EINVAL where the
/// kernel or file system cannot exchange).
int sitegen_exchange_paths(const char *first, const char *second);

/// Opens a file with no name in `directory` for reading and writing (Linux
/// O_TMPFILE): it is gone when closed, or when the process ends however it ends.
/// Returns the descriptor, or -1 with errno set where the file system cannot.
int sitegen_open_unnamed_file(const char *directory);

#endif
