// zlib, for reading .gz inputs. `inflateInit2` is a macro in zlib.h; this inline wrapper makes it callable.
#ifndef METRICS_CZLIB_SHIM_H
#define METRICS_CZLIB_SHIM_H
#include <zlib.h>

static inline int metrics_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    return inflateInit2(stream, 15 + 32);
}
#endif
