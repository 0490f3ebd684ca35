#include "cmodelfiles.h"
#include <dlfcn.h>
#include <stdio.h>

#define FOVEA_DEFINE_FUNCTION(name) __typeof__(name) *fovea_##name;
#define FOVEA_DEFINE_GLOBAL(name) hid_t *fovea_##name;
FOVEA_HDF5_FUNCTIONS(FOVEA_DEFINE_FUNCTION)
FOVEA_HDF5_GLOBALS(FOVEA_DEFINE_GLOBAL)
FOVEA_ZIP_FUNCTIONS(FOVEA_DEFINE_FUNCTION)

static int loaded = 0;

static void *open_first(const char *const *names, const char *package, char *error, unsigned long size) {
    for (int i = 0; names[i]; i++) {
        void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (h) return h;
    }
    const char *why = dlerror();
    snprintf(error, size, "%s could not be opened (%s); install it with apt-get install %s",
             names[0], why ? why : "not found", package);
    return NULL;
}

int fovea_modelfiles_load(char *error, unsigned long size) {
    if (loaded) return 0;
    static const char *const hdf5[] = {"libhdf5_serial.so.103", "libhdf5_serial.so", "libhdf5.so", NULL};
    static const char *const zip[] = {"libzip.so.4", "libzip.so", NULL};
    void *h = open_first(hdf5, "libhdf5-dev", error, size);
    if (!h) return -1;
    void *z = open_first(zip, "libzip-dev", error, size);
    if (!z) return -1;
#define FOVEA_FIND(handle, library, name) \
    *(void **)(&fovea_##name) = dlsym(handle, #name); \
    if (!fovea_##name) { snprintf(error, size, "%s has no symbol %s", library, #name); return -1; }
#define FOVEA_FIND_HDF5(name) FOVEA_FIND(h, "HDF5", name)
#define FOVEA_FIND_ZIP(name) FOVEA_FIND(z, "libzip", name)
    FOVEA_HDF5_FUNCTIONS(FOVEA_FIND_HDF5)
    FOVEA_HDF5_GLOBALS(FOVEA_FIND_HDF5)
    FOVEA_ZIP_FUNCTIONS(FOVEA_FIND_ZIP)
    loaded = 1;
    return 0;
}
