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
#include <stdlib.h>

#define TARGET __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

/// Output cells per register block, and per chunk of cells whose input stays in cache while every
/// filter block runs over it.
enum { BLOCK_CELLS = 6, CHUNK_CELLS = 240 };

/// The kernel gradient's register block: six kernel rows (taps) by 16 filters (three by 32 would
/// need 17 registers); and the output cells per chunk, chosen so that their windows and dY rows
/// stay in L1 while every block of rows sweeps over them (96 measured best of 24 to 128).
enum { GRAD_ROWS = 6, GRAD_CHUNK_CELLS = 96 };

/// Where output cell q (counted over images, rows, columns) has its window's corner: its offset
/// into the input, in floats.
INLINE long window_corner(const fovea_conv_shape *s, long q) {
    long perImage = s->outH * s->outW, n = q / perImage, r = q % perImage, oy = r / s->outW, ox = r % s->outW;
    return n * s->h * s->w * s->c + (oy * s->sh * s->w + ox * s->sw) * s->c;
}

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
    case (P) * 8 + (NV): blocked_block(cell, P, NV, offsets, windowCells, s->c, block, bias, relu, out, s->f); break;

INLINE TARGET void blocked_cells(const fovea_conv_shape *s, const float *const *cell, int cells, const long *offsets,
                                 long windowCells, const float *block, int nv, const float *bias, int relu,
                                 float *out) {
    switch (cells * 8 + nv) {
    BLOCKED_CASE(6, 2) BLOCKED_CASE(5, 2) BLOCKED_CASE(4, 2) BLOCKED_CASE(3, 2) BLOCKED_CASE(2, 2) BLOCKED_CASE(1, 2)
    BLOCKED_CASE(6, 1) BLOCKED_CASE(5, 1) BLOCKED_CASE(4, 1) BLOCKED_CASE(3, 1) BLOCKED_CASE(2, 1) BLOCKED_CASE(1, 1)
    default: break;
    }
}

