//! The trace IR: typed SSA in LuaJIT's image, one linear buffer per trace.
//!
//! A trace is a straight line of instructions recorded from one path through the
//! bytecode, ending in a back edge (loop) to its own start. Every instruction has a
//! result type and up to three operands; guards are instructions whose failure leaves
//! the trace through a snapshot (`snap`), never through anything else.
//!
//! ```text
//!   ref:   0 ............ REF_BIAS-1 | REF_BIAS ..................... REF_BIAS+n-1
//!          <- constants grow downward | instructions grow upward ->
//!
//!   IrIns (24 bytes)
//!  +------+------+---------+---------+---------+--------------------------------+
//!  |  op  | type |  a: ref |  b: ref |  c: ref |  k: u64 literal (constant bits,|
//!  |  u8  |  u8  |  u32    |  u32    |  u32    |  slot, helper arg, snapshot #) |
//!  +------+------+---------+---------+---------+--------------------------------+
//! ```
//!
//! Constants live below `REF_BIAS` so that "is this a constant" is one comparison and
//! so that constants are interned (one ref per distinct value). Instructions refer only
//! to refs below their own: the buffer is in SSA order by construction, which the
//! backend's single forward pass relies on.
//!
//! Types are the machine view of a Lua value. `Num` values are doubles; every other
//! type is a boxed `TValue` (64 bits, tag included) whose tag is known, so a snapshot
//! stores either kind into a stack slot without re-tagging.

use std::fmt::Write;

use crate::vm::value::*;

/// A reference to an instruction or a constant.
pub type IrRef = u32;
/// First instruction ref; constants are below.
pub const REF_BIAS: IrRef = 0x8000;
/// "No operand".
pub const REF_NONE: IrRef = 0;

/// The result type of an instruction: what the live value is known to be.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IrType {
    /// No value (guards, stores, the loop marker).
    Void,
    /// A double.
    Num,
    Nil,
    False,
    True,
    Str,
    Tab,
    Func,
    Udata,
    Lightud,
    Thread,
    Cdata,
    /// A boxed `TValue` of unknown type (helper results before their type guard).
    Any,
    /// A raw machine word that is not a Lua value (helper status codes).
    Word,
    /// A 32-bit signed integer standing for a number (`trace::opt::narrow`): every
    /// value of this type is a double that is integral, in range and not `-0`, so
    /// it converts back exactly. Written to a stack slot, it becomes that double.
    Int,
}

impl IrType {
    /// The type of a live value; `Num` for every number.
    pub fn of(v: TValue) -> IrType {
        if v.is_number() {
            return IrType::Num;
        }
        match v.tag() {
            TAG_NIL => IrType::Nil,
            TAG_FALSE => IrType::False,
            TAG_TRUE => IrType::True,
            TAG_STR => IrType::Str,
            TAG_TABLE => IrType::Tab,
            TAG_FUNC => IrType::Func,
            TAG_UDATA => IrType::Udata,
            TAG_LIGHTUD => IrType::Lightud,
            TAG_THREAD => IrType::Thread,
            TAG_CDATA => IrType::Cdata,
            _ => IrType::Any,
        }
    }

    /// The tag a boxed value of this type carries, if it is a tagged type whose payload
    /// varies (the three primitives are whole constants, see [`IrType::prim_bits`]).
    pub fn tag(self) -> Option<u64> {
        Some(match self {
            IrType::Str => TAG_STR,
            IrType::Tab => TAG_TABLE,
            IrType::Func => TAG_FUNC,
            IrType::Udata => TAG_UDATA,
            IrType::Lightud => TAG_LIGHTUD,
            IrType::Thread => TAG_THREAD,
            IrType::Cdata => TAG_CDATA,
            _ => return None,
        })
    }

    /// The single value of a primitive type.
    pub fn prim_bits(self) -> Option<u64> {
        Some(match self {
            IrType::Nil => TValue::NIL.bits(),
            IrType::False => TValue::FALSE.bits(),
            IrType::True => TValue::TRUE.bits(),
            _ => return None,
        })
    }

    pub fn is_falsy(self) -> bool {
        matches!(self, IrType::Nil | IrType::False)
    }

