#ifndef FOVEA_COPENBLAS_SHIM_H
#define FOVEA_COPENBLAS_SHIM_H
/* Declarations only: Fovea loads libopenblas with dlopen on first use (see Tensor/BLAS.swift),
   so that OPENBLAS_CORETYPE and the thread count are set before the library initialises and an
   idle kernel does not pay for OpenBLAS's threads and buffers. No link directive here. */
#include <cblas.h>
#endif
