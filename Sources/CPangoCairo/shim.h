#ifndef INSIGHT_CPANGOCAIRO_SHIM_H
#define INSIGHT_CPANGOCAIRO_SHIM_H

#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>

/// Pango units per device unit (the PANGO_SCALE macro, which Swift imports as no constant of a
/// usable type).
static const int shim_pango_scale = PANGO_SCALE;

/// Releases a GObject such as a PangoContext, PangoLayout or PangoFontMap (g_object_unref takes
/// a gpointer, which Swift cannot pass an opaque pointer of another type to without a cast).
static inline void shim_g_object_unref(void *object) {
    g_object_unref(object);
}

/// Applies `attribute` to the UTF-8 bytes [start, end) of the text and adds it to `list`, which
/// takes ownership of it (PangoAttribute's index fields are set through the struct).
static inline void shim_pango_attr_list_insert_range(PangoAttrList *list, PangoAttribute *attribute,
                                                     unsigned int start, unsigned int end) {
    attribute->start_index = start;
    attribute->end_index = end;
    pango_attr_list_insert(list, attribute);
}

#endif
