#ifndef OUTCRY_CZLIB_SHIM_H
#define OUTCRY_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro (it passes the library version and the stream's size); Swift cannot
   call it. A raw DEFLATE stream, as ZIP archives store them: no zlib or gzip header. */
static inline int outcry_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
