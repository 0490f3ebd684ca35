// The seed CNN's three convolutions in Fovea's CKernels (shallow_conv.c, blocked_conv.c) beside
// oneDNN's primitives, in GFLOP/s: forward with a fused relu, backward-data, backward-weights.
// Not a test: a measurement that decides which path Tensor/OneDNNConv.swift takes (issue 18).
//
//   make bench-conv     (the Makefile rule has the compile lines: CKernels with the Swift toolchain's
//                        clang -O2, as SwiftPM builds it; DNNL_MAX_CPU_ISA=AVX2 mimics a CPU without
//                        AVX-512)
//
// Both sides run on OMP_NUM_THREADS threads (1 or 2): Fovea's kernels on halves of the batch (as
// Parallel.forRanges splits it), oneDNN on its own OpenMP threads.
// oneDNN is measured twice: in NHWC (the layer's layout; oneDNN falls back to gemm there) and in
// the layout it picks ("any", blocked), counting the reorders from and to NHWC that a layer
// keeping NHWC at its boundary pays, weights included (they change every step).
#include <dnnl.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../Sources/CKernels/include/ckernels.h"

#define CHECK(x) do { dnnl_status_t st_ = (x); if (st_ != dnnl_success) { \
    fprintf(stderr, "%s:%d: %s failed (%d)\n", __FILE__, __LINE__, #x, (int)st_); exit(1); } } while (0)

static dnnl_engine_t engine;
static dnnl_stream_t stream;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *randoms(long n) {
    float *p = aligned_alloc(64, ((n * 4 + 63) / 64) * 64);
    for (long i = 0; i < n; i++) p[i] = (float)rand() / RAND_MAX - 0.5f;
    return p;
}

typedef void (*step_fn)(void *);

// Seconds per call: the best of 40 rounds of enough calls to take about 10 ms (the best, not the
// mean, so that other processes on a shared machine count as little as possible).
static double timed(step_fn f, void *ctx) {
    f(ctx);
    double t0 = now();
    int reps = 0;
    while (now() - t0 < 0.02) { f(ctx); reps++; }
    double per = (now() - t0) / reps;
    int calls = (int)(0.01 / per) + 1;
    double best = 1e30;
    for (int r = 0; r < 40; r++) {
        double s = now();
        for (int i = 0; i < calls; i++) f(ctx);
        double t = (now() - s) / calls;
        if (t < best) best = t;
    }
    return best;
}

typedef struct {
    fovea_conv_shape s;
    long n;
    float *x, *k, *b, *y, *dy, *dx, *dk, *db, *packed, *packedT, *partK, *partB;
    int shallow;
} fovea_case;

static void fovea_fwd(void *p) {
    fovea_case *c = p;
    long inImg = c->s.h * c->s.w * c->s.c, outImg = c->s.outH * c->s.outW * c->s.f;
    if (!c->shallow) fovea_blocked_conv_pack(&c->s, c->k, c->packed);
    int parts = omp_get_max_threads() > 1 ? 2 : 1;
    #pragma omp parallel for num_threads(parts)
    for (int part = 0; part < parts; part++) {
        long lo = c->n * part / parts, hi = c->n * (part + 1) / parts;
        if (c->shallow) fovea_shallow_conv_forward(&c->s, hi - lo, c->x + lo * inImg, c->k, c->b, 1, c->y + lo * outImg);
        else fovea_blocked_conv_forward(&c->s, hi - lo, c->x + lo * inImg, c->packed, c->b, 1, c->y + lo * outImg);
    }
}

static void fovea_bwd_weights(void *p) {
    fovea_case *c = p;
    long inImg = c->s.h * c->s.w * c->s.c, outImg = c->s.outH * c->s.outW * c->s.f;
    long kc = c->s.kh * c->s.kw * c->s.c * c->s.f;
    int parts = omp_get_max_threads() > 1 ? 2 : 1;
    #pragma omp parallel for num_threads(parts)
    for (int part = 0; part < parts; part++) {
        long lo = c->n * part / parts, hi = c->n * (part + 1) / parts;
        float *dk = part ? c->partK : c->dk, *db = part ? c->partB : c->db;
        memset(dk, 0, kc * 4); memset(db, 0, c->s.f * 4);
        if (c->shallow) {
            fovea_shallow_conv_kernel_grad(&c->s, hi - lo, c->x + lo * inImg, c->dy + lo * outImg, NULL, dk, db);
        } else {
            for (long r = lo * c->s.outH * c->s.outW; r < hi * c->s.outH * c->s.outW; r++)
                for (long j = 0; j < c->s.f; j++) db[j] += c->dy[r * c->s.f + j];
            fovea_blocked_conv_kernel_grad(&c->s, hi - lo, c->x + lo * inImg, c->dy + lo * outImg, dk);
        }
    }
    for (long i = 0; i < kc; i++) c->dk[i] += c->partK[i];
    for (long i = 0; i < c->s.f; i++) c->db[i] += c->partB[i];
}

static void fovea_bwd_data(void *p) {
    fovea_case *c = p;
    long inImg = c->s.h * c->s.w * c->s.c, outImg = c->s.outH * c->s.outW * c->s.f;
    fovea_blocked_conv_pack_transposed(&c->s, c->k, c->packedT);
    int parts = omp_get_max_threads() > 1 ? 2 : 1;
    #pragma omp parallel for num_threads(parts)
    for (int part = 0; part < parts; part++) {
        long lo = c->n * part / parts, hi = c->n * (part + 1) / parts;
        memset(c->dx + lo * inImg, 0, (hi - lo) * inImg * 4);
        fovea_blocked_conv_input_grad(&c->s, hi - lo, c->dy + lo * outImg, c->packedT, c->dx + lo * inImg);
    }
}

// One oneDNN primitive with its user (NHWC / hwio) memories and, in "any" mode, the reorders.
typedef struct {
    dnnl_primitive_t prim;
    int nargs;
    dnnl_exec_arg_t args[8];
    int nre;
    dnnl_primitive_t re[4];
    dnnl_memory_t reSrc[4], reDst[4];
    int reAfter[4];  // 1: after the primitive (outputs back to NHWC)
} dnnl_step;

static int skipReorders;

static void dnnl_run(void *p) {
    dnnl_step *s = p;
    for (int i = 0; i < s->nre && !skipReorders; i++) if (!s->reAfter[i]) {
        dnnl_exec_arg_t a[2] = {{DNNL_ARG_FROM, s->reSrc[i]}, {DNNL_ARG_TO, s->reDst[i]}};
        CHECK(dnnl_primitive_execute(s->re[i], stream, 2, a));
    }
    CHECK(dnnl_primitive_execute(s->prim, stream, s->nargs, s->args));
    for (int i = 0; i < s->nre && !skipReorders; i++) if (s->reAfter[i]) {
        dnnl_exec_arg_t a[2] = {{DNNL_ARG_FROM, s->reSrc[i]}, {DNNL_ARG_TO, s->reDst[i]}};
        CHECK(dnnl_primitive_execute(s->re[i], stream, 2, a));
    }
    CHECK(dnnl_stream_wait(stream));
}

// The memory for argument `arg` of pd, over `user` data in `userMd`: the user memory itself when
// the layouts agree, else a new buffer and a reorder (before, or after when `output`).
static dnnl_memory_t bind(dnnl_step *s, const_dnnl_primitive_desc_t pd, dnnl_query_t what, int idx,
                          const dnnl_memory_desc_t *userMd, float *user, int output) {
    const dnnl_memory_desc_t *md = dnnl_primitive_desc_query_md(pd, what, idx);
    dnnl_memory_t userMem, mem;
    CHECK(dnnl_memory_create(&userMem, userMd, engine, user));
    if (dnnl_memory_desc_equal(md, userMd)) return userMem;
    CHECK(dnnl_memory_create(&mem, md, engine, DNNL_MEMORY_ALLOCATE));
    dnnl_primitive_desc_t rpd;
    int i = s->nre++;
    if (output) CHECK(dnnl_reorder_primitive_desc_create(&rpd, md, engine, userMd, engine, NULL));
    else CHECK(dnnl_reorder_primitive_desc_create(&rpd, userMd, engine, md, engine, NULL));
    CHECK(dnnl_primitive_create(&s->re[i], rpd));
    s->reSrc[i] = output ? mem : userMem;
    s->reDst[i] = output ? userMem : mem;
    s->reAfter[i] = output;
    return mem;
}

static const char *impl(const_dnnl_primitive_desc_t pd) {
    const char *name = "?";
    dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &name);
    return name;
}

