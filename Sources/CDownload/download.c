#include "fovea_download.h"

typedef int (*variadic_fn)(void *, int, ...);

int fovea_curl_setopt_long(void *setopt, void *handle, int option, long value) {
    return ((variadic_fn)setopt)(handle, option, value);
}

int fovea_curl_setopt_pointer(void *setopt, void *handle, int option, const void *value) {
    return ((variadic_fn)setopt)(handle, option, value);
}

int fovea_curl_getinfo_long(void *getinfo, void *handle, int info, long *value) {
    return ((variadic_fn)getinfo)(handle, info, value);
}
