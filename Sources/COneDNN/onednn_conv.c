// See include/conednn.h. oneDNN 2.x's C API, called through pointers (never linked).
#include "conednn.h"
#include <dnnl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

void omp_set_num_threads(int);

#define FOVEA_DNNL_FUNCTIONS(X) \
    X(dnnl_engine_create) X(dnnl_stream_create) X(dnnl_memory_desc_init_by_tag) \
    X(dnnl_convolution_forward_desc_init) X(dnnl_convolution_backward_data_desc_init) \
    X(dnnl_convolution_backward_weights_desc_init) X(dnnl_post_ops_create) X(dnnl_post_ops_append_eltwise) \
    X(dnnl_post_ops_destroy) X(dnnl_primitive_attr_create) X(dnnl_primitive_attr_set_post_ops) \
    X(dnnl_primitive_attr_set_scratchpad_mode) X(dnnl_primitive_attr_destroy) X(dnnl_primitive_desc_create) \
    X(dnnl_primitive_desc_query_md) X(dnnl_primitive_desc_destroy) X(dnnl_primitive_create) \
    X(dnnl_memory_desc_equal) X(dnnl_memory_create) X(dnnl_memory_set_data_handle) \
    X(dnnl_reorder_primitive_desc_create) X(dnnl_primitive_execute) X(dnnl_stream_wait) \
    X(omp_set_num_threads)

#define DECLARE(name) static __typeof__(name) *p_##name;
FOVEA_DNNL_FUNCTIONS(DECLARE)
#define NAME(name) #name,
static const char *const symbols[] = {FOVEA_DNNL_FUNCTIONS(NAME) NULL};

const char *fovea_dnnl_symbol(int i) {
    return i >= 0 && i < (int)(sizeof symbols / sizeof *symbols) ? symbols[i] : NULL;
}

int fovea_dnnl_bind(void *const *addresses) {
    int i = 0;
#define TAKE(name) if (!addresses[i]) return i + 1; p_##name = (__typeof__(name) *)addresses[i]; i++;
    FOVEA_DNNL_FUNCTIONS(TAKE)
    return 0;
}

#define TRY(x) do { dnnl_status_t st_ = (x); if (st_ != dnnl_success) return (int)st_; } while (0)

enum { FORWARD, BACKWARD_DATA, BACKWARD_WEIGHTS };
enum { MAX_ARGS = 6 };

// The primitive of one convolution, pass and slot, with its memories: `user[i]` wraps the
// caller's buffer of argument i (its pointer set on each call); when oneDNN wants another layout,
// `inner[i]` holds the data in it and a reorder copies it in (inputs) or out (outputs).
typedef struct entry {
    struct entry *next;
    fovea_dnnl_shape s;
    int kind, relu, bias, slot;
    pthread_mutex_t lock;
    dnnl_primitive_t prim;
    int nargs;
    dnnl_exec_arg_t args[MAX_ARGS + 1];  // + scratchpad
    dnnl_memory_t user[MAX_ARGS];
    dnnl_primitive_t reorder[MAX_ARGS];
    int output[MAX_ARGS];
} entry;

static pthread_mutex_t cacheLock = PTHREAD_MUTEX_INITIALIZER;
static entry *cache;
static dnnl_engine_t engine;
static __thread dnnl_stream_t threadStream;

// Argument `i` of e: `userMd` over the caller's data, in the layout `md` the primitive chose.
static int bind_arg(entry *e, int i, int arg, const dnnl_memory_desc_t *md, const dnnl_memory_desc_t *userMd,
                    int output) {
    TRY(p_dnnl_memory_create(&e->user[i], userMd, engine, DNNL_MEMORY_NONE));
    e->output[i] = output;
    e->args[i].arg = arg;
    if (p_dnnl_memory_desc_equal(md, userMd)) { e->args[i].memory = e->user[i]; return 0; }
    TRY(p_dnnl_memory_create(&e->args[i].memory, md, engine, DNNL_MEMORY_ALLOCATE));
    dnnl_primitive_desc_t rpd;
    if (output) TRY(p_dnnl_reorder_primitive_desc_create(&rpd, md, engine, userMd, engine, NULL));
    else TRY(p_dnnl_reorder_primitive_desc_create(&rpd, userMd, engine, md, engine, NULL));
    TRY(p_dnnl_primitive_create(&e->reorder[i], rpd));
    p_dnnl_primitive_desc_destroy(rpd);
    return 0;
}

