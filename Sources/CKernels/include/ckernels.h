#ifndef FOVEA_CKERNELS_H
#define FOVEA_CKERNELS_H

/// Kernels in C, for AVX2 and FMA code chosen at run time (Swift compiles for baseline x86-64).
///
/// Convolution kernels for a shallow window (kernel_h * kernel_w * channels small, as in a first
/// layer on grey or RGB images), where im2col + sgemm spends its time packing matrices with an
/// inner dimension of 9 or 27. Written with AVX2 and FMA; used only when the CPU has both
/// (fovea_cpu_has_avx2_fma). Tensor/ShallowConv.swift decides when; NaiveKernels is their twin.

/// The geometry of one convolution, NHWC, kernel [kh, kw, c, f].
typedef struct {
    long h, w, c;           // input height, width, channels
    long kh, kw, f;         // kernel height, width, filter count (a multiple of 8)
    long sh, sw;            // strides
    long padTop, padLeft;
    long outH, outW;
} fovea_conv_shape;

/// A hint to the CPU inside a spin-wait loop (x86's pause; nothing elsewhere).
static inline void fovea_cpu_relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

/// 1 when the CPU runs AVX2 and FMA instructions (checked once).
int fovea_cpu_has_avx2_fma(void);

/// output[images, outH, outW, f] = conv(input[images, h, w, c], kernel) + bias (bias may be NULL),
/// then max(0, .) when `relu` is 1.
void fovea_shallow_conv_forward(const fovea_conv_shape *s, long images, const float *input,
                                const float *kernel, const float *bias, int relu, float *output);

/// Inference: max_pool_2x2(relu(conv(input) + bias)) without storing the convolution's output;
/// every window inside the input ('valid'), at most 64 taps. Output [images, outH/2, outW/2, f].
void fovea_shallow_conv_relu_pool_forward(const fovea_conv_shape *s, long images, const float *input,
                                          const float *kernel, const float *bias, float *output);

/// dKernel[kh * kw * c, f] += sum over images and output cells of input window * g, and
/// dBias[f] += sum of g, where g = gradOutput, or, when reluOutput is not NULL, gradOutput
/// where reluOutput > 0 and 0 elsewhere (the derivative of a fused relu).
void fovea_shallow_conv_kernel_grad(const fovea_conv_shape *s, long images, const float *input,
                                    const float *gradOutput, const float *reluOutput,
                                    float *dKernel, float *dBias);

/// Convolutions whose every window lies inside the input ('valid'), forward and backward,
/// computed straight from the input without im2col: a block of six output cells (or kernel rows)
/// by 16 filters accumulates in registers. im2col + sgemm copies the input twice (im2col's rows,
/// then sgemm's packing of them) for each product. The filter count must be a multiple of 8.
/// Tensor/BlockedConv.swift decides when.

/// The kernel [kh * kw * c, f] repacked for fovea_blocked_conv_forward (kh * kw * c * f floats).
void fovea_blocked_conv_pack(const fovea_conv_shape *s, const float *kernel, float *packed);

/// output[images, outH, outW, f] = conv(input[images, h, w, c], kernel) + bias (bias may be NULL),
/// then max(0, .) when `relu` is 1; `packed` from fovea_blocked_conv_pack.
void fovea_blocked_conv_forward(const fovea_conv_shape *s, long images, const float *input,
                               const float *packed, const float *bias, int relu, float *output);

/// dKernel[kh * kw * c, f] += the sum over images and output cells of each window times dY
/// (gradOutput [images, outH, outW, f]): the kernel gradient, without im2col; windows inside.
void fovea_blocked_conv_kernel_grad(const fovea_conv_shape *s, long images, const float *input,
                                    const float *gradOutput, float *dKernel);

/// The kernel's transpose for fovea_blocked_conv_input_grad: blocks of 16 kernel rows (8 when c
/// is not a multiple of 16), each laid out [f][16] (kh * kw * c * f floats; c a multiple of 8).
void fovea_blocked_conv_pack_transposed(const fovea_conv_shape *s, const float *kernel, float *packed);

/// dInput[images, h, w, c] += dY · Kᵀ added back into each output cell's window (what col2im of
/// dCols gives), without storing dCols; windows inside, c a multiple of 8.
void fovea_blocked_conv_input_grad(const fovea_conv_shape *s, long images, const float *gradOutput,
                                   const float *packedTransposed, float *dInput);

/// Max pooling's forward for a 2x2 window with stride 2, 'valid', over output rows
/// [firstRow, firstRow + rows) (c a multiple of 8): the max of each window, NaN cells skipped.
void fovea_max_pool_2x2_rows(long firstRow, long rows, long oh, long h, long w, long c,
                             const float *input, float *output);

/// Max pooling's backward for a 2x2 window with stride 2, 'valid', over output rows
/// [firstRow, firstRow + rows) of an [n, h, w, c] input (c a multiple of 8; oh = h / 2 rows per
/// image): writes dInput for every cell of those windows.
void fovea_max_pool_2x2_backward_rows(long firstRow, long rows, long oh, long h, long w, long c,
                                      const float *input, const float *gradOutput, float *dInput);

/// Adam's update without AMSGrad on n elements (NeuralNet/Training/Adam.swift gives the rule):
/// m += (g - m) * oneMinusB1, v += (g² - v) * oneMinusB2, w -= m * alpha / (sqrt(v) + eps).
void fovea_adam_update(float *w, const float *g, float *m, float *v, long n, float alpha, float oneMinusB1,
                       float oneMinusB2, float eps);

#endif
