#ifndef INSIGHT_CZLIB_SHIM_H
#define INSIGHT_CZLIB_SHIM_H

#include <zlib.h>

/// deflateInit2 is a macro over deflateInit2_ (with the version and stream size), which Swift cannot import.
static inline int shim_deflateInit2(z_streamp stream, int level, int method, int window_bits, int memory_level, int strategy) {
    return deflateInit2(stream, level, method, window_bits, memory_level, strategy);
}

#endif
