#include "ckernels.h"
#include <math.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The same operations in the same order as Adam's scalar form, never fused into FMAs, so that
// every path gives the same floats.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void adam_avx2(float *w, const float *g, float *m, float *v, long n, float alpha, float b1, float b2,
                      float eps) {
    const __m256 va = _mm256_set1_ps(alpha), v1 = _mm256_set1_ps(b1), v2 = _mm256_set1_ps(b2);
    const __m256 ve = _mm256_set1_ps(eps);
    long k = 0;
    for (; k + 8 <= n; k += 8) {
        __m256 gk = _mm256_loadu_ps(g + k), mk = _mm256_loadu_ps(m + k), vk = _mm256_loadu_ps(v + k);
        mk = _mm256_add_ps(mk, _mm256_mul_ps(_mm256_sub_ps(gk, mk), v1));
        vk = _mm256_add_ps(vk, _mm256_mul_ps(_mm256_sub_ps(_mm256_mul_ps(gk, gk), vk), v2));
        __m256 step = _mm256_div_ps(_mm256_mul_ps(mk, va), _mm256_add_ps(_mm256_sqrt_ps(vk), ve));
        _mm256_storeu_ps(m + k, mk);
        _mm256_storeu_ps(v + k, vk);
        _mm256_storeu_ps(w + k, _mm256_sub_ps(_mm256_loadu_ps(w + k), step));
    }
    for (; k < n; k++) {
        m[k] += (g[k] - m[k]) * b1;
        v[k] += (g[k] * g[k] - v[k]) * b2;
        w[k] -= m[k] * alpha / (sqrtf(v[k]) + eps);
    }
}

#endif

void fovea_adam_update(float *w, const float *g, float *m, float *v, long n, float alpha, float oneMinusB1,
                       float oneMinusB2, float eps) {
#if defined(__x86_64__)
    if (fovea_cpu_has_avx2_fma()) {
        adam_avx2(w, g, m, v, n, alpha, oneMinusB1, oneMinusB2, eps);
        return;
    }
#endif
    for (long k = 0; k < n; k++) {
        m[k] += (g[k] - m[k]) * oneMinusB1;
        v[k] += (g[k] * g[k] - v[k]) * oneMinusB2;
        w[k] -= m[k] * alpha / (sqrtf(v[k]) + eps);
    }
}
