#ifndef CSITEGEN_SYSTEM_H
#define CSITEGEN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set (ENOSYS/EINVAL where the
/// kernel or file system cannot exchange).
int sitegen_exchange_paths(const char *first, const char *second);

#endif
