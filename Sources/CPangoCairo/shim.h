#ifndef RCMS_CPANGOCAIRO_SHIM_H
#define RCMS_CPANGOCAIRO_SHIM_H
#include <pango/pangocairo.h>

/// Frees a GObject such as a PangoLayout; `g_object_unref` takes `gpointer`, which Swift
/// imports without a type, so this keeps the call typed.
static inline void rcms_object_unref(void *object) { g_object_unref(object); }
#endif
