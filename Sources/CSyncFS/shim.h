#ifndef INSIGHT_CSYNCFS_SHIM_H
#define INSIGHT_CSYNCFS_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <unistd.h>

/// Flushes every written file of the file system that holds the open file `fd` to disk: one
/// call instead of an fsync per file. Linux's syncfs (which Swift's Glibc module does not
/// export); elsewhere a full sync. Returns 0 on success, -1 with errno set.
static inline int shim_syncfs(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    (void)fd;
    sync();
    return 0;
#endif
}

#endif
