#ifndef INSIGHT_CQRENCODE_SHIM_H
#define INSIGHT_CQRENCODE_SHIM_H

// libqrencode's API imports into Swift as is; nothing to wrap.
#include <qrencode.h>

#endif