static int build(entry *e) {
    const fovea_dnnl_shape *s = &e->s;
    dnnl_dims_t src = {s->n, s->c, s->h, s->w}, wei = {s->f, s->c, s->kh, s->kw};
    dnnl_dims_t dst = {s->n, s->f, s->outH, s->outW}, bia = {s->f};
    dnnl_dims_t strides = {s->sh, s->sw}, padL = {s->padTop, s->padLeft}, padR = {s->padBottom, s->padRight};
    dnnl_memory_desc_t srcU, weiU, dstU, biaU, srcA, weiA, dstA;
    TRY(p_dnnl_memory_desc_init_by_tag(&srcU, 4, src, dnnl_f32, dnnl_nhwc));
    TRY(p_dnnl_memory_desc_init_by_tag(&weiU, 4, wei, dnnl_f32, dnnl_hwio));
    TRY(p_dnnl_memory_desc_init_by_tag(&dstU, 4, dst, dnnl_f32, dnnl_nhwc));
    TRY(p_dnnl_memory_desc_init_by_tag(&biaU, 1, bia, dnnl_f32, dnnl_a));
    TRY(p_dnnl_memory_desc_init_by_tag(&srcA, 4, src, dnnl_f32, dnnl_format_tag_any));
    TRY(p_dnnl_memory_desc_init_by_tag(&weiA, 4, wei, dnnl_f32, dnnl_format_tag_any));
    TRY(p_dnnl_memory_desc_init_by_tag(&dstA, 4, dst, dnnl_f32, dnnl_format_tag_any));
    const dnnl_memory_desc_t *biaOrNull = e->bias ? &biaU : NULL;
    dnnl_convolution_desc_t fd, bd;
    TRY(p_dnnl_convolution_forward_desc_init(&fd, dnnl_forward_training, dnnl_convolution_direct, &srcA, &weiA,
                                             biaOrNull, &dstA, strides, padL, padR));
    dnnl_primitive_attr_t attr;
    TRY(p_dnnl_primitive_attr_create(&attr));
    TRY(p_dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user));
    if (e->relu) {
        dnnl_post_ops_t po;
        TRY(p_dnnl_post_ops_create(&po));
        TRY(p_dnnl_post_ops_append_eltwise(po, 1.0f, dnnl_eltwise_relu, 0, 0));
        TRY(p_dnnl_primitive_attr_set_post_ops(attr, po));
        p_dnnl_post_ops_destroy(po);
    }
    dnnl_primitive_desc_t fpd, pd;
    TRY(p_dnnl_primitive_desc_create(&fpd, &fd, attr, engine, NULL));
    int n = 0;
    if (e->kind == FORWARD) {
        pd = fpd;
        TRY(bind_arg(e, n++, DNNL_ARG_SRC, p_dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), &srcU, 0));
        TRY(bind_arg(e, n++, DNNL_ARG_WEIGHTS, p_dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), &weiU, 0));
        if (e->bias)
            TRY(bind_arg(e, n++, DNNL_ARG_BIAS, p_dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 1), &biaU, 0));
        TRY(bind_arg(e, n++, DNNL_ARG_DST, p_dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0), &dstU, 1));
    } else if (e->kind == BACKWARD_DATA) {
        TRY(p_dnnl_convolution_backward_data_desc_init(&bd, dnnl_convolution_direct, &srcA, &weiA, &dstA, strides,
                                                       padL, padR));
        TRY(p_dnnl_primitive_desc_create(&pd, &bd, attr, engine, fpd));
        TRY(bind_arg(e, n++, DNNL_ARG_DIFF_DST, p_dnnl_primitive_desc_query_md(pd, dnnl_query_diff_dst_md, 0), &dstU, 0));
        TRY(bind_arg(e, n++, DNNL_ARG_WEIGHTS, p_dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), &weiU, 0));
        TRY(bind_arg(e, n++, DNNL_ARG_DIFF_SRC, p_dnnl_primitive_desc_query_md(pd, dnnl_query_diff_src_md, 0), &srcU, 1));
    } else {
        TRY(p_dnnl_convolution_backward_weights_desc_init(&bd, dnnl_convolution_direct, &srcA, &weiA, &biaU, &dstA,
                                                          strides, padL, padR));
        TRY(p_dnnl_primitive_desc_create(&pd, &bd, attr, engine, fpd));
        TRY(bind_arg(e, n++, DNNL_ARG_SRC, p_dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), &srcU, 0));
        TRY(bind_arg(e, n++, DNNL_ARG_DIFF_DST, p_dnnl_primitive_desc_query_md(pd, dnnl_query_diff_dst_md, 0), &dstU, 0));
        TRY(bind_arg(e, n++, DNNL_ARG_DIFF_WEIGHTS,
                     p_dnnl_primitive_desc_query_md(pd, dnnl_query_diff_weights_md, 0), &weiU, 1));
        TRY(bind_arg(e, n++, DNNL_ARG_DIFF_BIAS, p_dnnl_primitive_desc_query_md(pd, dnnl_query_diff_weights_md, 1),
                     &biaU, 1));
    }
    e->nargs = n;
    e->args[n].arg = DNNL_ARG_SCRATCHPAD;
    TRY(p_dnnl_memory_create(&e->args[n].memory, p_dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0),
                             engine, DNNL_MEMORY_ALLOCATE));
    TRY(p_dnnl_primitive_create(&e->prim, pd));
    if (pd != fpd) p_dnnl_primitive_desc_destroy(pd);
    p_dnnl_primitive_desc_destroy(fpd);
    p_dnnl_primitive_attr_destroy(attr);
    return 0;
}

