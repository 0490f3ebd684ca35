#include "ckernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int fovea_cpu_has_avx2_fma(void) {
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return known;
}

#define TARGET __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

/// One output cell, filters [fb, fb + 8 * NV): bias plus the window times the kernel, with the
/// accumulators in registers.
INLINE TARGET void forward_cell(const fovea_conv_shape *s, const float *image, const float *kernel,
                                const float *bias, int relu, long oy, long ox, long fb, int nv, float *out) {
    __m256 a[4];
    for (int v = 0; v < 4; v++) a[v] = (v < nv && bias) ? _mm256_loadu_ps(bias + fb + 8 * v) : _mm256_setzero_ps();
    for (long ky = 0; ky < s->kh; ky++) {
        long iy = oy * s->sh - s->padTop + ky;
        if (iy < 0 || iy >= s->h) continue;
        for (long kx = 0; kx < s->kw; kx++) {
            long ix = ox * s->sw - s->padLeft + kx;
            if (ix < 0 || ix >= s->w) continue;
            const float *px = image + (iy * s->w + ix) * s->c;
            const float *kr = kernel + ((ky * s->kw + kx) * s->c) * s->f + fb;
            for (long ch = 0; ch < s->c; ch++) {
                __m256 x = _mm256_broadcast_ss(px + ch);
                const float *k = kr + ch * s->f;
                for (int v = 0; v < 4; v++)
                    if (v < nv) a[v] = _mm256_fmadd_ps(x, _mm256_loadu_ps(k + 8 * v), a[v]);
            }
        }
    }
    // max(0, a) with a second: a NaN stays NaN, as in relu elsewhere (and TensorFlow).
    if (relu) for (int v = 0; v < 4; v++) a[v] = _mm256_max_ps(_mm256_setzero_ps(), a[v]);
    for (int v = 0; v < 4; v++) if (v < nv) _mm256_storeu_ps(out + fb + 8 * v, a[v]);
}

/// Whether every window lies inside the input ('valid' padding): no bounds checks needed.
INLINE int all_inside(const fovea_conv_shape *s) {
    return s->padTop == 0 && s->padLeft == 0 && (s->outH - 1) * s->sh + s->kh <= s->h
        && (s->outW - 1) * s->sw + s->kw <= s->w;
}

/// forward_cell for a window inside the input: the taps' input offsets come from a table.
/// Writes filters [fb, fb + 8 * nv) to block[0 ..< 8 * nv].
INLINE TARGET void forward_cell_inside(const float *px, const long *offsets, long taps, const float *kernel,
                                       long f, const float *bias, int relu, long fb, int nv, float *block) {
    __m256 a[4];
    for (int v = 0; v < 4; v++) a[v] = (v < nv && bias) ? _mm256_loadu_ps(bias + fb + 8 * v) : _mm256_setzero_ps();
    const float *k = kernel + fb;
    for (long t = 0; t < taps; t++, k += f) {
        __m256 x = _mm256_broadcast_ss(px + offsets[t]);
        for (int v = 0; v < 4; v++)
            if (v < nv) a[v] = _mm256_fmadd_ps(x, _mm256_loadu_ps(k + 8 * v), a[v]);
    }
    if (relu) for (int v = 0; v < 4; v++) a[v] = _mm256_max_ps(_mm256_setzero_ps(), a[v]);
    for (int v = 0; v < 4; v++) if (v < nv) _mm256_storeu_ps(block + 8 * v, a[v]);
}

/// The taps' offsets from a window's corner, in kernel order (ky, kx, ch); at most 32 taps.
INLINE void tap_offsets(const fovea_conv_shape *s, long *offsets) {
    long t = 0;
    for (long ky = 0; ky < s->kh; ky++)
        for (long kx = 0; kx < s->kw; kx++)
            for (long ch = 0; ch < s->c; ch++) offsets[t++] = (ky * s->w + kx) * s->c + ch;
}

TARGET void fovea_shallow_conv_forward(const fovea_conv_shape *s, long images, const float *input,
                                       const float *kernel, const float *bias, int relu, float *output) {
    long offsets[64], taps = s->kh * s->kw * s->c;
    int inside = all_inside(s) && taps <= 64;
    if (inside) tap_offsets(s, offsets);
    for (long n = 0; n < images; n++) {
        const float *image = input + n * s->h * s->w * s->c;
        for (long oy = 0; oy < s->outH; oy++) {
            for (long ox = 0; ox < s->outW; ox++) {
                float *out = output + ((n * s->outH + oy) * s->outW + ox) * s->f;
                if (inside) {
                    const float *px = image + (oy * s->sh * s->w + ox * s->sw) * s->c;
                    long fb = 0;
                    for (; fb + 32 <= s->f; fb += 32)
                        forward_cell_inside(px, offsets, taps, kernel, s->f, bias, relu, fb, 4, out + fb);
                    for (; fb < s->f; fb += 8)
                        forward_cell_inside(px, offsets, taps, kernel, s->f, bias, relu, fb, 1, out + fb);
                    continue;
                }
                long fb = 0;
                for (; fb + 32 <= s->f; fb += 32) forward_cell(s, image, kernel, bias, relu, oy, ox, fb, 4, out);
                switch ((s->f - fb) / 8) {
                case 3: forward_cell(s, image, kernel, bias, relu, oy, ox, fb, 3, out); break;
                case 2: forward_cell(s, image, kernel, bias, relu, oy, ox, fb, 2, out); break;
                case 1: forward_cell(s, image, kernel, bias, relu, oy, ox, fb, 1, out); break;
                default: break;
                }
            }
        }
    }
}

