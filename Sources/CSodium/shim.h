#ifndef RCMS_CSODIUM_SHIM_H
#define RCMS_CSODIUM_SHIM_H
#include <sodium.h>
#endif
