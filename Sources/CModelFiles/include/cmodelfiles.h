#ifndef FOVEA_CMODELFILES_H
#define FOVEA_CMODELFILES_H
// HDF5 (Debian's libhdf5-dev, serial build) and libzip (libzip-dev) for Keras's model files,
// opened with dlopen on the first save or load, never linked: linked, they add 36 shared
// libraries (libcurl, OpenSSL, Kerberos, LDAP, ... through HDF5) and about 7 MB to every idle
// kernel. Their headers give the types; each function is called through the pointer dlsym found,
// `fovea_<name>` (`fovea_H5Fopen`), set by `fovea_modelfiles_load`.
#include "/usr/include/hdf5/serial/hdf5.h"
#include <zip.h>

#define FOVEA_HDF5_FUNCTIONS(X) \
    X(H5open) X(H5Eset_auto2) X(H5Fcreate) X(H5Fopen) X(H5Fclose) X(H5Fflush) X(H5Fget_file_image) \
    X(H5Gopen2) X(H5Gcreate2) X(H5Gclose) X(H5Gget_info) X(H5Lexists) X(H5Lget_name_by_idx) \
    X(H5Oget_info_by_name1) X(H5Screate) X(H5Screate_simple) X(H5Sclose) X(H5Sget_simple_extent_ndims) \
    X(H5Sget_simple_extent_dims) X(H5Sget_simple_extent_npoints) X(H5Dcreate2) X(H5Dopen2) X(H5Dclose) \
    X(H5Dwrite) X(H5Dread) X(H5Dget_space) X(H5Dget_type) X(H5Tget_class) X(H5Tclose) X(H5Tcopy) \
    X(H5Tset_size) X(H5Tset_cset) X(H5Tis_variable_str) X(H5Tget_size) X(H5Acreate2) X(H5Aopen) \
    X(H5Aclose) X(H5Aexists) X(H5Adelete) X(H5Aread) X(H5Awrite) X(H5Aget_space) X(H5Aget_type) \
    X(H5free_memory) X(H5Pcreate) X(H5Pclose) X(H5Pset_fapl_core) X(H5Pset_file_image)

#define FOVEA_HDF5_GLOBALS(X) \
    X(H5T_NATIVE_FLOAT_g) X(H5T_NATIVE_DOUBLE_g) X(H5T_NATIVE_INT64_g) X(H5T_IEEE_F32LE_g) \
    X(H5T_IEEE_F64LE_g) X(H5T_STD_I64LE_g) X(H5T_C_S1_g) X(H5P_CLS_FILE_ACCESS_ID_g)

#define FOVEA_ZIP_FUNCTIONS(X) \
    X(zip_error_init_with_code) X(zip_error_fini) X(zip_error_strerror) X(zip_open) X(zip_discard) \
    X(zip_get_num_entries) X(zip_get_name) X(zip_stat_init) X(zip_stat) X(zip_fopen) X(zip_fclose) \
    X(zip_fread) X(zip_source_buffer) X(zip_file_add) X(zip_source_free) X(zip_set_file_compression) \
    X(zip_file_set_mtime) X(zip_close) X(zip_strerror)

#define FOVEA_DECLARE_FUNCTION(name) extern __typeof__(name) *fovea_##name;
#define FOVEA_DECLARE_GLOBAL(name) extern hid_t *fovea_##name;
FOVEA_HDF5_FUNCTIONS(FOVEA_DECLARE_FUNCTION)
FOVEA_HDF5_GLOBALS(FOVEA_DECLARE_GLOBAL)
FOVEA_ZIP_FUNCTIONS(FOVEA_DECLARE_FUNCTION)

/// Opens both libraries once; 0 when every symbol was found, else -1 with the reason in `error`.
int fovea_modelfiles_load(char *error, unsigned long size);

// The macros HDF5 defines through H5open or casts, as plain values (valid after the load and
// H5open).
static inline hid_t fovea_h5p_default(void) { return 0; }
static inline hid_t fovea_h5s_all(void) { return 0; }
static inline hid_t fovea_h5e_default(void) { return 0; }
static inline unsigned fovea_h5f_acc_trunc(void) { return 0x0002u; }
static inline unsigned fovea_h5f_acc_rdonly(void) { return 0x0000u; }
static inline size_t fovea_h5t_variable(void) { return (size_t)(-1); }
static inline hid_t fovea_h5t_native_float(void) { return *fovea_H5T_NATIVE_FLOAT_g; }
static inline hid_t fovea_h5t_native_double(void) { return *fovea_H5T_NATIVE_DOUBLE_g; }
static inline hid_t fovea_h5t_native_int64(void) { return *fovea_H5T_NATIVE_INT64_g; }
static inline hid_t fovea_h5t_ieee_f32le(void) { return *fovea_H5T_IEEE_F32LE_g; }
static inline hid_t fovea_h5t_ieee_f64le(void) { return *fovea_H5T_IEEE_F64LE_g; }
static inline hid_t fovea_h5t_std_i64le(void) { return *fovea_H5T_STD_I64LE_g; }
static inline hid_t fovea_h5t_c_s1(void) { return *fovea_H5T_C_S1_g; }
static inline hid_t fovea_h5p_file_access(void) { return *fovea_H5P_CLS_FILE_ACCESS_ID_g; }
#endif