/// Inference only: relu(conv) followed by 2x2 max pooling with stride 2, without storing the
/// convolution's output (four times the pooled size). Each pooled cell is the pool's running
/// max from -inf over its four relu'd conv cells, as the two kernels would give. Every window
/// must lie inside the input ('valid'); output is [images, outH / 2, outW / 2, f].
TARGET void fovea_shallow_conv_relu_pool_forward(const fovea_conv_shape *s, long images, const float *input,
                                                 const float *kernel, const float *bias, float *output) {
    long offsets[64], taps = s->kh * s->kw * s->c;
    tap_offsets(s, offsets);
    long ph = s->outH / 2, pw = s->outW / 2;
    float cell[4][32] __attribute__((aligned(32)));
    for (long n = 0; n < images; n++) {
        const float *image = input + n * s->h * s->w * s->c;
        for (long py = 0; py < ph; py++) {
            for (long px = 0; px < pw; px++) {
                float *out = output + ((n * ph + py) * pw + px) * s->f;
                for (long fb = 0; fb < s->f; fb += 32) {
                    int nv = s->f - fb >= 32 ? 4 : (int)((s->f - fb) / 8);
                    for (int q = 0; q < 4; q++) {
                        long oy = 2 * py + q / 2, ox = 2 * px + q % 2;
                        const float *corner = image + (oy * s->sh * s->w + ox * s->sw) * s->c;
                        float *row = cell[q];
                        if (nv == 4) forward_cell_inside(corner, offsets, taps, kernel, s->f, bias, 1, fb, 4, row);
                        else if (nv == 3) forward_cell_inside(corner, offsets, taps, kernel, s->f, bias, 1, fb, 3, row);
                        else if (nv == 2) forward_cell_inside(corner, offsets, taps, kernel, s->f, bias, 1, fb, 2, row);
                        else forward_cell_inside(corner, offsets, taps, kernel, s->f, bias, 1, fb, 1, row);
                    }
                    for (int v = 0; v < nv; v++) {
                        __m256 m = _mm256_set1_ps(-__builtin_inff());
                        for (int q = 0; q < 4; q++) m = _mm256_max_ps(_mm256_load_ps(cell[q] + 8 * v), m);
                        _mm256_storeu_ps(out + fb + 8 * v, m);
                    }
                }
            }
        }
    }
}

/// Where window tap `tap` (ky, kx, ch in kernel order) reads: its offsets from an output
/// cell's window corner.
typedef struct { long dy, dx, ch; } tap_offset;

INLINE tap_offset tap_at(const fovea_conv_shape *s, long tap) {
    long cell = tap / s->c;
    tap_offset t = { cell / s->kw - s->padTop, cell % s->kw - s->padLeft, tap % s->c };
    return t;
}

/// The input value tap `t` sees at output cell (oy, ox), or 0 in the padding.
INLINE float tap_value(const fovea_conv_shape *s, const float *image, tap_offset t, long oy, long ox) {
    long iy = oy * s->sh + t.dy, ix = ox * s->sw + t.dx;
    if (iy < 0 || iy >= s->h || ix < 0 || ix >= s->w) return 0;
    return image[(iy * s->w + ix) * s->c + t.ch];
}

