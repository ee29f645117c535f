//! The instruction set: register-based, 32-bit instructions in LuaJIT's image.
//!
//! This file is the contract between the compiler (`bytecode::compile`), the
//! interpreter (`vm::interp`), and later the trace recorder, which records each
//! instruction against live values. Semantics are stated per opcode below; an opcode's
//! meaning never changes once traces depend on it. New opcodes go at the end of a group.
//!
//! ```text
//!  31      24 23      16 15       8 7        0
//! +----------+----------+----------+----------+
//! |    B     |    C     |    A     |    OP    |   ABC format
//! +----------+----------+----------+----------+
//! |          D          |    A     |    OP    |   AD format (D = C | B << 8)
//! +---------------------+----------+----------+
//! ```
//!
//! Operand kinds (the letters used below):
//!
//! * `var`  a register (slot relative to the frame base)
//! * `dst`  a register written by the instruction
//! * `base` the first of a range of registers
//! * `str`  index into the prototype's GC constants (a string)
//! * `num`  index into the prototype's number constants
//! * `pri`  a primitive: 0 = nil, 1 = false, 2 = true
//! * `lit`  an unsigned literal; `slit` a signed 16-bit literal
//! * `jump` a branch target, stored as `target - (pc + 1) + JUMP_BIAS` in D
//! * `func` index into the prototype's child prototypes
//! * `uv`   index into the closure's upvalues
//!
//! ## Frames (LuaJIT "FR2" layout)
//!
//! A call occupies two slots below the callee's base: the function, then the frame
//! link. `CALL A B C` therefore expects the callee in `A`, leaves `A+1` for the link
//! (the compiler never puts a value there), and the arguments in `A+2 ..`:
//!
//! ```text
//!   A     A+1    A+2 .. A+C          after the call: results in A .. A+B-2
//! +-----+------+-----------------+
//! | fn  | link | arg1 .. argN    |   the callee's base is A+2
//! +-----+------+-----------------+
//! ```
//!
//! `MULTRES`: an instruction marked "multret" produces a variable number of values
//! ending at the top; the count is kept in the interpreter's MULTRES register and
//! consumed by the next `CALLM`, `CALLMT`, `RETM` or `TSETM`.
//!
//! ## Comparisons and conditional jumps
//!
//! Every comparison and test (`IS*`) is immediately followed by a `JMP`: if the
//! condition holds, execution continues with that `JMP` (which jumps); otherwise the
//! `JMP` is skipped. The trace recorder relies on that pairing.
//!
//! ## Loops
//!
//! `FORI`/`FORL`, `ITERC`/`ITERL` and `LOOP` mark loops and carry the hot counters.
//! Each has `J*` (enter a trace, D = trace number) and `I*` (blacklisted, never counted)
//! variants that the JIT patches in; the interpreter executes `I*` exactly like the
//! plain form.
//!
//! Numeric for: `FORI A D` uses four slots: `A` index, `A+1` limit, `A+2` step, `A+3`
//! the visible loop variable. All three controls must be numbers ("'for' initial value
//! must be a number", "'for' limit ...", "'for' step ..."); the loop runs while
//! `step >= 0 and idx <= limit or step < 0 and idx >= limit` (LuaJIT: a zero step
//! counts as positive, where Lua 5.1 treats it as negative).
//!
//! Generic for: the hidden slots are `A-3` generator, `A-2` state, `A-1` control, and the
//! loop variables start at `A`. `ITERC A B C` copies generator, state and control to
//! `A`, `A+2`, `A+3` (keeping `A+1` for the frame link), calls with 2 arguments, and
//! stores B-1 results at `A ..`. `ITERL A D`: if `A` is not nil, copy it to `A-1` and
//! jump to D.

/// Bias added to jump offsets so that D stays unsigned.
pub const JUMP_BIAS: u32 = 0x8000;
/// Largest register number.
pub const MAX_SLOTS: u32 = 250;
/// "No register": the value of A in `JMP` when no slots need to be closed.
pub const NO_REG: u8 = 0xFF;

