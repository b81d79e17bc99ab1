#ifndef INSIGHT_CLIBZIP_SHIM_H
#define INSIGHT_CLIBZIP_SHIM_H

// libzip's API imports into Swift as is; nothing to wrap.
#include <zip.h>

#endif