    fn name(self) -> &'static str {
        match self {
            IrType::Void => "   ",
            IrType::Num => "num",
            IrType::Nil => "nil",
            IrType::False => "fal",
            IrType::True => "tru",
            IrType::Str => "str",
            IrType::Tab => "tab",
            IrType::Func => "fun",
            IrType::Udata => "udt",
            IrType::Lightud => "lud",
            IrType::Thread => "thr",
            IrType::Cdata => "cdt",
            IrType::Any => "any",
            IrType::Word => "wrd",
            IrType::Int => "int",
        }
    }
}

macro_rules! define_irops {
    ($( $(#[$doc:meta])* $name:ident = $guard:literal ),* $(,)?) => {
        /// An IR opcode. See each variant for its operands.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum IrOp { $( $(#[$doc])* $name ),* }

        impl IrOp {
            pub const fn name(self) -> &'static str {
                match self { $( IrOp::$name => stringify!($name) ),* }
            }

            /// Whether the instruction is a guard (leaves through snapshot `k`).
            pub const fn is_guard(self) -> bool {
                match self { $( IrOp::$name => $guard ),* }
            }
        }
    };
}

// The instruction table. `guard` marks instructions that may leave the trace.
define_irops! {
    // ---- Constants (below REF_BIAS). --------------------------------------------
    /// `k` = the double's bits.
    KNUM = false,
    /// `k` = a boxed TValue's bits (nil, booleans, strings, functions, tables).
    KVAL = false,
    /// `k` = a raw machine word (helper arguments such as an upvalue index).
    KWORD = false,

    // ---- Loads from the trace's stack frame. -------------------------------------
    /// `k` = slot (signed, relative to the trace base); guards the slot's type, except
    /// for the frame's function slot (-2), which always holds the frame's closure, and
    /// for type `Word` (a frame link, raw).
    SLOAD = true,

    // ---- Number guards: `a` op `b`, exit through snapshot `snap` when false. ------
    /// `a < b`
    LT = true,
    /// `not (a < b)` (true for NaN operands)
    GE = true,
    /// `a <= b`
    LE = true,
    /// `not (a <= b)` (true for NaN operands)
    GT = true,
    /// `a == b` (doubles)
    EQ = true,
    /// `a ~= b` (doubles)
    NE = true,
    /// Bit equality of boxed values (interned strings, identity of objects).
    EQV = true,
    NEV = true,
    /// The Lua closure `a` runs the prototype at address `k`.
    EQPROTO = true,

    // ---- Arithmetic on doubles. --------------------------------------------------
    ADD = false,
    SUB = false,
    MUL = false,
    DIV = false,
    NEG = false,
    ABS = false,
    SQRT = false,
    FLOOR = false,
    CEIL = false,
    /// Lua's `%` (`a - floor(a/b)*b`, through the interpreter's own routine).
    MOD = false,
    /// `^` (through the interpreter's own routine).
    POW = false,

    // ---- Helper calls into the VM (see `trace::helpers`). -------------------------
    /// `a[b]` for table `a`; result `Any`. Exits when a metamethod would run.
    TGET = true,
    /// `a[b] = c` for table `a`. Exits (before any effect) when the store needs a
    /// metamethod or raises an error.
    TSET = true,
    /// `env[b]` of the closure `a`; result `Any`; exits like `TGET`.
    GGET = true,
    /// `env[b] = c` of the closure `a`; exits like `TSET`.
    GSET = true,
    /// Upvalue `k & 0xffff_ffff` of the closure `a`; result `Any`. Exits when the
    /// upvalue is an open one into the trace's slot window (`k >> 32` slots from the
    /// root function slot up), whose stack copies may be stale (`backend::upval`).
    UGET = true,
    /// Upvalue `k & 0xffff_ffff` of the closure `a` := `b`; exits like `UGET`.
    USET = true,
    /// `#a` of a table or string; result `Num`.
    LEN = false,
    /// `a .. b .. c` of strings and numbers (`c` may be nil: two operands); result `Str`.
    CAT = false,
    /// A new table, size hint `k` (`TNEW`'s D); result `Tab`.
    TNEW = false,
    /// A copy of template table `a`; result `Tab`.
    TDUP = false,
    /// Checks that boxed `a` has this instruction's type; the result is `a` in that type
    /// (unboxed for `Num`). Exits otherwise.
    TYPE = true,

    // ---- Loop. -------------------------------------------------------------------
    /// Per-iteration bookkeeping at the back edge: instruction budget and GC threshold.
    /// Exits (resuming at the loop instruction) when either runs out. With `k` = 1, the
    /// GC threshold only (down-recursion: returns spend no budget). In the body of a
    /// peeled loop that cannot allocate, the backend checks the budget only
    /// (`backend::loopinv`).
    LOOPCHK = true,
    /// The back edge: stores the slots of snapshot `snap` and jumps to the trace head.
    LOOP = false,
    /// A side trace's end: stores the slots of snapshot `snap` and continues in root
    /// trace `k` (a tail call), with the base moved to the snapshot's innermost frame
    /// (a side trace that reaches a call of its root function trace enters it there).
    LINK = false,
    /// The back edge of an up- or tail-recursive trace: stores the slots of snapshot
    /// `snap`, moves the base to the snapshot's innermost frame (the new frame of the
    /// recursive call; the same frame for tail recursion) and jumps to the trace head,
    /// which runs that frame as its start frame.
    RLOOP = false,
    /// A return below the start frame (down-recursion): the base moves down `k` slots,
    /// to the frame returned to, which the trace runs on as its start frame. Its guards
    /// (the frame link, the caller's prototype) precede it.
    RETF = false,
    /// Exits unless the Lua stack has room for the trace tree's frames above slot `k`
    /// (signed, relative to the base): `base + k` at most `JitState::stack_limit`, which
    /// the entry set. Guards every move of the base up (recursion, links).
    STACKCHK = true,

    // ---- Fast functions and strings (see `trace::helpers`). ------------------------
    /// One argument of an `FFCALL`: `a` the previous `CARG` (or none), `b` the value.
    CARG = false,
    /// A call of the pure native `a` (a constant) with the arguments of the `CARG`
    /// chain ending at `b`, laid out as `k` says (`helpers::ffcall_k`); result `Any`, its
    /// first result. Exits (before any effect) when the call cannot be made on trace.
    FFCALL = true,
    /// Result `k` (a slot, see `helpers::ffres_slot`) left by `FFCALL` `a`; result `Any`.
    FFRES = false,
    /// The order of strings `a` and `b`: -1, 0 or 1 (`Num`).
    STRCMP = false,
    /// `s[b]` for a string `s` (through the string metatable's `__index` table); result
    /// `Any`. Exits when that is not a plain table lookup.
    STRIDX = true,
    /// Checks that upvalue `k & 0xffff_ffff` of closure `a` is open at slot `k >> 32`
    /// (signed) of the trace's frames, so its value is that slot's.
    UREFO = true,
    /// `next(a, b)` for table `a`: the next key (`Any`), its value left in slot `k`
    /// (read by `FFRES`). Exits when `b` is no key of `a`.
    NEXT = true,
    // ---- Metamethods (trace::record::meta). -----------------------------------------
    /// Metamethod `k` (`vm::meta::MM_*`) of boxed value `a`: its metatable's field, or
    /// nil; result `Any`.
    MMGET = false,
    /// Raw `a[b]` of table `a` (no `__index`); result `Any`.
    TGETR = false,
    /// Raw `a[b] = c` of table `a` (no `__newindex`). Exits (before any effect) on a nil
    /// or NaN key.
    TSETR = true,
    /// The trace's end in the interpreter: leaves through snapshot `snap` always.
    EXIT = true,
    // ---- Table slots in machine code (see `vm::table`'s layout). ------------------------
    /// `a[b]` from the array part of table `a`: exits unless the number `b` is an integer
    /// in `0 .. asize`; result `Any`, the slot's value (a nil there is `a[b]` only if
    /// `a` has no metatable: see `NOMT`).
    ALOAD = true,
    /// `a[b] = c` into the array part: exits (before storing) unless `b` is an integer
    /// in `0 .. asize` and the slot holds a value or `a` has no metatable (else
    /// `__newindex` may apply; with `STORE_RAW` in `k`, a `NOMT` of `a` came first).
    /// `c` is never nil (nil stores go through `TSET`).
    ASTORE = true,
    /// `a[b]` for the constant key `b` at node `k` of table `a`'s hash part: exits unless
    /// that node holds key `b` (then it holds `a[b]`: a key has one node); result `Any`.
    HLOAD = true,
    /// `a[b] = c` at node `k & NODE_MASK`: exits (before storing) unless that node holds
    /// key `b` and a value or `a` has no metatable (`STORE_RAW` as for `ASTORE`). `c` is
    /// never nil.
    HSTORE = true,
    /// Exits unless table `a` has no metatable: a nil loaded from it is the result.
    NOMT = true,
    /// The environment table of closure `a` (a global `env[k]` is then a table load
    /// of it: `HLOAD`, or `TGET`); result `Tab`.
    FENV = false,
    /// Table `a`'s metatable := table `b`, or none for a nil `b` (the base library's
    /// `setmetatable`, recorded only after a `NOMT` of `a`: replacing a metatable needs
    /// the `__metatable` check the interpreter makes).
    SETMT = false,
    /// Table `a`'s metatable, as a value: a table, or nil; result `Any`.
    MTLOAD = false,
    // ---- C data (see `trace::record::ffi_data` and `trace::helpers_ffi`). ----------
    // `Word` values are raw 64-bit machine words (addresses, 64-bit integers); they are
    // never stored into a Lua slot: `CDBOX` makes a cdata of one first.
    /// Checks that cdata `a` (not a ctype object) has ctype id `k`.
    CDTYPE = true,
    /// The payload address of cdata `a` (`Word`; a cdata's payload never moves).
    CDPTR = false,
    /// A load of the C scalar described by `k` (`helpers_ffi::mem_k`) at address `a`:
    /// `Num` (converted to a double) or `Word` (extended to 64 bits).
    XLOAD = false,
    /// A store of `b` (`Num` for floating kinds, else `Word`, truncated) as the C scalar
    /// described by `k` at address `a`.
    XSTORE = false,
    /// 64-bit integer `a + b`, `a - b`, `a * b` (wrapping), `-a`.
    IADD = false,
    ISUB = false,
    IMUL = false,
    INEG = false,
    /// 64-bit signed `a / b` for a constant `b` > 0 (an element size).
    ISDIV = false,
    /// `a op b` of 64-bit integers by the interpreter's routine (division, modulo and
    /// power: `k` = `ArithOp` | unsigned << 8); `Word`.
    I64ARITH = false,
    /// Integer comparison of words `a` and `b` with condition `k` (`helpers_ffi::CC_*`).
    ICMP = true,
    /// Number <-> word conversion of `a`, kind `k` (`helpers_ffi::CONV_*`).
    CONV = false,
    /// A new cdata of ctype `k` whose 8-byte payload is word `a`; result `Cdata`. Exits
    /// (before any effect) when it cannot be allocated.
    CDBOX = true,
    /// The bits C storage of ctype `k` gets from number `a` (the interpreter's conversion).
    CDNUM = false,
    /// A new cdata of ctype `k` (a complex number) holding a copy of the one at address
    /// `a`; result `Cdata`. Exits (before any effect) when it cannot be allocated.
    CDCOPY = true,
    /// Bitfield `k` (`helpers_ffi::bf_k`) of container word `a`, zero- or
    /// sign-extended; `Word`.
    BFEXT = false,
    /// Container word `a` with bitfield `k` replaced by the low bits of word `b`; `Word`.
    BFINS = false,
    // ---- C calls (trace::record::ffi_call). ------------------------------------------
    /// Lua value `a` converted to C type `k` (a ctype id) as a C call's argument, by the
    /// interpreter's own conversion; result `Word` (the C value's bits, extended to 64).
    /// Exits (before the call) when the conversion fails.
    CCONV = true,
    /// A direct call of the C function at address `a` (a `KWORD`) with the arguments of
    /// the `CARG` chain ending at `b`, signature `k` (`ffi_call::Sig`); result `Num`,
    /// `Word` (raw bits for `CBOX`) or `Void`. Before the call it publishes snapshot
    /// `snap` as its bail exit (written back to the stack): a callback arriving during
    /// the call rebuilds the interpreter's frames from it, and the trace then leaves at
    /// once (see `trace::mod`'s activations). Never exits otherwise.
    CCALL = true,
    /// The raw result `a` of a `CCALL` as the Lua value of C type `k` (the interpreter's
    /// conversion: 64-bit integers and pointers become cdata); result `Cdata` or `Any`.
    CBOX = false,
    // ---- Loop peeling (trace::opt::loop_). ------------------------------------------
    /// The start of the peeled loop: what precedes it runs once (the pre-roll, where
    /// invariant guards and values stay), what follows it is the loop proper, ending in
    /// `LOOP`, which then jumps here and stores nothing.
    HEAD = false,
    /// Loop-carried value: `a` (an instruction before `HEAD`) on entry, `b` after each
    /// iteration. After `HEAD`, a reference to `a` means its `PHI`'s current value.
    PHI = false,
    // ---- Integers (trace::opt::narrow). ---------------------------------------------
    // `ADD`, `SUB` and `MUL` of type `Int` are integer arithmetic that cannot overflow
    // (proved by the pass); the comparison guards compare integers when their operands
    // are `Int`. An `SLOAD` of type `Int` loads a number and exits unless it is an
    // `Int` value (integral, in range, not -0).
    /// `k` = the integer's bits (`i32` as `u32`).
    KINT = false,
    /// Integer `a + b`; exits on overflow.
    ADDOV = true,
    /// Integer `a - b`; exits on overflow.
    SUBOV = true,
    /// Integer `a * b`; exits on overflow. (`0 * -1` is `0`, not the double `-0`: the
    /// pass narrows a product only where that cannot be seen.)
    MULOV = true,
    /// The double of integer `a` (exact).
    TONUM = false,
}

/// Groups of opcodes that several passes ask the same question about. Each pass adds
/// what its own question allows beyond them, next to where it asks.
impl IrOp {
    /// Guards that compare their operands and do nothing else.
    pub const fn is_comparison(self) -> bool {
        use IrOp::*;
        matches!(self, LT | GE | LE | GT | EQ | NE | EQV | NEV | EQPROTO)
    }

    /// Number arithmetic the backend emits inline on every target: no call, no effect
    /// beyond its result (and the overflow exits of the integer ones).
    pub const fn is_inline_arith(self) -> bool {
        use IrOp::*;
        matches!(self, ADD | SUB | MUL | DIV | NEG | ABS | TONUM | ADDOV | SUBOV | MULOV)
    }

    /// Number arithmetic that may be a call of a pure helper (`pow`, `fmod`, `floor`
    /// without SSE4.1): no effect, but a call.
    pub const fn is_helper_arith(self) -> bool {
        use IrOp::*;
        matches!(self, SQRT | FLOOR | CEIL | MOD | POW)
    }

    /// Loads of a slot, an array or hash slot, a type check of one: reads that
    /// neither call nor change anything.
    pub const fn is_plain_read(self) -> bool {
        use IrOp::*;
        matches!(self, SLOAD | TYPE | ALOAD | HLOAD)
    }
}

/// In `k` of `ASTORE`/`HSTORE`: a `NOMT` of the same table dominates the store with
/// nothing between that could give the table a metatable (`opt::fwd`'s `Mem::Meta`),
/// so the store needs no check of the slot's old value.
pub const STORE_RAW: u64 = 1 << 32;
/// The node index in `k` of `HLOAD`/`HSTORE`.
pub const NODE_MASK: u64 = STORE_RAW - 1;
/// In `k` of `HLOAD`/`HSTORE`: an earlier access of the same table at the same node
/// with the same key, nothing between able to move a key (`opt::fwd::mark_nodes`),
/// already saw that node hold the key: the access checks nothing.
pub const NODE_KEYED: u64 = 1 << 33;
/// In `k` of `HLOAD`/`HSTORE`: the hash part of table `a` is known to have more than
/// node index nodes (an earlier access at that index or above, nothing between able
/// to resize the table): the access checks the node's key only.
pub const NODE_SIZED: u64 = 1 << 34;
/// In `k` of an `HLOAD`/`HSTORE` that checks the size of the hash part: the highest
/// node index that the accesses of the same table after it use, up to the next thing
/// able to resize it, if above its own (else 0). The check is then that the part has
/// more nodes than that, and those accesses are `NODE_SIZED` (LuaJIT's hash mask guard).
pub const NODE_BOUND_SHIFT: u32 = 40;

/// One IR instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IrIns {
    pub op: IrOp,
    pub t: IrType,
    pub a: IrRef,
    pub b: IrRef,
    pub c: IrRef,
    pub k: u64,
    /// The snapshot a guard exits through.
    pub snap: u32,
}

