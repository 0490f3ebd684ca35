// libpng's simplified API (png_image) and libjpeg-turbo's TurboJPEG API: their types and
// constants only. Nothing is linked: DataIO opens libpng16.so.16 and libturbojpeg.so.0 with
// dlopen the first time an image is read or written, so an idle kernel never loads them.
#include <png.h>
#include <turbojpeg.h>