TARGET void fovea_blocked_conv_forward(const fovea_conv_shape *s, long images, const float *input,
                                      const float *packed, const float *bias, int relu, float *output) {
    long windowCells = s->kh * s->kw, depth = windowCells * s->c;
    long offsets[windowCells];
    for (long ky = 0; ky < s->kh; ky++)
        for (long kx = 0; kx < s->kw; kx++) offsets[ky * s->kw + kx] = (ky * s->w + kx) * s->c;
    long total = images * s->outH * s->outW;
    const float *corner[CHUNK_CELLS];
    for (long first = 0; first < total; first += CHUNK_CELLS) {
        long cells = total - first < CHUNK_CELLS ? total - first : CHUNK_CELLS;
        for (long i = 0; i < cells; i++) corner[i] = input + window_corner(s, first + i);
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

/// dKernel rows `row[0..P)` (each a tap: window cell and channel, read at corner + rowOffset),
/// filters [fb, fb + 8 * NV): adds the sum over `cells` output cells of x * g, with the P * NV
/// sums in registers. g is gradOutput's rows for those cells (stride f), from filter fb.
INLINE TARGET void grad_block(const float *const *corner, long cells, const long *rowOffset, int P, int NV,
                              const float *g, long f, float *dk) {
    __m256 a[GRAD_ROWS][2];
    long o[GRAD_ROWS];
    for (int p = 0; p < P; p++) {
        o[p] = rowOffset[p];
        for (int v = 0; v < NV; v++) a[p][v] = _mm256_loadu_ps(dk + p * f + 8 * v);
    }
    for (long q = 0; q < cells; q++, g += f) {
        __m256 gv[2];
        for (int v = 0; v < NV; v++) gv[v] = _mm256_loadu_ps(g + 8 * v);
        const float *x = corner[q];
        for (int p = 0; p < P; p++) {
            __m256 xv = _mm256_broadcast_ss(x + o[p]);
            for (int v = 0; v < NV; v++) a[p][v] = _mm256_fmadd_ps(xv, gv[v], a[p][v]);
        }
    }
    for (int p = 0; p < P; p++)
        for (int v = 0; v < NV; v++) _mm256_storeu_ps(dk + p * f + 8 * v, a[p][v]);
}

#define GRAD_CASE(P, NV) case (P) * 8 + (NV): grad_block(corner, cells, rowOffset, P, NV, g, f, dk); break;

INLINE TARGET void grad_rows(const float *const *corner, long cells, const long *rowOffset, int rows, int nv,
                             const float *g, long f, float *dk) {
    switch (rows * 8 + nv) {
    GRAD_CASE(6, 2) GRAD_CASE(5, 2) GRAD_CASE(4, 2) GRAD_CASE(3, 2) GRAD_CASE(2, 2) GRAD_CASE(1, 2)
    GRAD_CASE(6, 1) GRAD_CASE(5, 1) GRAD_CASE(4, 1) GRAD_CASE(3, 1) GRAD_CASE(2, 1) GRAD_CASE(1, 1)
    default: break;
    }
}

TARGET void fovea_blocked_conv_kernel_grad(const fovea_conv_shape *s, long images, const float *input,
                                           const float *gradOutput, float *dKernel) {
    long depth = s->kh * s->kw * s->c;
    long *rowOffset = malloc(sizeof(long) * (size_t)depth);
    if (!rowOffset) return;
    for (long ky = 0; ky < s->kh; ky++)
        for (long kx = 0; kx < s->kw; kx++)
            for (long ch = 0; ch < s->c; ch++) rowOffset[(ky * s->kw + kx) * s->c + ch] = (ky * s->w + kx) * s->c + ch;
    long total = images * s->outH * s->outW;
    const float *corner[GRAD_CHUNK_CELLS];
    for (long first = 0; first < total; first += GRAD_CHUNK_CELLS) {
        long cells = total - first < GRAD_CHUNK_CELLS ? total - first : GRAD_CHUNK_CELLS;
        for (long i = 0; i < cells; i++) corner[i] = input + window_corner(s, first + i);
        for (long fb = 0; fb < s->f; fb += 16) {
            int nv = s->f - fb >= 16 ? 2 : 1;
            const float *g = gradOutput + first * s->f + fb;
            for (long row = 0; row < depth; row += GRAD_ROWS) {
                int rows = depth - row < GRAD_ROWS ? (int)(depth - row) : GRAD_ROWS;
                grad_rows(corner, cells, rowOffset + row, rows, nv, g, s->f, dKernel + row * s->f + fb);
            }
        }
    }
    free(rowOffset);
}

/// Six (P) output cells' rows of dCols = dY · Kᵀ for kernel rows [j0, j0 + 8 * NV) (channels of
/// one window cell), accumulated in registers over the filters, then added into dX at each
/// cell's window (`target[p]`, already offset to that window cell and channel).
INLINE TARGET void scatter_block(const float *const *dy, float *const *target, int P, int NV, long f,
                                 const float *block) {
    __m256 a[BLOCK_CELLS][2];
    for (int p = 0; p < P; p++)
        for (int v = 0; v < NV; v++) a[p][v] = _mm256_setzero_ps();
    const float *k = block;
    for (long fi = 0; fi < f; fi++, k += 8 * NV) {
        __m256 w0 = _mm256_loadu_ps(k), w1 = NV == 2 ? _mm256_loadu_ps(k + 8) : w0;
        for (int p = 0; p < P; p++) {
            __m256 x = _mm256_broadcast_ss(dy[p] + fi);
            a[p][0] = _mm256_fmadd_ps(x, w0, a[p][0]);
            if (NV == 2) a[p][1] = _mm256_fmadd_ps(x, w1, a[p][1]);
        }
    }
    for (int p = 0; p < P; p++)
        for (int v = 0; v < NV; v++)
            _mm256_storeu_ps(target[p] + 8 * v, _mm256_add_ps(_mm256_loadu_ps(target[p] + 8 * v), a[p][v]));
}

#define SCATTER_CASE(P, NV) case (P) * 8 + (NV): scatter_block(dy, target, P, NV, f, block); break;

INLINE TARGET void scatter_cells(const float *const *dy, float *const *target, int cells, int nv, long f,
                                 const float *block) {
    switch (cells * 8 + nv) {
    SCATTER_CASE(6, 2) SCATTER_CASE(5, 2) SCATTER_CASE(4, 2) SCATTER_CASE(3, 2) SCATTER_CASE(2, 2) SCATTER_CASE(1, 2)
    SCATTER_CASE(6, 1) SCATTER_CASE(5, 1) SCATTER_CASE(4, 1) SCATTER_CASE(3, 1) SCATTER_CASE(2, 1) SCATTER_CASE(1, 1)
    default: break;
    }
}

void fovea_blocked_conv_pack_transposed(const fovea_conv_shape *s, const float *kernel, float *packed) {
    long depth = s->kh * s->kw * s->c, width = s->c % 16 == 0 ? 16 : 8;
    for (long j0 = 0; j0 < depth; j0 += width) {
        float *block = packed + j0 * s->f;
        for (long fi = 0; fi < s->f; fi++)
            for (long w = 0; w < width; w++) block[fi * width + w] = kernel[(j0 + w) * s->f + fi];
    }
}

TARGET void fovea_blocked_conv_input_grad(const fovea_conv_shape *s, long images, const float *gradOutput,
                                          const float *packedTransposed, float *dInput) {
    long width = s->c % 16 == 0 ? 16 : 8;
    int nv = (int)(width / 8);
    long total = images * s->outH * s->outW;
    const float *dy[BLOCK_CELLS];
    float *corner[CHUNK_CELLS], *target[BLOCK_CELLS];
    for (long first = 0; first < total; first += CHUNK_CELLS) {
        long cells = total - first < CHUNK_CELLS ? total - first : CHUNK_CELLS;
        for (long i = 0; i < cells; i++) corner[i] = dInput + window_corner(s, first + i);
        for (long ky = 0; ky < s->kh; ky++)
            for (long kx = 0; kx < s->kw; kx++)
                for (long cb = 0; cb < s->c; cb += width) {
                    long offset = (ky * s->w + kx) * s->c + cb;
                    const float *block = packedTransposed + ((ky * s->kw + kx) * s->c + cb) * s->f;
                    for (long i = 0; i < cells; i += BLOCK_CELLS) {
                        int p = cells - i < BLOCK_CELLS ? (int)(cells - i) : BLOCK_CELLS;
                        for (int k = 0; k < p; k++) {
                            dy[k] = gradOutput + (first + i + k) * s->f;
                            target[k] = corner[i + k] + offset;
                        }
                        scatter_cells(dy, target, p, nv, s->f, block);
                    }
                }
    }
}

#else

void fovea_blocked_conv_forward(const fovea_conv_shape *s, long images, const float *input, const float *packed,
                               const float *bias, int relu, float *output) {
    (void)s; (void)images; (void)input; (void)packed; (void)bias; (void)relu; (void)output;
}

void fovea_blocked_conv_kernel_grad(const fovea_conv_shape *s, long images, const float *input,
                                    const float *gradOutput, float *dKernel) {
    (void)s; (void)images; (void)input; (void)gradOutput; (void)dKernel;
}

void fovea_blocked_conv_pack_transposed(const fovea_conv_shape *s, const float *kernel, float *packed) {
    (void)s; (void)kernel; (void)packed;
}

void fovea_blocked_conv_input_grad(const fovea_conv_shape *s, long images, const float *gradOutput,
                                   const float *packedTransposed, float *dInput) {
    (void)s; (void)images; (void)gradOutput; (void)packedTransposed; (void)dInput;
}

#endif