/// The IR buffer of one trace.
#[derive(Default, Clone)]
pub struct IrBuf {
    /// Constants; `kins[i]` has ref `REF_BIAS - 1 - i`.
    pub kins: Vec<IrIns>,
    /// Instructions; `ins[i]` has ref `REF_BIAS + i`.
    pub ins: Vec<IrIns>,
}

impl IrBuf {
    pub fn get(&self, r: IrRef) -> &IrIns {
        if r >= REF_BIAS {
            &self.ins[(r - REF_BIAS) as usize]
        } else {
            &self.kins[(REF_BIAS - 1 - r) as usize]
        }
    }

    pub fn is_const(r: IrRef) -> bool {
        r < REF_BIAS
    }

    /// The next instruction ref to be emitted.
    pub fn next_ref(&self) -> IrRef {
        REF_BIAS + self.ins.len() as IrRef
    }

    // The instruction's fields, one argument each, as LuaJIT's emit takes them.
    #[allow(clippy::too_many_arguments)]
    pub fn emit(&mut self, op: IrOp, t: IrType, a: IrRef, b: IrRef, c: IrRef, k: u64, snap: u32) -> IrRef {
        self.ins.push(IrIns { op, t, a, b, c, k, snap });
        REF_BIAS + self.ins.len() as IrRef - 1
    }