// kind 0 forward+relu, 1 backward-data, 2 backward-weights; `any`: oneDNN picks the layout.
static double dnnl_case(fovea_case *c, int kind, int any, char *implName, double *alone) {
    dnnl_dims_t src = {c->n, c->s.c, c->s.h, c->s.w}, wei = {c->s.f, c->s.c, c->s.kh, c->s.kw};
    dnnl_dims_t dst = {c->n, c->s.f, c->s.outH, c->s.outW}, bia = {c->s.f};
    dnnl_dims_t strides = {c->s.sh, c->s.sw}, pad = {0, 0};
    dnnl_memory_desc_t srcU, weiU, dstU, biaU, srcA, weiA, dstA;
    CHECK(dnnl_memory_desc_init_by_tag(&srcU, 4, src, dnnl_f32, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&weiU, 4, wei, dnnl_f32, dnnl_hwio));
    CHECK(dnnl_memory_desc_init_by_tag(&dstU, 4, dst, dnnl_f32, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&biaU, 1, bia, dnnl_f32, dnnl_a));
    dnnl_format_tag_t act = any ? dnnl_format_tag_any : dnnl_nhwc, w = any ? dnnl_format_tag_any : dnnl_hwio;
    CHECK(dnnl_memory_desc_init_by_tag(&srcA, 4, src, dnnl_f32, act));
    CHECK(dnnl_memory_desc_init_by_tag(&weiA, 4, wei, dnnl_f32, w));
    CHECK(dnnl_memory_desc_init_by_tag(&dstA, 4, dst, dnnl_f32, act));
    dnnl_convolution_desc_t fd, bd;
    CHECK(dnnl_convolution_forward_desc_init(&fd, dnnl_forward_training, dnnl_convolution_direct, &srcA, &weiA,
                                             &biaU, &dstA, strides, pad, pad));
    dnnl_post_ops_t po;
    dnnl_primitive_attr_t attr;
    CHECK(dnnl_post_ops_create(&po));
    CHECK(dnnl_post_ops_append_eltwise(po, 1.0f, dnnl_eltwise_relu, 0, 0));
    CHECK(dnnl_primitive_attr_create(&attr));
    CHECK(dnnl_primitive_attr_set_post_ops(attr, po));
    dnnl_primitive_desc_t fpd, pd;
    CHECK(dnnl_primitive_desc_create(&fpd, &fd, kind == 0 ? attr : NULL, engine, NULL));
    dnnl_step s;
    memset(&s, 0, sizeof s);
    if (kind == 0) {
        pd = fpd;
        s.args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, bind(&s, pd, dnnl_query_src_md, 0, &srcU, c->x, 0)};
        s.args[1] = (dnnl_exec_arg_t){DNNL_ARG_WEIGHTS, bind(&s, pd, dnnl_query_weights_md, 0, &weiU, c->k, 0)};
        s.args[2] = (dnnl_exec_arg_t){DNNL_ARG_BIAS, bind(&s, pd, dnnl_query_weights_md, 1, &biaU, c->b, 0)};
        s.args[3] = (dnnl_exec_arg_t){DNNL_ARG_DST, bind(&s, pd, dnnl_query_dst_md, 0, &dstU, c->y, 1)};
        s.nargs = 4;
    } else if (kind == 1) {
        CHECK(dnnl_convolution_backward_data_desc_init(&bd, dnnl_convolution_direct, &srcA, &weiA, &dstA,
                                                       strides, pad, pad));
        CHECK(dnnl_primitive_desc_create(&pd, &bd, NULL, engine, fpd));
        s.args[0] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_DST, bind(&s, pd, dnnl_query_diff_dst_md, 0, &dstU, c->dy, 0)};
        s.args[1] = (dnnl_exec_arg_t){DNNL_ARG_WEIGHTS, bind(&s, pd, dnnl_query_weights_md, 0, &weiU, c->k, 0)};
        s.args[2] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_SRC, bind(&s, pd, dnnl_query_diff_src_md, 0, &srcU, c->dx, 1)};
        s.nargs = 3;
    } else {
        CHECK(dnnl_convolution_backward_weights_desc_init(&bd, dnnl_convolution_direct, &srcA, &weiA, &biaU, &dstA,
                                                          strides, pad, pad));
        CHECK(dnnl_primitive_desc_create(&pd, &bd, NULL, engine, fpd));
        s.args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, bind(&s, pd, dnnl_query_src_md, 0, &srcU, c->x, 0)};
        s.args[1] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_DST, bind(&s, pd, dnnl_query_diff_dst_md, 0, &dstU, c->dy, 0)};
        s.args[2] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_WEIGHTS,
                                      bind(&s, pd, dnnl_query_diff_weights_md, 0, &weiU, c->dk, 1)};
        s.args[3] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_BIAS, bind(&s, pd, dnnl_query_diff_weights_md, 1, &biaU, c->db, 1)};
        s.nargs = 4;
    }
    CHECK(dnnl_primitive_create(&s.prim, pd));
    snprintf(implName, 64, "%s", impl(pd));
    double t = timed(dnnl_run, &s);
    // Without the reorders: the primitive alone (what a model kept in oneDNN's layout would pay).
    skipReorders = 1;
    *alone = timed(dnnl_run, &s);
    skipReorders = 0;
    return t;
}