// The engine (once), and this thread's stream and OpenMP setting (once per thread), before any
// primitive is made: oneDNN sizes its work split by omp_get_max_threads() when it makes one.
static int thread_init(void) {
    if (threadStream) return 0;
    pthread_mutex_lock(&cacheLock);
    int status = engine ? 0 : p_dnnl_engine_create(&engine, dnnl_cpu, 0);
    pthread_mutex_unlock(&cacheLock);
    if (status) return status;
    p_omp_set_num_threads(1);  // this thread's OpenMP team: itself alone
    return p_dnnl_stream_create(&threadStream, engine, dnnl_stream_default_flags);
}

// The cached entry for this call (built on first use), or NULL with *status set.
static entry *lookup(const fovea_dnnl_shape *s, int kind, int relu, int bias, int slot, int *status) {
    *status = thread_init();
    if (*status) return NULL;
    pthread_mutex_lock(&cacheLock);
    entry *e = cache;
    while (e && !(e->kind == kind && e->relu == relu && e->bias == bias && e->slot == slot
                  && !memcmp(&e->s, s, sizeof *s)))
        e = e->next;
    if (!e && *status == 0) {
        e = calloc(1, sizeof *e);
        e->s = *s; e->kind = kind; e->relu = relu; e->bias = bias; e->slot = slot;
        pthread_mutex_init(&e->lock, NULL);
        *status = build(e);
        if (*status == 0) { e->next = cache; cache = e; }
        else e = NULL;  // a failed build is not reused (its partial objects leak; it is an error path)
    }
    pthread_mutex_unlock(&cacheLock);
    return e;
}

static int run(entry *e, void *const *pointers) {
    pthread_mutex_lock(&e->lock);
    int status = 0;
    for (int i = 0; i < e->nargs && !status; i++) status = p_dnnl_memory_set_data_handle(e->user[i], pointers[i]);
    for (int i = 0; i < e->nargs && !status; i++)
        if (e->reorder[i] && !e->output[i]) {
            dnnl_exec_arg_t a[2] = {{DNNL_ARG_FROM, e->user[i]}, {DNNL_ARG_TO, e->args[i].memory}};
            status = p_dnnl_primitive_execute(e->reorder[i], threadStream, 2, a);
        }
    if (!status) status = p_dnnl_primitive_execute(e->prim, threadStream, e->nargs + 1, e->args);
    for (int i = 0; i < e->nargs && !status; i++)
        if (e->reorder[i] && e->output[i]) {
            dnnl_exec_arg_t a[2] = {{DNNL_ARG_FROM, e->args[i].memory}, {DNNL_ARG_TO, e->user[i]}};
            status = p_dnnl_primitive_execute(e->reorder[i], threadStream, 2, a);
        }
    if (!status) status = p_dnnl_stream_wait(threadStream);
    pthread_mutex_unlock(&e->lock);
    return status;
}

int fovea_dnnl_conv_forward(const fovea_dnnl_shape *s, int slot, const float *input, const float *kernel,
                            const float *bias, int relu, float *output) {
    int status;
    entry *e = lookup(s, FORWARD, relu != 0, bias != NULL, slot, &status);
    if (!e) return status;
    void *p[4] = {(void *)input, (void *)kernel, (void *)bias, output};
    if (!bias) p[2] = output;  // no bias argument: the output is the third
    return run(e, p);
}

int fovea_dnnl_conv_backward_data(const fovea_dnnl_shape *s, int slot, const float *gradOutput,
                                  const float *kernel, float *gradInput) {
    int status;
    entry *e = lookup(s, BACKWARD_DATA, 0, 0, slot, &status);
    if (!e) return status;
    void *p[3] = {(void *)gradOutput, (void *)kernel, gradInput};
    return run(e, p);
}

int fovea_dnnl_conv_backward_weights(const fovea_dnnl_shape *s, int slot, const float *input,
                                     const float *gradOutput, float *gradKernel, float *gradBias) {
    int status;
    entry *e = lookup(s, BACKWARD_WEIGHTS, 0, 1, slot, &status);
    if (!e) return status;
    void *p[4] = {(void *)input, (void *)gradOutput, gradKernel, gradBias};
    return run(e, p);
}
