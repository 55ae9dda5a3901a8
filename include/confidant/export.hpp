// CONFIDANT_EXPORT marks what the shared library exports. The library is built
// with hidden visibility, so everything else stays internal to it.
#pragma once

#if defined(_WIN32)
#define CONFIDANT_EXPORT
#else
#define CONFIDANT_EXPORT [[gnu::visibility("default")]]
#endif
