#include "ckernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// One row of 2x2 windows, 8 channels at a time: dy goes to the window's first maximum in
/// row-major order (a cell wins only if larger than every cell before it), 0 to the others.
__attribute__((target("avx2,fma")))
void fovea_max_pool_2x2_backward_rows(long firstRow, long rows, long oh, long h, long w, long c,
                                      const float *input, const float *gradOutput, float *dInput) {
    long ow = w / 2;
    const __m256 lowest = _mm256_set1_ps(-__builtin_inff());
    for (long r = firstRow; r < firstRow + rows; r++) {
        long s = r / oh, oy = r % oh;
        long offset = ((s * h + 2 * oy) * w) * c;
        const float *top = input + offset, *bottom = top + w * c;
        float *dTop = dInput + offset, *dBottom = dTop + w * c;
        const float *dy = gradOutput + r * ow * c;
        for (long ox = 0; ox < ow; ox++, dy += c) {
            long o = 2 * ox * c;
            for (long ch = 0; ch < c; ch += 8) {
                __m256 a = _mm256_loadu_ps(top + o + ch), b = _mm256_loadu_ps(top + o + c + ch);
                __m256 cc = _mm256_loadu_ps(bottom + o + ch), d = _mm256_loadu_ps(bottom + o + c + ch);
                __m256 m = _mm256_blendv_ps(lowest, a, _mm256_cmp_ps(a, lowest, _CMP_GT_OQ));
                __m256 tb = _mm256_cmp_ps(b, m, _CMP_GT_OQ);
                m = _mm256_blendv_ps(m, b, tb);
                __m256 tc = _mm256_cmp_ps(cc, m, _CMP_GT_OQ);
                m = _mm256_blendv_ps(m, cc, tc);
                __m256 td = _mm256_cmp_ps(d, m, _CMP_GT_OQ);
                __m256 g = _mm256_loadu_ps(dy + ch);
                __m256 later = _mm256_or_ps(tc, td);  // a later cell won over c's position
                _mm256_storeu_ps(dBottom + o + c + ch, _mm256_and_ps(g, td));
                _mm256_storeu_ps(dBottom + o + ch, _mm256_andnot_ps(td, _mm256_and_ps(g, tc)));
                _mm256_storeu_ps(dTop + o + c + ch, _mm256_andnot_ps(later, _mm256_and_ps(g, tb)));
                _mm256_storeu_ps(dTop + o + ch, _mm256_andnot_ps(_mm256_or_ps(tb, later), g));
            }
        }
    }
}

/// The forward: the max of each 2x2 window, as the general kernel's running max from -inf, in
/// which a NaN cell never wins.
__attribute__((target("avx2,fma")))
void fovea_max_pool_2x2_rows(long firstRow, long rows, long oh, long h, long w, long c,
                             const float *input, float *output) {
    long ow = w / 2;
    for (long r = firstRow; r < firstRow + rows; r++) {
        long s = r / oh, oy = r % oh;
        const float *top = input + ((s * h + 2 * oy) * w) * c, *bottom = top + w * c;
        float *out = output + r * ow * c;
        for (long ox = 0; ox < ow; ox++, out += c) {
            long o = 2 * ox * c;
            for (long ch = 0; ch < c; ch += 8) {
                __m256 m = _mm256_set1_ps(-__builtin_inff());
                // max(running, cell) in Swift keeps the running value unless the cell is >= it:
                // _mm256_max_ps(cell, running) returns `running` when either is NaN.
                m = _mm256_max_ps(_mm256_loadu_ps(top + o + ch), m);
                m = _mm256_max_ps(_mm256_loadu_ps(top + o + c + ch), m);
                m = _mm256_max_ps(_mm256_loadu_ps(bottom + o + ch), m);
                m = _mm256_max_ps(_mm256_loadu_ps(bottom + o + c + ch), m);
                _mm256_storeu_ps(out + ch, m);
            }
        }
    }
}

#else
// Other CPUs: fovea_cpu_has_avx2_fma says no, so Tensor never calls these.
void fovea_max_pool_2x2_backward_rows(long firstRow, long rows, long oh, long h, long w, long c,
                                      const float *input, const float *gradOutput, float *dInput) {}
void fovea_max_pool_2x2_rows(long firstRow, long rows, long oh, long h, long w, long c,
                             const float *input, float *output) {}
#endif
