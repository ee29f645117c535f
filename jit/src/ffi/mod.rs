//! LuaJIT's FFI: C declarations, C data in the GC, conversions, and the `ffi` library.
//!
//! * [`ctype`]: the ctype table (sizes, alignment, layout, names)
//! * [`cparse`]: the C declaration parser behind `ffi.cdef` and type strings
pub mod cparse;
pub mod ctype;