    /// An interned constant.
    fn konst(&mut self, op: IrOp, t: IrType, k: u64) -> IrRef {
        if let Some(i) = self.kins.iter().position(|x| x.op == op && x.k == k && x.t == t) {
            return REF_BIAS - 1 - i as IrRef;
        }
        self.kins.push(IrIns { op, t, a: REF_NONE, b: REF_NONE, c: REF_NONE, k, snap: 0 });
        REF_BIAS - self.kins.len() as IrRef
    }

    pub fn knum(&mut self, n: f64) -> IrRef {
        self.konst(IrOp::KNUM, IrType::Num, n.to_bits())
    }

    /// A constant Lua value of any type.
    pub fn kval(&mut self, v: TValue) -> IrRef {
        if v.is_number() { self.knum(v.as_number()) } else { self.konst(IrOp::KVAL, IrType::of(v), v.bits()) }
    }

    pub fn kint(&mut self, i: i32) -> IrRef {
        self.konst(IrOp::KINT, IrType::Int, i as u32 as u64)
    }

    /// The value of integer constant `r`.
    pub fn const_int(&self, r: IrRef) -> Option<i32> {
        (r != REF_NONE && Self::is_const(r) && self.get(r).op == IrOp::KINT)
            .then(|| self.get(r).k as u32 as i32)
    }

