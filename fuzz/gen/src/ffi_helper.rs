//! The C helper library of the FFI families (`c/twin_ffi_helper.c`), as built by this
//! crate's `build.rs`, and its declarations for `ffi.cdef`.
//!
//! The library is compiled for the host with `gcc -shared -fPIC -O2 -funwind-tables`,
//! and for aarch64 with `aarch64-linux-gnu-gcc` when that cross compiler is installed
//! (for runs under qemu-aarch64). Generated programs never embed a path: they load
//! `ffi.load(TWIN_FFI_HELPER)`, a global the harness sets to [`helper_lib_path`] (or to
//! [`helper_lib_path_aarch64`] for aarch64 engines).

use std::path::Path;

/// The host build of the helper library.
pub fn helper_lib_path() -> &'static Path {
    Path::new(env!("TWIN_FFI_HELPER_HOST"))
}

/// The aarch64 build of the helper library, if the cross compiler was available when
/// this crate was built.
pub fn helper_lib_path_aarch64() -> Option<&'static Path> {
    option_env!("TWIN_FFI_HELPER_AARCH64").map(Path::new)
}

/// Declarations of every function and type in `c/twin_ffi_helper.c`, for `ffi.cdef`.
pub const CDEF: &str = "\
typedef int32_t (*twin_cb_int)(int32_t);
typedef double (*twin_cb_double)(double);
typedef int32_t (*twin_cb_cmp)(const void *, const void *);
typedef struct { int32_t a; int32_t b; } twin_pair;
typedef struct { double x; double y; } twin_vec2;
typedef struct { int8_t tag; int64_t wide; float f; } twin_mixed;
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
int32_t twin_cb_call_never(twin_cb_int cb, int32_t x);
double twin_cb_call_double(twin_cb_double cb, double x);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
int32_t twin_cb_call_stored_from(int32_t x, int32_t threshold);
void twin_sort(void *base, size_t n, size_t size, twin_cb_cmp cmp);
twin_pair twin_pair_make(int32_t a, int32_t b);
twin_pair twin_pair_swap(twin_pair p);
twin_vec2 twin_vec2_scale(twin_vec2 v, double k);
twin_mixed twin_mixed_make(int8_t tag, int64_t wide, float f);
uint64_t twin_checksum_pair(twin_pair p);
uint64_t twin_checksum_vec2(twin_vec2 v);
uint64_t twin_checksum_mixed(twin_mixed m);
uint64_t twin_checksum_doubles(int32_t n, ...);
int64_t twin_sum_int64s(int32_t n, ...);
int64_t twin_add_int64(int64_t a, int64_t b);
uint64_t twin_mul_uint64(uint64_t a, uint64_t b);
int32_t twin_widen_sum(int8_t a, uint8_t b, int16_t c, uint16_t d);
int64_t twin_cb_many_ints(int64_t (*cb)(int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, int32_t, int64_t, const void *, bool));
double twin_cb_many_fps(double (*cb)(float, double, float, double, float, double, float, double, float, double, float, double));
float twin_cb_mixed16(float (*cb)(int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float));
int32_t twin_cb_ret_i8(int8_t (*cb)(int32_t), int32_t x);
uint32_t twin_cb_ret_u16(uint16_t (*cb)(int32_t), int32_t x);
int32_t twin_cb_ret_bool(bool (*cb)(int32_t), int32_t x);
int64_t twin_cb_ret_i64(int64_t (*cb)(int64_t), int64_t x);
uint64_t twin_cb_ret_u64(uint64_t (*cb)(uint64_t), uint64_t x);
float twin_cb_ret_float(float (*cb)(float), float x);
int32_t twin_cb_pair_ptr(void (*cb)(twin_pair *, const twin_pair *), int32_t a, int32_t b);
int32_t twin_cb_pick(twin_pair *(*cb)(twin_pair *, twin_pair *, int32_t), int32_t which);
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_is_built() {
        assert!(helper_lib_path().is_file(), "{}", helper_lib_path().display());
    }

    /// Every function the C file defines is declared in CDEF, and vice versa.
    #[test]
    fn cdef_matches_the_c_source() {
        let c = include_str!("../c/twin_ffi_helper.c");
        let defined: Vec<&str> = c
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with("static") && !l.starts_with("typedef"))
            .filter_map(|l| l.split('(').next())
            .filter_map(|head| head.split_whitespace().last())
            .map(|n| n.trim_start_matches('*'))
            .filter(|n| n.starts_with("twin_"))
            .collect();
        let declared: Vec<&str> = CDEF
            .lines()
            .filter(|l| !l.starts_with("typedef"))
            .filter_map(|l| l.split('(').next())
            .filter_map(|head| head.split_whitespace().last())
            .collect();
        assert_eq!(defined, declared);
    }
}
