// libzip (Debian's libzip-dev), for Keras's .keras archives.
#include <zip.h>
