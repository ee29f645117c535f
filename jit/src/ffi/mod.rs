//! LuaJIT's FFI: C declarations, C data in the GC, conversions, and the `ffi` library.
//!
//! * [`ctype`]: the ctype table (sizes, alignment, layout, names)
//! * [`cparse`]: the C declaration parser behind `ffi.cdef` and type strings
//! * [`cdata`]: C data objects owned by the GC
//! * [`conv`]: Lua <-> C conversions
//! * [`call`]: calls into C (classification per ABI, the generic call stub)
//! * [`callback`]: Lua functions as C function pointers
//! * [`arith`]: cdata arithmetic and comparisons (64-bit integers, pointers)
//! * [`lib`]: the `ffi` library and the metamethods every cdata shares
//!
//! The per-state part ([`FfiState`]) lives in `LibState::ffi` and is created on first
//! use (by `require "ffi"` or a `12LL` literal). Lua values the FFI must keep alive
//! (metatypes) live in tables in the registry, so the collector needs no new roots.

pub mod arith;
pub mod call;
pub mod callback;
pub mod cdata;
pub mod conv;
pub mod cparse;
pub mod ctype;
pub mod lib;

/// What the FFI keeps per Lua state.
#[derive(Default)]
pub struct FfiState {
    pub cts: ctype::CTypes,
    /// `errno` as the last C call left it (`ffi.errno()`).
    pub errno: i32,
    pub callbacks: callback::Callbacks,
    /// Element count of the VLA whose initialisers are being converted (0 otherwise):
    /// what a table initialiser of an `[?]` array is bounded by.
    pub vla_elems: u32,
}