macro_rules! define_ops {
    ($( $(#[$doc:meta])* $name:ident ),* $(,)?) => {
        /// An opcode. The numbering is part of the bytecode format.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Op { $( $(#[$doc])* $name ),* }

        impl Op {
            /// Every opcode, in numbering order.
            pub const ALL: &'static [Op] = &[ $( Op::$name ),* ];

            pub const fn name(self) -> &'static str {
                match self { $( Op::$name => stringify!($name) ),* }
            }
        }
    };
}

define_ops! {
    // ---- Comparisons: followed by JMP, taken when the condition holds. ----------
    /// `ISLT A D`: `var A < var D` (numbers, strings, or `__lt`).
    ISLT,
    /// `ISGE A D`: `not (var A < var D)`.
    ISGE,
    /// `ISLE A D`: `var A <= var D` (numbers, strings, `__le`, or `not __lt(D, A)`).
    ISLE,
    /// `ISGT A D`: `not (var A <= var D)`.
    ISGT,
    /// `ISEQV A D`: `var A == var D` (with `__eq` per 5.1's rules).
    ISEQV,
    /// `ISNEV A D`: `var A ~= var D`.
    ISNEV,
    /// `ISEQS A D`: `var A == str D`.
    ISEQS,
    ISNES,
    /// `ISEQN A D`: `var A == num D`.
    ISEQN,
    ISNEN,
    /// `ISEQP A D`: `var A == pri D`.
    ISEQP,
    ISNEP,

    // ---- Unary tests: followed by JMP. -------------------------------------------
    /// `ISTC A D`: if `var D` is truthy: `A = D` and take the jump.
    ISTC,
    /// `ISFC A D`: if `var D` is falsy: `A = D` and take the jump.
    ISFC,
    /// `IST D`: take the jump if `var D` is truthy.
    IST,
    /// `ISF D`: take the jump if `var D` is falsy.
    ISF,

    // ---- Unary operations. -------------------------------------------------------
    /// `MOV A D`: `A = D`.
    MOV,
    /// `NOT A D`: `A = not D`.
    NOT,
    /// `UNM A D`: `A = -D` (string coercion, `__unm`).
    UNM,
    /// `LEN A D`: `A = #D` (strings and tables; `__len` only for userdata/cdata in 5.1).
    LEN,

    // ---- Binary arithmetic: A = dst, B = var, C = num or var. ---------------------
    /// `ADDVN A B C`: `A = B + num C`.
    ADDVN,
    SUBVN,
    MULVN,
    DIVVN,
    MODVN,
    /// `ADDNV A B C`: `A = num C + B`.
    ADDNV,
    SUBNV,
    MULNV,
    DIVNV,
    MODNV,
    /// `ADDVV A B C`: `A = B + C`.
    ADDVV,
    SUBVV,
    MULVV,
    DIVVV,
    MODVV,
    /// `POW A B C`: `A = B ^ C`.
    POW,
    /// `CAT A B C`: `A = B .. B+1 .. ... .. C` (right associative, `__concat`).
    CAT,

    // ---- Constants. --------------------------------------------------------------
    /// `KSTR A D`: `A = str D`.
    KSTR,
    /// `KCDATA A D`: `A = cdata constant D` (64-bit and complex literals; FFI).
    KCDATA,
    /// `KSHORT A D`: `A = slit D` (a signed 16-bit integer).
    KSHORT,
    /// `KNUM A D`: `A = num D`.
    KNUM,
    /// `KPRI A D`: `A = pri D`.
    KPRI,
    /// `KNIL A D`: `A .. D = nil` (inclusive range of registers).
    KNIL,

    // ---- Upvalues and closures. --------------------------------------------------
    /// `UGET A D`: `A = upvalue D`.
    UGET,
    /// `USETV A D`: `upvalue A = var D`.
    USETV,
    /// `USETS A D`: `upvalue A = str D`.
    USETS,
    /// `USETN A D`: `upvalue A = num D`.
    USETN,
    /// `USETP A D`: `upvalue A = pri D`.
    USETP,
    /// `UCLO A D`: close open upvalues of slots `>= A`, then jump to D.
    UCLO,
    /// `FNEW A D`: `A = closure(func D)`, capturing upvalues per the child's descriptors.
    FNEW,

    // ---- Tables. -----------------------------------------------------------------
    /// `TNEW A D`: `A = {}`; D = array size hint (low 11 bits) | log2(hash size) << 11.
    TNEW,
    /// `TDUP A D`: `A = copy of the template table constant D`.
    TDUP,
    /// `GGET A D`: `A = env[str D]` (the closure's environment table).
    GGET,
    /// `GSET A D`: `env[str D] = A`.
    GSET,
    /// `TGETV A B C`: `A = B[C]`.
    TGETV,
    /// `TGETS A B C`: `A = B[str C]`.
    TGETS,
    /// `TGETB A B C`: `A = B[lit C]`.
    TGETB,
    /// `TSETV A B C`: `B[C] = A`.
    TSETV,
    /// `TSETS A B C`: `B[str C] = A`.
    TSETS,
    /// `TSETB A B C`: `B[lit C] = A`.
    TSETB,
    /// `TSETM A D`: `(A-1)[n + i] = A + i` for the MULTRES values from A, where n is
    /// the integer value of `num D` (multret table constructor tail).
    TSETM,

    // ---- Calls and varargs. ------------------------------------------------------
    /// `CALLM A B C`: call `A` with `C` fixed args plus MULTRES; B-1 results (B=0: multret).
    CALLM,
    /// `CALL A B C`: call `A` with C-1 args; B-1 results (B=0: multret).
    CALL,
    /// `CALLMT A D`: tail call `A` with D fixed args plus MULTRES.
    CALLMT,
    /// `CALLT A D`: tail call `A` with D-1 args.
    CALLT,
    /// `ITERC A B C`: generic-for iterator call (see module doc); C is always 3.
    ITERC,
    /// `ITERN A B C`: `next`-specialised ITERC (emitted only when the JIT asks; same
    /// semantics as ITERC).
    ITERN,
    /// `VARG A B C`: `A .. A+B-2 = ...` (B=0: multret); C = number of fixed params.
    VARG,
    /// `ISNEXT A D`: generic-for prologue check for `pairs`-style loops; jumps to D.
    ISNEXT,

    // ---- Returns. ----------------------------------------------------------------
    /// `RETM A D`: return `A .. A+D-1` plus MULTRES values.
    RETM,
    /// `RET A D`: return D-1 values from `A ..`.
    RET,
    /// `RET0 A D`: return no values.
    RET0,
    /// `RET1 A D`: return the single value `A`.
    RET1,

    // ---- Loops and branches. -----------------------------------------------------
    /// `FORI A D`: numeric for prologue; jump to D (past the loop) if it runs 0 times.
    FORI,
    /// `JFORI A D`: FORI entering a trace (JIT).
    JFORI,
    /// `FORL A D`: numeric for step; jump back to D while the loop continues. Hot.
    FORL,
    IFORL,
    JFORL,
    /// `ITERL A D`: generic for step (see module doc). Hot.
    ITERL,
    IITERL,
    JITERL,
    /// `LOOP A D`: marks a `while`/`repeat` loop head (no-op); D = loop exit. Hot.
    LOOP,
    ILOOP,
    JLOOP,
    /// `JMP A D`: jump to D. A = first free slot (for the recorder), or NO_REG.
    JMP,

    // ---- Function headers. -------------------------------------------------------
    /// `FUNCF A`: entry of a fixed-arg Lua function; A = frame size. Hot.
    FUNCF,
    IFUNCF,
    JFUNCF,
    /// `FUNCV A`: entry of a vararg Lua function; A = frame size. Hot.
    FUNCV,
    IFUNCV,
    JFUNCV,
}

const _: () = assert!(Op::JFUNCV as usize + 1 == Op::ALL.len());
const _: () = assert!(Op::ALL.len() <= 256);

/// One instruction. `#[repr(transparent)]`: a `u32` to machine code.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ins(pub u32);

const _: () = assert!(std::mem::size_of::<Ins>() == 4);

impl Ins {
    #[inline(always)]
    pub const fn abc(op: Op, a: u8, b: u8, c: u8) -> Ins {
        Ins(op as u32 | (a as u32) << 8 | (c as u32) << 16 | (b as u32) << 24)
    }

    #[inline(always)]
    pub const fn ad(op: Op, a: u8, d: u16) -> Ins {
        Ins(op as u32 | (a as u32) << 8 | (d as u32) << 16)
    }

    /// A jump-carrying instruction from `pc` to `target`.
    pub const fn jump(op: Op, a: u8, pc: usize, target: usize) -> Ins {
        let d = (target as i64 - (pc as i64 + 1) + JUMP_BIAS as i64) as u16;
        Ins::ad(op, a, d)
    }

    #[inline(always)]
    pub fn op(self) -> Op {
        let n = (self.0 & 0xff) as usize;
        // Instructions are only built through the constructors above, from valid
        // opcodes; an out-of-range byte is a corrupted instruction.
        Op::ALL[n]
    }

    #[inline(always)]
    pub const fn opcode(self) -> u8 {
        self.0 as u8
    }

    #[inline(always)]
    pub const fn a(self) -> u8 {
        (self.0 >> 8) as u8
    }

    #[inline(always)]
    pub const fn b(self) -> u8 {
        (self.0 >> 24) as u8
    }

    #[inline(always)]
    pub const fn c(self) -> u8 {
        (self.0 >> 16) as u8
    }

    #[inline(always)]
    pub const fn d(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// D as a signed 16-bit literal (`KSHORT`).
    #[inline(always)]
    pub const fn sd(self) -> i16 {
        (self.0 >> 16) as u16 as i16
    }

    /// The jump target of a jump-carrying instruction at `pc`.
    #[inline(always)]
    pub const fn target(self, pc: usize) -> usize {
        (pc as i64 + 1 + self.d() as i64 - JUMP_BIAS as i64) as usize
    }

    pub const fn with_a(self, a: u8) -> Ins {
        Ins((self.0 & !0xff00) | (a as u32) << 8)
    }

    pub const fn with_d(self, d: u16) -> Ins {
        Ins((self.0 & 0xffff) | (d as u32) << 16)
    }

    pub const fn with_op(self, op: Op) -> Ins {
        Ins((self.0 & !0xff) | op as u32)
    }
}

impl std::fmt::Debug for Ins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:<6} {:3} {:3} {:3} (D {})", self.op().name(), self.a(), self.b(), self.c(), self.d())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let i = Ins::abc(Op::ADDVV, 1, 2, 3);
        assert_eq!((i.op(), i.a(), i.b(), i.c()), (Op::ADDVV, 1, 2, 3));
        let j = Ins::ad(Op::KSHORT, 7, (-5i16) as u16);
        assert_eq!((j.op(), j.a(), j.sd()), (Op::KSHORT, 7, -5));
        assert_eq!(j.d(), j.c() as u16 | (j.b() as u16) << 8);
    }

    #[test]
    fn jumps_round_trip() {
        for (pc, target) in [(10, 3), (3, 10), (0, 1), (100, 100)] {
            let i = Ins::jump(Op::JMP, NO_REG, pc, target);
            assert_eq!(i.target(pc), target);
        }
    }

    #[test]
    fn opcode_numbers_are_dense() {
        for (n, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, n);
        }
    }
}
