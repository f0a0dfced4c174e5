#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
/* The code unit width must be fixed before the header: only the *_8 functions are callable. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
