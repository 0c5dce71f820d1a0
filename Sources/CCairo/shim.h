#ifndef RCMS_CCAIRO_SHIM_H
#define RCMS_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#endif
