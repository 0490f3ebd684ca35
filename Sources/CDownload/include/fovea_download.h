#ifndef FOVEA_DOWNLOAD_H
#define FOVEA_DOWNLOAD_H
// libcurl's curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call through
// a function pointer. libcurl itself is opened with dlopen on the first download (see
// Sources/DataIO/Curl.swift); these wrappers take the function dlsym found and call it with one
// argument of the right C type. Nothing here links libcurl.
int fovea_curl_setopt_long(void *setopt, void *handle, int option, long value);
int fovea_curl_setopt_pointer(void *setopt, void *handle, int option, const void *value);
int fovea_curl_getinfo_long(void *getinfo, void *handle, int info, long *value);
#endif
