#ifndef RCMS_CQRENCODE_SHIM_H
#define RCMS_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
