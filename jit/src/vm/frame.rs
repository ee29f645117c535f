//! Frames on the Lua stack (LuaJIT's FR2 layout) and the frame link encoding.
//!
//! Every call occupies two slots below the callee's base: the function, then a *frame
//! link*, a `TValue` with tag `TAG_FRAME` saying how to get back to the caller:
//!
//! ```text
//!                 caller frame                    callee frame
//!   ... | base0 ........ | fn | link | arg1 arg2 ... locals ... | fn' | link' | ...
//!         ^                          ^
//!         caller base                callee base = caller base + delta
//!
//!   link payload (47 bits):
//!   46             21 20              3 2    0
//!  +-----------------+-----------------+------+
//!  |  pc (26 bits)   |  delta (18 b)   | type |
//!  +-----------------+-----------------+------+
//! ```
//!
//! `delta` is always the distance from the previous frame's base to this frame's base,
//! so walking the frames needs nothing else. What `pc` means depends on the type:
//!
//! * `LUA`: called from a Lua frame; `pc` is the return pc (the instruction after the
//!   call). The call instruction at `pc - 1` says where results go (its A) and how many
//!   are wanted (its B).
//! * `C`: called from Rust (a native or the embedding API); the call returns to Rust.
//!   `pc` is the previous frame's current pc, for tracebacks.
//! * `CONT`: a metamethod called by an instruction of the previous (Lua) frame; `pc` is
//!   that instruction, whose opcode says what to do with the result. The slot below the
//!   function holds a number with extra continuation data (see `interp`):
//!   `| cont data | mm | link(CONT) | args ...`.
//! * `VARG`: the real base of a vararg function, above its arguments; `delta` leads
//!   back to the base the call created, whose link is the real one. The varargs are the
//!   arguments beyond the fixed parameters, below this frame.
//! * `PCALL`/`XPCALL`: a function called by `pcall`/`xpcall`. `delta` leads to the
//!   pcall's own (native) frame, which holds the handler in its first slot for xpcall.
//!   Errors unwind to the nearest such frame.

use super::value::*;

pub const FRAME_LUA: u64 = 0;
pub const FRAME_C: u64 = 1;
pub const FRAME_CONT: u64 = 2;
pub const FRAME_VARG: u64 = 3;
pub const FRAME_PCALL: u64 = 4;
pub const FRAME_XPCALL: u64 = 5;

const DELTA_BITS: u32 = 18;
const DELTA_MASK: u64 = (1 << DELTA_BITS) - 1;
const PC_SHIFT: u32 = 3 + DELTA_BITS;
/// Largest pc a link can hold; longer functions are rejected at load time.
pub const MAX_PC: usize = (1 << (TAG_SHIFT - PC_SHIFT)) - 1;

// Every stack index difference fits in the delta field.
const _: () = assert!(super::state::MAX_STACK + super::state::STACK_EXTRA < (1 << DELTA_BITS));

#[inline(always)]
pub fn link(kind: u64, delta: usize, pc: usize) -> TValue {
    debug_assert!(delta as u64 <= DELTA_MASK && pc <= MAX_PC);
    TValue::tagged(TAG_FRAME, kind | (delta as u64) << 3 | (pc as u64) << PC_SHIFT)
}

#[inline(always)]
pub fn link_kind(l: TValue) -> u64 {
    l.payload() & 7
}

#[inline(always)]
pub fn link_delta(l: TValue) -> usize {
    ((l.payload() >> 3) & DELTA_MASK) as usize
}

#[inline(always)]
pub fn link_pc(l: TValue) -> usize {
    (l.payload() >> PC_SHIFT) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip() {
        for (k, d, pc) in [(FRAME_LUA, 2, 7), (FRAME_CONT, 65000, MAX_PC), (FRAME_XPCALL, 3, 0)] {
            let l = link(k, d, pc);
            assert!(l.is_frame() && !l.is_gc());
            assert_eq!((link_kind(l), link_delta(l), link_pc(l)), (k, d, pc));
        }
    }
}
