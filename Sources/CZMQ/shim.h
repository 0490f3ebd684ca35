#ifndef FOVEA_CZMQ_SHIM_H
#define FOVEA_CZMQ_SHIM_H
#include <zmq.h>
#endif
