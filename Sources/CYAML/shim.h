#ifndef RCMS_CYAML_SHIM_H
#define RCMS_CYAML_SHIM_H
#include <yaml.h>
#endif