    /// The value of number constant `r` (an integer constant stands for its double).
    pub fn const_number(&self, r: IrRef) -> Option<f64> {
        if r == REF_NONE {
            return None;
        }
        self.const_int(r)
            .map(f64::from)
            .or_else(|| self.const_value(r).filter(|v| v.is_number()).map(|v| v.as_number()))
    }

    pub fn kword(&mut self, w: u64) -> IrRef {
        self.konst(IrOp::KWORD, IrType::Word, w)
    }

    /// The constant's value as a TValue, if `r` is a Lua-valued constant.
    pub fn const_value(&self, r: IrRef) -> Option<TValue> {
        if !Self::is_const(r) {
            return None;
        }
        let k = self.get(r);
        match k.op {
            IrOp::KNUM | IrOp::KVAL => Some(TValue(k.k)),
            _ => None,
        }
    }

    /// How `-jdump` names a ref: an instruction number, or a constant's value.
    pub fn fmt_ref(&self, r: IrRef) -> String {
        if r == REF_NONE {
            String::new()
        } else if r >= REF_BIAS {
            format!("{:04}", r - REF_BIAS + 1)
        } else {
            let k = self.get(r);
            match k.op {
                IrOp::KNUM => format!("{:+}", f64::from_bits(k.k)),
                IrOp::KWORD => format!("#{}", k.k),
                IrOp::KINT => format!("{:+}", k.k as u32 as i32),
                _ => match k.t {
                    IrType::Nil => "nil".into(),
                    IrType::False => "false".into(),
                    IrType::True => "true".into(),
                    IrType::Any if TValue(k.k).is_frame() => format!("[link {:#x}]", TValue(k.k).payload()),
                    t => format!("[{} {:#x}]", t.name(), TValue(k.k).payload()),
                },
            }
        }
    }

