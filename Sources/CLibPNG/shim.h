#ifndef INSIGHT_CLIBPNG_SHIM_H
#define INSIGHT_CLIBPNG_SHIM_H

#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <string.h>

/// Size of the buffer that receives libpng's error message.
#define SHIM_PNG_ERROR_CAPACITY 256

/// libpng error handler: copies the message into the error buffer given at creation and
/// jumps back to the setjmp in shim_png_write_gray. Never returns.
static inline void shim_png_error(png_structp png, png_const_charp message) {
    char *buffer = (char *)png_get_error_ptr(png);
    if (buffer != NULL) {
        strncpy(buffer, message, SHIM_PNG_ERROR_CAPACITY - 1);
        buffer[SHIM_PNG_ERROR_CAPACITY - 1] = '\0';
    }
    png_longjmp(png, 1);
}

/// Creates a write struct whose errors land in `error_buffer` (SHIM_PNG_ERROR_CAPACITY bytes),
/// which must outlive the struct. Returns NULL when out of memory.
static inline png_structp shim_png_create_write_struct(char *error_buffer) {
    return png_create_write_struct(PNG_LIBPNG_VER_STRING, error_buffer, shim_png_error, NULL);
}

/// Writes a whole grayscale image (header, optional pHYs, rows, end) through the write function
/// already set on `png`. `rows` holds `height` rows packed at `bit_depth` (1 or 8).
/// `pixels_per_metre` of 0 writes no pHYs chunk. Label images are made of runs and of rows that
/// repeat the row above (white margins, QR modules): the Up filter turns a repeated row into
/// zeros and zlib's run-length strategy stores runs in a few bytes, smaller than the default
/// settings and in a fifth of their time.
/// Returns 0 on success, -1 if libpng failed; the longjmp of a libpng error never crosses a
/// Swift frame.
static inline int shim_png_write_gray(png_structp png, png_infop info, png_bytepp rows,
                                      png_uint_32 width, png_uint_32 height, int bit_depth,
                                      png_uint_32 pixels_per_metre) {
    if (setjmp(png_jmpbuf(png))) {
        return -1;
    }
    png_set_IHDR(png, info, width, height, bit_depth, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    if (pixels_per_metre > 0) {
        png_set_pHYs(png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    return 0;
}

#endif
