#include "ckernels.h"

/// The kernel [kh * kw * c, f] as blocks of 16 filters (the last may be 8), each block laid out
/// [kh * kw * c][16]: what fovea_blocked_conv_forward reads.
void fovea_blocked_conv_pack(const fovea_conv_shape *s, const float *kernel, float *packed) {
    long depth = s->kh * s->kw * s->c;
    for (long fb = 0; fb < s->f; fb += 16) {
        long width = s->f - fb >= 16 ? 16 : 8;
        float *block = packed + fb * depth;
        for (long t = 0; t < depth; t++)
            for (long j = 0; j < width; j++) block[t * width + j] = kernel[t * s->f + fb + j];
    }
}


#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

/// Output cells per register block, and per chunk of cells whose input stays in cache while every
/// filter block runs over it.
enum { BLOCK_CELLS = 6, CHUNK_CELLS = 240 };

/// P output cells (window corners at cell[0..P)), filters [fb, fb + 8 * NV): bias plus the window
/// times the kernel, accumulated in P * NV registers; then relu, then stored at out[p * f].
/// `block` is the packed kernel for these filters: [window cell][channel][8 * NV].
INLINE TARGET void blocked_block(const float *const *cell, int P, int NV, const long *offsets, long windowCells,
                                long c, const float *block, const float *bias, int relu, float *out, long f) {
    __m256 a[BLOCK_CELLS][2];
    for (int p = 0; p < P; p++)
        for (int v = 0; v < NV; v++) a[p][v] = bias ? _mm256_loadu_ps(bias + 8 * v) : _mm256_setzero_ps();
    const float *k = block;
    for (long t = 0; t < windowCells; t++) {
        long o = offsets[t];
        for (long ch = 0; ch < c; ch++, k += 8 * NV) {
            __m256 w0 = _mm256_loadu_ps(k), w1 = NV == 2 ? _mm256_loadu_ps(k + 8) : w0;
            for (int p = 0; p < P; p++) {
                __m256 x = _mm256_broadcast_ss(cell[p] + o + ch);
                a[p][0] = _mm256_fmadd_ps(x, w0, a[p][0]);
                if (NV == 2) a[p][1] = _mm256_fmadd_ps(x, w1, a[p][1]);
            }
        }
    }
    for (int p = 0; p < P; p++)
        for (int v = 0; v < NV; v++) {
            // max(0, a) with a second: a NaN stays NaN, as in relu elsewhere.
            __m256 r = relu ? _mm256_max_ps(_mm256_setzero_ps(), a[p][v]) : a[p][v];
            _mm256_storeu_ps(out + p * f + 8 * v, r);
        }
}

/// blocked_block with P and NV as constants, so that the accumulators live in registers.
#define BLOCKED_CASE(P, NV) \
    blocked_block(cell, P, NV, offsets, windowCells, s->c, block, bias, relu, out, s->f)

INLINE TARGET void blocked_cells(const fovea_conv_shape *s, const float *const *cell, int cells, const long *offsets,
                                long windowCells, const float *block, int nv, const float *bias, int relu,
                                float *out) {
    if (nv == 2) {
        switch (cells) {
        case 6: BLOCKED_CASE(6, 2); break;
        case 5: BLOCKED_CASE(5, 2); break;
        case 4: BLOCKED_CASE(4, 2); break;
        case 3: BLOCKED_CASE(3, 2); break;
        case 2: BLOCKED_CASE(2, 2); break;
        default: BLOCKED_CASE(1, 2); break;
        }
    } else {
        switch (cells) {
        case 6: BLOCKED_CASE(6, 1); break;
        case 5: BLOCKED_CASE(5, 1); break;
        case 4: BLOCKED_CASE(4, 1); break;
        case 3: BLOCKED_CASE(3, 1); break;
        case 2: BLOCKED_CASE(2, 1); break;
        default: BLOCKED_CASE(1, 1); break;
        }
    }
}

TARGET void fovea_blocked_conv_forward(const fovea_conv_shape *s, long images, const float *input,
                                      const float *packed, const float *bias, int relu, float *output) {
    long windowCells = s->kh * s->kw, depth = windowCells * s->c;
    long offsets[windowCells];
    for (long ky = 0; ky < s->kh; ky++)
        for (long kx = 0; kx < s->kw; kx++) offsets[ky * s->kw + kx] = (ky * s->w + kx) * s->c;
    long perImage = s->outH * s->outW, total = images * perImage;
    const float *corner[CHUNK_CELLS];
    for (long first = 0; first < total; first += CHUNK_CELLS) {
        long cells = total - first < CHUNK_CELLS ? total - first : CHUNK_CELLS;
        for (long i = 0; i < cells; i++) {
            long q = first + i, n = q / perImage, r = q % perImage, oy = r / s->outW, ox = r % s->outW;
            corner[i] = input + n * s->h * s->w * s->c + (oy * s->sh * s->w + ox * s->sw) * s->c;
        }
        for (long fb = 0; fb < s->f; fb += 16) {
            int nv = s->f - fb >= 16 ? 2 : 1;
            const float *block = packed + fb * depth;
            const float *b = bias ? bias + fb : 0;
            for (long i = 0; i < cells; i += BLOCK_CELLS) {
                int p = cells - i < BLOCK_CELLS ? (int)(cells - i) : BLOCK_CELLS;
                blocked_cells(s, corner + i, p, offsets, windowCells, block, nv, b, relu,
                             output + (first + i) * s->f + fb);
            }
        }
    }
}

#else

void fovea_blocked_conv_forward(const fovea_conv_shape *s, long images, const float *input, const float *packed,
                               const float *bias, int relu, float *output) {
    (void)s; (void)images; (void)input; (void)packed; (void)bias; (void)relu; (void)output;
}

#endif
