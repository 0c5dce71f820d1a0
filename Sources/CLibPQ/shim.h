#ifndef RCMS_CLIBPQ_SHIM_H
#define RCMS_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
