#ifndef OUTCRY_CPOSTGRES_SHIM_H
#define OUTCRY_CPOSTGRES_SHIM_H
/* libpq, PostgreSQL's own client library (Debian: libpq-dev; pkg-config adds its include path). */
#include <libpq-fe.h>
#endif