    /// `-jdump` listing: one line per instruction, LuaJIT's column layout.
    pub fn dump(&self, out: &mut String) {
        let fmt_ref = |r: IrRef| self.fmt_ref(r);
        for (i, x) in self.ins.iter().enumerate() {
            let g = if x.op.is_guard() { '>' } else { ' ' };
            let _ = write!(out, "{:04} {g} {} {:<7}", i + 1, x.t.name(), x.op.name());
            let mut ops: Vec<String> =
                [x.a, x.b, x.c].iter().filter(|&&r| r != REF_NONE).map(|&r| fmt_ref(r)).collect();
            match x.op {
                IrOp::SLOAD => ops.push(format!("#{}", x.k as i64)),
                IrOp::UGET | IrOp::USET => ops.push(format!("#{}", x.k as u32)),
                IrOp::EQPROTO => ops.push(format!("[proto {:#x}]", x.k)),
                IrOp::MMGET => ops.push(format!("#{}", x.k)),
                IrOp::FFCALL => ops.push(format!("#{}/{}", (x.k >> 32) & 0xff, (x.k >> 40) & 0xff)),
                IrOp::CCONV | IrOp::CBOX => ops.push(format!("ctype #{}", x.k)),
                IrOp::CCALL => ops.push(format!("sig {:#x}", x.k)),
                IrOp::FFRES | IrOp::NEXT => ops.push(format!("#{}", x.k as u32 as i32)),
                IrOp::HLOAD => {
                    ops.push(format!("node #{}", x.k & NODE_MASK));
                    push_node_checks(&mut ops, x.k);
                }
                IrOp::ASTORE | IrOp::HSTORE => {
                    if x.op == IrOp::HSTORE {
                        ops.push(format!("node #{}", x.k & NODE_MASK));
                        push_node_checks(&mut ops, x.k);
                    }
                    if x.k & STORE_RAW != 0 {
                        ops.push("raw".into());
                    }
                }
                IrOp::UREFO => ops.push(format!("#{} @{}", x.k as u32, (x.k >> 32) as u32 as i32)),
                IrOp::CDTYPE | IrOp::CDBOX | IrOp::CDNUM | IrOp::CDCOPY => {
                    ops.push(format!("ctype #{}", x.k))
                }
                IrOp::XLOAD
                | IrOp::XSTORE
                | IrOp::ICMP
                | IrOp::CONV
                | IrOp::I64ARITH
                | IrOp::BFEXT
                | IrOp::BFINS => ops.push(format!("#{:#x}", x.k)),
                IrOp::LOOP | IrOp::RLOOP => ops.push(format!("snap #{}", x.snap)),
                IrOp::STACKCHK | IrOp::RETF => ops.push(format!("#{}", x.k as i64)),
                IrOp::LINK => ops.push(format!("snap #{}  -> trace {}", x.snap, x.k)),
                _ => {}
            }
            if x.op.is_guard() {
                ops.push(format!("-> {}", x.snap));
            }
            let _ = writeln!(out, " {}", ops.join("  "));
        }
    }
}