int main(void) {
    FILE *cpu = fopen("/proc/cpuinfo", "r");
    char line[4096];
    int model = 0, flags = 0;
    while (cpu && fgets(line, sizeof line, cpu)) {
        if (!model && !strncmp(line, "model name", 10)) { printf("CPU: %s", strchr(line, ':') + 2); model = 1; }
        if (!flags && !strncmp(line, "flags", 5)) {
            printf("vector flags:");
            for (char *t = strtok(strchr(line, ':') + 1, " \n"); t; t = strtok(NULL, " \n"))
                if (!strncmp(t, "avx", 3) || !strcmp(t, "fma")) printf(" %s", t);
            printf("\n");
            flags = 1;
        }
    }
    const dnnl_version_t *v = dnnl_version();
    printf("oneDNN %d.%d.%d, OpenMP threads %d; Fovea: %d thread(s) on parts of the batch\n", v->major, v->minor,
           v->patch, omp_get_max_threads(), omp_get_max_threads() > 1 ? 2 : 1);
    CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
    CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
    long geo[3][4] = {{28, 1, 32, 1}, {13, 32, 64, 0}, {5, 64, 64, 0}};  // size, c, f, shallow
    const char *kinds[3] = {"fwd+relu", "bwd-data", "bwd-weights"};
    printf("%-20s %-11s %7s %9s %9s %9s  %s\n", "conv (NHWC)", "pass", "Fovea", "dnnl-nhwc", "dnnl-any",
           "any-alone", "oneDNN impl (nhwc / any)");
    for (int bi = 0; bi < 2; bi++) {
        long n = bi ? 128 : 32;
        for (int gi = 0; gi < 3; gi++) {
            long hw = geo[gi][0], ch = geo[gi][1], f = geo[gi][2];
            fovea_case c = {.s = {hw, hw, ch, 3, 3, f, 1, 1, 0, 0, hw - 2, hw - 2}, .n = n, .shallow = (int)geo[gi][3]};
            long kc = 9 * ch * f, in = n * hw * hw * ch, out = n * (hw - 2) * (hw - 2) * f;
            c.x = randoms(in); c.k = randoms(kc); c.b = randoms(f); c.y = randoms(out); c.dy = randoms(out);
            c.dx = randoms(in); c.dk = randoms(kc); c.db = randoms(f); c.packed = randoms(kc); c.packedT = randoms(kc);
            c.partK = randoms(kc); c.partB = randoms(f);
            double flop = 2.0 * out * 9 * ch;
            for (int kind = 0; kind < 3; kind++) {
                char label[64], i1[64] = "-", i2[64] = "-";
                snprintf(label, sizeof label, "%ldx%ldx%ld->%ld b%ld", hw, hw, ch, f, n);
                double tf = -1;
                if (kind == 0) tf = timed(fovea_fwd, &c);
                else if (kind == 2) tf = timed(fovea_bwd_weights, &c);
                else if (!c.shallow) tf = timed(fovea_bwd_data, &c);
                double alone1, alone2;
                double tn = dnnl_case(&c, kind, 0, i1, &alone1), ta = dnnl_case(&c, kind, 1, i2, &alone2);
                printf("%-20s %-11s %7.1f %9.1f %9.1f %9.1f  %s / %s\n", label, kinds[kind],
                       tf > 0 ? flop / tf / 1e9 : 0, flop / tn / 1e9, flop / ta / 1e9, flop / alone2 / 1e9, i1, i2);
            }
        }
    }
    printf("GFLOP/s = 2 * N * outH * outW * 9 * C * F / seconds per call (best of 40); dnnl-any includes the\n"
           "reorders from and to NHWC/hwio, any-alone is the same primitive without them. Fovea's first layer has no input gradient (not measured).\n");
    return 0;
}