/// Kernel rows `tap` and `tap + 1` (when `two`), filters [fb, fb + 8 * NV), summed over every
/// output cell of `images` images with the accumulators in registers.
/// With `dBias`, also sums g into dBias[fb, fb + 8 * NV).
INLINE TARGET void grad_taps(const fovea_conv_shape *s, long images, const float *input, const float *gradOutput,
                             const float *reluOutput, float *dKernel, float *dBias, long tap, int two, long fb,
                             int nv) {
    __m256 a0[4], a1[4], b[4];
    tap_offset t0 = tap_at(s, tap), t1 = tap_at(s, two ? tap + 1 : tap);
    // Inside the input ('valid'), a tap reads at a fixed offset from the window's corner.
    int inside = all_inside(s);
    long o0 = ((t0.dy + s->padTop) * s->w + t0.dx + s->padLeft) * s->c + t0.ch;
    long o1 = ((t1.dy + s->padTop) * s->w + t1.dx + s->padLeft) * s->c + t1.ch;
    for (int v = 0; v < 4; v++) {
        a0[v] = v < nv ? _mm256_loadu_ps(dKernel + tap * s->f + fb + 8 * v) : _mm256_setzero_ps();
        a1[v] = (v < nv && two) ? _mm256_loadu_ps(dKernel + (tap + 1) * s->f + fb + 8 * v) : _mm256_setzero_ps();
        b[v] = (v < nv && dBias) ? _mm256_loadu_ps(dBias + fb + 8 * v) : _mm256_setzero_ps();
    }
    for (long n = 0; n < images; n++) {
        const float *image = input + n * s->h * s->w * s->c;
        const float *dy = gradOutput + n * s->outH * s->outW * s->f + fb;
        const float *y = reluOutput ? reluOutput + n * s->outH * s->outW * s->f + fb : 0;
        for (long oy = 0; oy < s->outH; oy++) {
            for (long ox = 0; ox < s->outW; ox++, dy += s->f) {
                __m256 g[4];
                for (int v = 0; v < 4; v++) if (v < nv) g[v] = _mm256_loadu_ps(dy + 8 * v);
                if (y) {
                    for (int v = 0; v < 4; v++)
                        if (v < nv) {
                            __m256 on = _mm256_cmp_ps(_mm256_loadu_ps(y + 8 * v), _mm256_setzero_ps(), _CMP_GT_OQ);
                            g[v] = _mm256_and_ps(g[v], on);
                        }
                    y += s->f;
                }
                if (dBias) for (int v = 0; v < 4; v++) if (v < nv) b[v] = _mm256_add_ps(b[v], g[v]);
                const float *corner = image + (oy * s->sh * s->w + ox * s->sw) * s->c;
                __m256 x0 = _mm256_set1_ps(inside ? corner[o0] : tap_value(s, image, t0, oy, ox));
                for (int v = 0; v < 4; v++) if (v < nv) a0[v] = _mm256_fmadd_ps(x0, g[v], a0[v]);
                if (two) {
                    __m256 x1 = _mm256_set1_ps(inside ? corner[o1] : tap_value(s, image, t1, oy, ox));
                    for (int v = 0; v < 4; v++) if (v < nv) a1[v] = _mm256_fmadd_ps(x1, g[v], a1[v]);
                }
            }
        }
    }
    for (int v = 0; v < 4; v++) {
        if (v < nv) _mm256_storeu_ps(dKernel + tap * s->f + fb + 8 * v, a0[v]);
        if (v < nv && two) _mm256_storeu_ps(dKernel + (tap + 1) * s->f + fb + 8 * v, a1[v]);
        if (v < nv && dBias) _mm256_storeu_ps(dBias + fb + 8 * v, b[v]);
    }
}

TARGET void fovea_shallow_conv_kernel_grad(const fovea_conv_shape *s, long images, const float *input,
                                           const float *gradOutput, const float *reluOutput,
                                           float *dKernel, float *dBias) {
    long taps = s->kh * s->kw * s->c;
    long perImageIn = s->h * s->w * s->c, perImageOut = s->outH * s->outW * s->f;
    // One image at a time: its dY (86 KB for 26x26x32) stays in L2 while the sweeps for every
    // pair of taps read it, instead of every sweep streaming the whole batch from memory.
    for (long n = 0; n < images; n++) {
        const float *x = input + n * perImageIn, *dy = gradOutput + n * perImageOut;
        const float *y = reluOutput ? reluOutput + n * perImageOut : 0;
        for (long tap = 0; tap < taps; tap += 2) {
            int two = tap + 1 < taps;
            float *db = tap == 0 ? dBias : 0;  // the bias's sums ride along the first sweep
            for (long fb = 0; fb < s->f;) {
                int nv = s->f - fb >= 32 ? 4 : 1;
                #define SWEEP(TWO, NV, DB) grad_taps(s, 1, x, dy, y, dKernel, DB, tap, TWO, fb, NV)
                if (nv == 4) {
                    if (two) { if (db) SWEEP(1, 4, db); else SWEEP(1, 4, 0); }
                    else { if (db) SWEEP(0, 4, db); else SWEEP(0, 4, 0); }
                } else {
                    if (two) { if (db) SWEEP(1, 1, db); else SWEEP(1, 1, 0); }
                    else { if (db) SWEEP(0, 1, db); else SWEEP(0, 1, 0); }
                }
                #undef SWEEP
                fb += 8 * nv;
            }
        }
    }
}

#else
// Other CPUs: fovea_cpu_has_avx2_fma says no, so Tensor never calls the kernels below.
int fovea_cpu_has_avx2_fma(void) { return 0; }
void fovea_shallow_conv_forward(const fovea_conv_shape *s, long images, const float *input, const float *kernel,
                                const float *bias, int relu, float *output) {}
void fovea_shallow_conv_relu_pool_forward(const fovea_conv_shape *s, long images, const float *input,
                                          const float *kernel, const float *bias, float *output) {}
void fovea_shallow_conv_kernel_grad(const fovea_conv_shape *s, long images, const float *input,
                                    const float *gradOutput, const float *reluOutput, float *dKernel, float *dBias) {}
#endif