/// How `-jdump` shows the checks an `HLOAD`/`HSTORE` leaves out.
fn push_node_checks(ops: &mut Vec<String>, k: u64) {
    if k & NODE_KEYED != 0 {
        ops.push("keyed".into());
    } else if k & NODE_SIZED != 0 {
        ops.push("sized".into());
    } else if k >> NODE_BOUND_SHIFT != 0 {
        ops.push(format!("nodes > {}", k >> NODE_BOUND_SHIFT));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_interned_below_the_bias() {
        let mut ir = IrBuf::default();
        let a = ir.knum(1.5);
        let b = ir.kval(TValue::NIL);
        assert!(IrBuf::is_const(a) && IrBuf::is_const(b));
        assert_ne!(a, b);
        assert_eq!(ir.knum(1.5), a);
        // 0 and -0 are different constants: their bits differ.
        assert_ne!(ir.knum(0.0), ir.knum(-0.0));
        assert_eq!(ir.const_value(b), Some(TValue::NIL));
        let i = ir.emit(IrOp::ADD, IrType::Num, a, a, REF_NONE, 0, 0);
        assert_eq!(i, REF_BIAS);
        assert_eq!(ir.get(i).op, IrOp::ADD);
    }

    #[test]
    fn types_of_values() {
        assert_eq!(IrType::of(TValue::number(3.0)), IrType::Num);
        assert_eq!(IrType::of(TValue::NIL), IrType::Nil);
        assert_eq!(IrType::Nil.prim_bits(), Some(TValue::NIL.bits()));
        assert_eq!(IrType::Tab.tag(), Some(TAG_TABLE));
        assert!(IrType::False.is_falsy() && !IrType::Num.is_falsy());
    }
}
