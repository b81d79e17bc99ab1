#ifndef INSIGHT_CFREETYPE_SHIM_H
#define INSIGHT_CFREETYPE_SHIM_H

#include <ft2build.h>
#include FT_FREETYPE_H

/// Loads glyph `glyph_index` of `face` at its current size and renders it into the glyph slot
/// as an 8-bit anti-aliased bitmap, with light (vertical-only) hinting. Swift cannot import the
/// function-like FT_LOAD_TARGET_LIGHT macro. Returns FreeType's error code, 0 on success.
static inline FT_Error shim_ft_load_rendered_glyph(FT_Face face, FT_UInt glyph_index) {
    return FT_Load_Glyph(face, glyph_index, FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT);
}

/// Whether `face` has kerning data that FT_Get_Kerning reads (the FT_HAS_KERNING macro).
static inline int shim_ft_has_kerning(FT_Face face) {
    return FT_HAS_KERNING(face) ? 1 : 0;
}

/// FreeType's description of `error_code`, or NULL for an unknown code. Built from the error
/// list in fterrors.h, because FT_Error_String returns NULL unless FreeType was built with
/// FT_CONFIG_OPTION_ERROR_STRINGS (Debian's is not).
static inline const char *shim_ft_error_message(FT_Error error_code) {
#undef FTERRORS_H_
#define FT_ERROR_START_LIST switch (error_code) {
#define FT_ERRORDEF(e, v, s) case v: return s;
#define FT_ERROR_END_LIST }
#include FT_ERRORS_H
    return NULL;
}

#endif
