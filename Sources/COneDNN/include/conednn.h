#ifndef FOVEA_CONEDNN_H
#define FOVEA_CONEDNN_H

/// Convolutions through oneDNN (libdnnl.so.2), called through pointers that Tensor/OneDNN.swift
/// found with dlsym after opening the library on the first convolution (never linked: an idle
/// kernel does not load it). Data stays NHWC and the kernel [kh, kw, c, f] (oneDNN's hwio) at
/// this boundary; inside, each call reorders into the blocked layout oneDNN picks for the CPU and
/// back (bench/conv_onednn.c: still 2.5-3x the AVX2 kernels' GFLOP/s on an AVX-512 CPU).
/// Each call runs on the calling thread only (OpenMP set to one thread per calling thread): the
/// caller splits the batch over Fovea's worker pool, so no OpenMP team ever runs beside it.

/// A convolution's geometry (NHWC), with the padding on all four sides.
typedef struct {
    long n, h, w, c, kh, kw, f, sh, sw, padTop, padLeft, padBottom, padRight, outH, outW;
} fovea_dnnl_shape;

/// The name of the i-th function fovea_dnnl_bind needs; NULL past the last.
const char *fovea_dnnl_symbol(int i);

/// Takes the addresses of fovea_dnnl_symbols' functions, in order; 0 when all are there, else
/// 1 + the index of the first missing one.
int fovea_dnnl_bind(void *const *addresses);

/// output = conv(input) + bias (bias may be NULL), then max(0, .) when relu is 1 (oneDNN's post-op,
/// which turns NaN into 0: Tensor applies relu itself).
/// `slot` (0 ..< 64) tells concurrent callers apart: calls with different slots may run at the
/// same time (each slot has its own primitives and buffers); calls with the same slot wait for
/// each other. 0 on success, else oneDNN's status.
int fovea_dnnl_conv_forward(const fovea_dnnl_shape *s, int slot, const float *input, const float *kernel,
                            const float *bias, int relu, float *output);

/// dInput = the input gradient of conv given dOutput (overwritten, not added to).
int fovea_dnnl_conv_backward_data(const fovea_dnnl_shape *s, int slot, const float *gradOutput,
                                  const float *kernel, float *gradInput);

/// dKernel [kh, kw, c, f] and dBias [f] of conv given dOutput (overwritten, not added to).
int fovea_dnnl_conv_backward_weights(const fovea_dnnl_shape *s, int slot, const float *input,
                                     const float *gradOutput, float *gradKernel, float *gradBias);

#endif
