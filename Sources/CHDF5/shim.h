// HDF5, the C library (Debian's libhdf5-dev, serial build), for Keras's model files.
// The macros HDF5 defines as casts or through H5open (H5P_DEFAULT, H5T_NATIVE_FLOAT, ...) do not
// reach Swift; these inline functions hand them over.
#include <hdf5.h>

static inline hid_t fovea_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t fovea_h5s_all(void) { return H5S_ALL; }
static inline hid_t fovea_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t fovea_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t fovea_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t fovea_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t fovea_h5t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t fovea_h5t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t fovea_h5t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t fovea_h5t_c_s1(void) { return H5T_C_S1; }
static inline size_t fovea_h5t_variable(void) { return H5T_VARIABLE; }
static inline hid_t fovea_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t fovea_h5p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t fovea_h5p_group_create(void) { return H5P_GROUP_CREATE; }
