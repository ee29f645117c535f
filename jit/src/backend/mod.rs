//! The backend: trace IR -> Cranelift IR -> machine code in our own code memory.
//!
//! Every trace is one Cranelift function in the `tail` calling convention:
//!
//! ```text
//!   trace(base: *mut TValue, st: *mut State, exitbuf: *mut u64) -> u64 (exit number)
//!
//!   entry:  constants                        exit blocks (cold), one per snapshot used:
//!           jump head                          cell = exit cells[n]
//!   head:   ... IR in order ...                cell == 0: store each entry's value
//!           guard: brif ok, next, exit_n         (TValue bits) to exitbuf[i];
//!   next:   ...                                  return trace << 16 | n
//!           LOOP: store modified slots to      else (a side trace is attached): store
//!                 base[slot]; jump head          the entries to base[slot];
//!           LINK: (side trace) store them;       return_call_indirect cell(base, ..)
//!                 return_call root(base, ..)
//! ```
//!
//! A peeled loop (`trace::opt::loop_`) stores nothing at its back edge:
//!
//! ```text
//!   head:   pre-roll (invariant guards and values), def_var(phi_r, r) for PHI refs
//!           jump loop
//!   loop:   (HEAD) ... IR in order; a PHI ref reads use_var(phi_r) ...
//!           LOOP: def_var(phi_r, r') for every PHI r r' at once; jump loop
//! ```
//!
//! Instructions allocation sinking marked (`trace::opt::sink`) emit nothing. An exit
//! whose snapshot names a sunk table stores the values its stores need after the
//! entries (`snap::Unsink`); with a side trace attached, the exit path makes the
//! tables itself (`snap::unsink_exit`) before writing the slots back.
//!
//! Each ref with a `PHI` is a Cranelift `Variable`, and the frontend's SSA construction
//! makes the block parameters, so the loop carries its values in registers. An exit
//! from inside the loop reads the variables too: its snapshot names the `PHI` refs,
//! which there mean the current iteration's values, exactly the slots' contents.
//!
//! The base is the head block's parameter: a recursive trace (`RLOOP`) moves it to the
//! frame its next iteration runs, guarded by `STACKCHK`; a side trace may enter its
//! root with it moved (`LINK`). Every exit block stores the base after the snapshot's
//! values, so the exit restores them relative to the frame it left from.
//!
//! All traces of a tree share the root's base: a side trace's frames are at the same
//! places as in its parent, and it starts with the stack in sync (its parent's exit
//! wrote every value back), so it reads slots as a root trace does, less the checks
//! that exit has made certain: the types of the values it wrote, and the comparison
//! whose failure took it (`inherit`).
//!
//! Rust calls traces only through one trampoline (C ABI -> `tail`), compiled once per
//! backend, so Rust never needs to know the `tail` convention. On x86-64, Cranelift's
//! tail calls need frame pointers to be preserved (`preserve_frame_pointers`); we set it
//! on every architecture, which also keeps traces visible to profilers.
//!
//! VM operations (table accesses, upvalues, `%`, `^`) are calls of `trace::helpers`
//! through `call_indirect` on absolute addresses: the code has no relocations, and any
//! relocation Cranelift asks for (a libcall) makes the compile fail cleanly.
//!
//! The same lowering serves x86-64 and aarch64: nothing here depends on the target but
//! the CPU features (`cpu_features`) and the instruction cache (`mcode`). Both hold
//! TValues in 64-bit integer registers and numbers in FP registers, moved between the two
//! by `bitcast`; helpers take and return `u64`/`f64` under the platform C ABI, which
//! Cranelift's `default_call_conv` is on both. aarch64 runs the JIT tests and
//! conformance suites under QEMU user mode (ci/cross).
//!
//! Integers (`IrType::Int`, from `trace::opt::narrow`) are `i32` values in integer
//! registers, `PHI`s of them included; wherever a TValue is needed (an exit, a back
//! edge, a helper's argument) `boxed` converts one to its double, which is exact. An
//! `Int` `SLOAD` converts the slot's double and checks that converting back gives the
//! same bits, which fails for fractions, NaN, out-of-range values and -0 alike.
//!
//! Optimisation: with the `cse`/`loop` flags on, Cranelift's optimiser runs on root traces
//! (`opt_level=speed`: GVN, LICM, constant folding); with them off (`-O0`, `-O-cse
//! -O-loop`), none does, so a divergence can be bisected to "our IR" vs "the optimiser".
//! Side traces never get it (`State::trace_finish`): they have no loop to hoist from, our
//! own passes have folded and CSE'd their IR already, and in fannkuch they are most of
//! what is compiled, the long ones (a hundred IR instructions, sixty exits) costing ~15%
//! more to compile with it for the same code. The register allocator stays regalloc2's
//! backtracking one: the single-pass allocator compiles ~30% faster but makes twice the
//! code and a third slower traces.

mod cdata;
pub mod disasm;
mod exits;
mod inherit;
mod iter;
mod loopchk;
mod loopinv;
pub mod mcode;
mod tab;
#[cfg(test)]
mod tests;
mod upval;

use cranelift_codegen::Context;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    AbiParam, BlockArg, Function, InstBuilder, MemFlagsData, Signature, StackSlot, StackSlotData,
    StackSlotKind, UserFuncName, Value, types,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};

pub use mcode::Code;

use crate::trace::helpers;
use crate::trace::ir::*;
use crate::trace::snap::{Snapshot, Unsink};
use crate::vm::func::Func;
use crate::vm::gc::Gc;
use crate::vm::state::State;
use crate::vm::value::*;

/// The entry trampoline: `trampoline(trace, base, st, exitbuf)` runs the trace and
/// returns the number of the snapshot it left through.
pub type Trampoline = unsafe extern "C" fn(*const u8, *mut TValue, *mut State, *mut u64) -> u64;

pub struct Backend {
    /// ISAs with and without Cranelift's optimiser.
    isa_opt: OwnedTargetIsa,
    isa_noopt: OwnedTargetIsa,
    /// Whether `floor`/`ceil` are native instructions (else helper calls).
    native_round: bool,
    trampoline: Code,
    fctx: FunctionBuilderContext,
}

fn triple() -> String {
    format!("{}-unknown-linux-gnu", std::env::consts::ARCH)
}

fn make_isa(opt: bool) -> Result<(OwnedTargetIsa, bool), String> {
    let mut fb = settings::builder();
    let set = |fb: &mut settings::Builder, k: &str, v: &str| fb.set(k, v).map_err(|e| format!("{k}: {e}"));
    set(&mut fb, "opt_level", if opt { "speed" } else { "none" })?;
    set(&mut fb, "preserve_frame_pointers", "true")?;
    set(&mut fb, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
    let mut ib = cranelift_codegen::isa::lookup_by_name(&triple())
        .map_err(|e| format!("no JIT for this target: {e}"))?;
    let native_round = cpu_features(&mut ib)?;
    let isa = ib.finish(settings::Flags::new(fb)).map_err(|e| format!("cannot configure the JIT: {e}"))?;
    Ok((isa, native_round))
}

/// Tells Cranelift what the CPU has beyond the baseline; returns whether `floor` and
/// `ceil` are single instructions. Without them Cranelift would lower the two to libcalls,
/// which our relocation-free code cannot have, so they become helper calls instead.
#[cfg(target_arch = "x86_64")]
fn cpu_features(ib: &mut cranelift_codegen::isa::Builder) -> Result<bool, String> {
    // `roundsd` is SSE4.1; Cranelift wants the SSE3/SSSE3 flags along with it.
    if !(std::is_x86_feature_detected!("sse4.1") && std::is_x86_feature_detected!("ssse3")) {
        return Ok(false);
    }
    for f in ["has_sse3", "has_ssse3", "has_sse41"] {
        ib.set(f, "true").map_err(|e| format!("{f}: {e}"))?;
    }
    Ok(true)
}

/// The AArch64 baseline has `frintm`/`frintp`; nothing optional is used.
#[cfg(not(target_arch = "x86_64"))]
fn cpu_features(_ib: &mut cranelift_codegen::isa::Builder) -> Result<bool, String> {
    Ok(true)
}

fn mem() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl Backend {
    pub fn new() -> Result<Backend, String> {
        let (isa_opt, native_round) = make_isa(true)?;
        let (isa_noopt, _) = make_isa(false)?;
        let mut fctx = FunctionBuilderContext::new();
        let trampoline = build_trampoline(&*isa_opt, &mut fctx)?;
        Ok(Backend { isa_opt, isa_noopt, native_round, trampoline, fctx })
    }

    pub fn trampoline(&self) -> Trampoline {
        // SAFETY: the trampoline's code was compiled with exactly this C signature.
        unsafe { std::mem::transmute::<*const u8, Trampoline>(self.trampoline.entry()) }
    }

    /// The entry trampoline's code (for `-jperf`).
    pub fn trampoline_code(&self) -> &Code {
        &self.trampoline
    }

    /// Compiles trace number `no`. `cells` are its exit cells (one `u64` per snapshot,
    /// 0 or the entry of the side trace attached there; they outlive the code), and
    /// `root` the entry of the trace a side trace links to.
    pub fn compile(&mut self, t: TraceCode<'_>, opt: bool) -> Result<Code, String> {
        let isa = if opt { &*self.isa_opt } else { &*self.isa_noopt };
        // A fresh `Context` per trace, not one kept and cleared: kept, it saved 0.5-2%
        // of compile time but changed where glibc's heap put the table runtime's
        // allocations, and hash.lua took 4.5x the page faults and ran 15% slower.
        let mut ctx =
            Context::for_function(Function::with_name_signature(UserFuncName::user(0, 1), trace_sig()));
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut self.fctx);
        if let Err(e) = Lower::new(&mut b, isa.default_call_conv(), self.native_round, &t).lower(t.ir) {
            // Only `finalize` empties the builder's context: start the next trace afresh.
            self.fctx = FunctionBuilderContext::new();
            return Err(e);
        }
        b.seal_all_blocks();
        b.finalize(isa.frontend_config());
        finish(isa, &mut ctx)
    }
}

/// What the backend needs to know of a trace.
pub struct TraceCode<'a> {
    pub no: u16,
    pub ir: &'a IrBuf,
    pub snaps: &'a [Snapshot],
    pub cells: *const u64,
    pub root: Option<*const u8>,
    /// Which instructions are sunk (indexed by instruction), and each snapshot's plan
    /// for making them at its exit (fixed heap addresses: the code names them).
    pub sunk: &'a [bool],
    pub unsink: &'a [Unsink],
    /// The snapshot of the exit at a return that ends the trace, if a down-recursive
    /// trace compiled later may continue it (`State::bind_return_exits`): its exit
    /// reads its cell, though it is never hot.
    pub ret_exit: Option<u32>,
    /// For a side trace: the slots its parent's exit writes, with the IR types of the
    /// values (`Inherited::entries`); empty for a root trace.
    pub inherited: &'a [(i32, IrType)],
    /// For a side trace: the failed guard of its parent that is its only way in.
    pub parent_guard: Option<ParentGuard>,
}

pub use inherit::{Inherited, ParentGuard};

fn trace_sig() -> Signature {
    let mut sig = Signature::new(CallConv::Tail);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

fn build_trampoline(
    isa: &dyn cranelift_codegen::isa::TargetIsa,
    fctx: &mut FunctionBuilderContext,
) -> Result<Code, String> {
    let mut sig = Signature::new(isa.default_call_conv());
    for _ in 0..4 {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns.push(AbiParam::new(types::I64));
    let mut ctx = Context::for_function(Function::with_name_signature(UserFuncName::user(0, 0), sig));
    let mut b = FunctionBuilder::new(&mut ctx.func, fctx);
    let blk = b.create_block();
    b.append_block_params_for_function_params(blk);
    b.switch_to_block(blk);
    let p = b.block_params(blk).to_vec();
    let tsig = b.import_signature(trace_sig());
    let call = b.ins().call_indirect(tsig, p[0], &[p[1], p[2], p[3]]);
    let r = b.inst_results(call)[0];
    b.ins().return_(&[r]);
    b.seal_all_blocks();
    b.finalize(isa.frontend_config());
    finish(isa, &mut ctx)
}

/// Compiles the function built in `ctx` and maps its code.
fn finish(isa: &dyn cranelift_codegen::isa::TargetIsa, ctx: &mut Context) -> Result<Code, String> {
    let compiled =
        ctx.compile(isa, &mut ControlPlane::default()).map_err(|e| format!("NYI: backend: {:?}", e.inner))?;
    if !compiled.buffer.relocs().is_empty() {
        return Err("NYI: backend: relocation".into());
    }
    Code::new(compiled.code_buffer())
}

/// One forward pass from trace IR to Cranelift IR.
struct Lower<'a, 'b> {
    b: &'a mut FunctionBuilder<'b>,
    cc: CallConv,
    native_round: bool,
    snaps: &'a [Snapshot],
    sunk: &'a [bool],
    unsink: &'a [Unsink],
    no: u16,
    cells: *const u64,
    root: Option<*const u8>,
    ret_exit: Option<u32>,
    /// The trace's constants, made where they are used (see `val`).
    kins: &'a [IrIns],
    vals: Vec<Value>,
    /// The variable of each instruction with a `PHI` (a value carried round the loop).
    vars: Vec<Option<Variable>>,
    exits: exits::Exits,
    base: Value,
    st: Value,
    exitbuf: Value,
    /// Where `st` and `exitbuf` are kept (see `reload`).
    params: StackSlot,
    /// `State::budget_left` while the trace runs (see `loopchk`), if it spends any.
    budget: Option<Variable>,
    /// What the loop proper may keep across iterations (`loopinv`).
    facts: loopinv::LoopFacts,
    /// The `LOOPCHK`s one check does for several (`loopchk`).
    chks: loopchk::Runs,
    /// The slot types a side trace's entry knows (`inherit`).
    inherited: inherit::Inherited,
    /// The failed guard of the parent that a side trace need not check again.
    parent_guard: Option<ParentGuard>,
    /// The headers loaded before `HEAD` of the tables in `facts.tables`.
    hdrs: Vec<(IrRef, tab::Hdr)>,
    /// Array slot addresses already checked (`tab::ArraySlots`).
    aslots: tab::ArraySlots,
    /// The hash part each table's last `HLOAD`/`HSTORE` used (`tab::node_slot`).
    nodes: Vec<(IrRef, (Value, Value))>,
}

impl<'a, 'b> Lower<'a, 'b> {
    fn new(b: &'a mut FunctionBuilder<'b>, cc: CallConv, native_round: bool, t: &TraceCode<'a>) -> Self {
        let snaps = t.snaps;
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let p = b.block_params(entry).to_vec();
        let params = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16, 3));
        b.ins().stack_store(types::I64, p[1], params, 0);
        b.ins().stack_store(types::I64, p[2], params, 8);
        Lower {
            b,
            cc,
            native_round,
            snaps,
            sunk: t.sunk,
            unsink: t.unsink,
            no: t.no,
            cells: t.cells,
            root: t.root,
            ret_exit: t.ret_exit,
            kins: &t.ir.kins,
            vals: Vec::new(),
            vars: Vec::new(),
            exits: exits::Exits::new(snaps.len()),
            base: p[0],
            st: p[1],
            exitbuf: p[2],
            params,
            budget: None,
            facts: loopinv::LoopFacts::of(t.ir, t.sunk),
            chks: loopchk::Runs::of(t.ir, t.sunk),
            inherited: inherit::Inherited::of(t.ir, t.inherited),
            parent_guard: t.parent_guard.clone(),
            hdrs: Vec::new(),
            aslots: tab::ArraySlots::default(),
            nodes: Vec::new(),
        }
    }

    /// Reads the trace's constant parameters (`st`, `exitbuf`) afresh from their stack
    /// slot: at the loop head, after each helper call and in each exit block.
    ///
    /// Without this they are values live across every helper call of the loop, and on
    /// x86-64 the callee-saved registers (five) go to the loop's own values first: the
    /// register allocator then keeps the parameters in caller-saved registers and moves
    /// them to the stack and back round every call and at the back edge. A load where
    /// they are needed is cheaper. (`base` is not constant: recursive traces move it,
    /// and it is a parameter of the loop head.)
    fn reload(&mut self) {
        self.st = self.b.ins().stack_load(types::I64, types::I64, self.params, 0);
        self.exitbuf = self.b.ins().stack_load(types::I64, types::I64, self.params, 8);
    }

    /// An operand's value (the frame base for "no operand", which nothing reads).
    fn opnd(&mut self, r: IrRef) -> Value {
        if r == REF_NONE { self.base } else { self.val(r) }
    }

    fn val(&mut self, r: IrRef) -> Value {
        if r >= REF_BIAS {
            let i = (r - REF_BIAS) as usize;
            match self.vars[i] {
                Some(var) => self.b.use_var(var),
                None => self.vals[i],
            }
        } else {
            // A constant is made at each use rather than once at the entry: there it
            // would be live through the whole trace, and without Cranelift's optimiser
            // (side traces), which would move it to its uses, a side trace with a few
            // constants pays for them in every entry (materialising them, and saving
            // the callee-saved registers they take) before its first guard. An `f64`
            // constant used by an instruction that reads memory costs no register.
            let k = self.kins[(REF_BIAS - 1 - r) as usize];
            match k.op {
                IrOp::KNUM => self.b.ins().f64const(f64::from_bits(k.k)),
                IrOp::KINT => self.b.ins().iconst(types::I32, k.k as u32 as i32 as i64),
                _ => self.b.ins().iconst(types::I64, k.k as i64),
            }
        }
    }

    /// The value of `r` as TValue bits.
    fn boxed(&mut self, ir: &IrBuf, r: IrRef) -> Value {
        // A checked value boxed again is the value checked (the same bits), unless a
        // `PHI` gives either a value of its own in the loop.
        let x = ir.get(r);
        let no_var = |r: IrRef| r >= REF_BIAS && self.vars[(r - REF_BIAS) as usize].is_none();
        if x.op == IrOp::TYPE
            && ir.get(x.a).t == IrType::Any
            && no_var(r)
            && no_var(x.a)
            && !self.is_sunk(x.a)
        {
            return self.val(x.a);
        }
        // A number constant's box is its bits: one integer constant, rather than a
        // double made and moved to an integer register.
        if x.op == IrOp::KNUM {
            return self.b.ins().iconst(types::I64, x.k as i64);
        }
        let v = self.val(r);
        match ir.get(r).t {
            IrType::Num => self.b.ins().bitcast(types::I64, MemFlagsData::new(), v),
            // An integer is the double it stands for (exact: it has 32 bits).
            IrType::Int => {
                let d = self.b.ins().fcvt_from_sint(types::F64, v);
                self.b.ins().bitcast(types::I64, MemFlagsData::new(), d)
            }
            _ => v,
        }
    }

    /// Continues on the trace if `ok` is true, else leaves through `snap`.
    fn guard(&mut self, ok: Value, snap: u32) {
        let exit = self.exit_block(snap);
        let next = self.b.create_block();
        self.b.ins().brif(ok, next, &[], exit, &[]);
        self.b.switch_to_block(next);
    }

    /// A call of a helper with the native C ABI.
    fn call(&mut self, f: usize, args: &[Value], params: &[types::Type], ret: types::Type) -> Value {
        let mut sig = Signature::new(self.cc);
        sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
        sig.returns.push(AbiParam::new(ret));
        let sref = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(types::I64, f as i64);
        self.budget_out();
        let call = self.b.ins().call_indirect(sref, callee, args);
        let r = self.b.inst_results(call)[0];
        self.reload();
        self.budget_in();
        r
    }

    /// A boolean: does boxed `v` have type `t`.
    fn type_check(&mut self, v: Value, t: IrType) -> Value {
        if matches!(t, IrType::Num | IrType::Int) {
            self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64)
        } else if let Some(bits) = t.prim_bits() {
            self.b.ins().icmp_imm_u(IntCC::Equal, v, bits as i64)
        } else {
            let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
            self.b.ins().icmp_imm_u(IntCC::Equal, tag, t.tag().unwrap_or(0) as i64)
        }
    }

    /// A checked boxed value in the representation of its type.
    fn unbox(&mut self, v: Value, t: IrType) -> Value {
        if t == IrType::Num { self.b.ins().bitcast(types::F64, MemFlagsData::new(), v) } else { v }
    }

    fn lower(mut self, ir: &IrBuf) -> Result<(), String> {
        use types::{F64, I64};
        self.vars = vec![None; ir.ins.len()];
        // A sunk PHI (of boxes sinking left out) carries nothing.
        let sunk = self.sunk;
        let phis = ir.ins.iter().zip(sunk.iter().chain(std::iter::repeat(&false)));
        for (x, _) in phis.filter(|(x, s)| x.op == IrOp::PHI && x.a >= REF_BIAS && !**s) {
            let ty = match x.t {
                IrType::Num => F64,
                IrType::Int => types::I32,
                _ => I64,
            };
            self.vars[(x.a - REF_BIAS) as usize] = Some(self.b.declare_var(ty));
        }
        if ir.ins.iter().any(|x| x.op == IrOp::LOOPCHK && x.k == 0) {
            let var = self.b.declare_var(I64);
            self.budget = Some(var);
            self.budget_in();
        }
        // The head takes the base: a recursive trace's back edge (`RLOOP`) and the
        // side traces linking here move it from frame to frame.
        let head = self.b.create_block();
        let entry_base = self.base;
        self.base = self.b.append_block_param(head, I64);
        self.b.ins().jump(head, &[BlockArg::Value(entry_base)]);
        self.b.switch_to_block(head);
        let mut loop_head = None;
        let mut closed = false;
        for x in &ir.ins {
            if self.is_sunk(self.vals.len() as IrRef + REF_BIAS) {
                // Nothing uses its value but sunk stores and exits (through the plans).
                self.vals.push(self.base);
                continue;
            }
            let (a, b, c) = (x.a, x.b, x.c);
            let (va, vb) = (self.opnd(a), self.opnd(b));
            self.aslots.before(x.op);
            let v = match x.op {
                IrOp::KNUM | IrOp::KVAL | IrOp::KWORD | IrOp::KINT => {
                    return Err("constant in instruction stream".into());
                }
                IrOp::SLOAD => {
                    let off = (x.k as i64 as i32) * 8;
                    let v = self.b.ins().load(I64, mem(), self.base, off);
                    // The function slot needs no check, nor a raw word (a frame link), nor
                    // an integer: `checked_int`'s round trip gives a double, never the bits of
                    // another type's box. Nor a value a side trace's parent has just
                    // written there (`inherit`).
                    let check = inherit::needs_check(x.t, self.inherited.at(self.vals.len(), off / 8));
                    if off != -16 && !matches!(x.t, IrType::Word | IrType::Int) && check {
                        let ok = self.type_check(v, x.t);
                        self.guard(ok, x.snap);
                    }
                    match x.t {
                        IrType::Int if check => self.checked_int(v, x.snap),
                        IrType::Int => self.int_of(v),
                        _ => self.unbox(v, x.t),
                    }
                }
                // The parent's exit into this side trace is this guard's failure.
                IrOp::LT | IrOp::GE | IrOp::LE | IrOp::GT | IrOp::EQ | IrOp::NE
                    if self.parent_guard.as_ref().is_some_and(|g| g.holds(ir, self.vals.len())) =>
                {
                    self.b.ins().iconst(types::I8, 1)
                }
                IrOp::LT | IrOp::GE | IrOp::LE | IrOp::GT | IrOp::EQ | IrOp::NE
                    if ir.get(a).t == IrType::Int =>
                {
                    // Integers are never NaN: `not (a < b)` is `a >= b`.
                    let cc = match x.op {
                        IrOp::LT => IntCC::SignedLessThan,
                        IrOp::GE => IntCC::SignedGreaterThanOrEqual,
                        IrOp::LE => IntCC::SignedLessThanOrEqual,
                        IrOp::GT => IntCC::SignedGreaterThan,
                        IrOp::EQ => IntCC::Equal,
                        _ => IntCC::NotEqual,
                    };
                    let ok = self.b.ins().icmp(cc, va, vb);
                    self.guard(ok, x.snap);
                    ok
                }
                IrOp::LT | IrOp::GE | IrOp::LE | IrOp::GT | IrOp::EQ | IrOp::NE => {
                    let cc = match x.op {
                        IrOp::LT => FloatCC::LessThan,
                        IrOp::GE => FloatCC::UnorderedOrGreaterThanOrEqual,
                        IrOp::LE => FloatCC::LessThanOrEqual,
                        IrOp::GT => FloatCC::UnorderedOrGreaterThan,
                        IrOp::EQ => FloatCC::Equal,
                        _ => FloatCC::NotEqual,
                    };
                    let ok = self.b.ins().fcmp(cc, va, vb);
                    self.guard(ok, x.snap);
                    ok
                }
                IrOp::EQV | IrOp::NEV => {
                    let cc = if x.op == IrOp::EQV { IntCC::Equal } else { IntCC::NotEqual };
                    let ok = self.b.ins().icmp(cc, va, vb);
                    self.guard(ok, x.snap);
                    ok
                }
                IrOp::EQPROTO => {
                    let f = self.b.ins().band_imm_u(va, PAYLOAD_MASK as i64);
                    let p = self.b.ins().load(I64, mem(), f, std::mem::offset_of!(Func, proto) as i32);
                    let ok = self.b.ins().icmp_imm_u(IntCC::Equal, p, x.k as i64);
                    self.guard(ok, x.snap);
                    ok
                }
                IrOp::ADD if x.t == IrType::Int => self.b.ins().iadd(va, vb),
                IrOp::SUB if x.t == IrType::Int => self.b.ins().isub(va, vb),
                IrOp::MUL if x.t == IrType::Int => self.b.ins().imul(va, vb),
                IrOp::ADDOV | IrOp::SUBOV | IrOp::MULOV => {
                    let (r, of) = match x.op {
                        IrOp::ADDOV => self.b.ins().sadd_overflow(va, vb),
                        IrOp::SUBOV => self.b.ins().ssub_overflow(va, vb),
                        _ => self.b.ins().smul_overflow(va, vb),
                    };
                    let ok = self.b.ins().icmp_imm_u(IntCC::Equal, of, 0);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::TONUM => self.b.ins().fcvt_from_sint(F64, va),
                IrOp::ADD => self.b.ins().fadd(va, vb),
                IrOp::SUB => self.b.ins().fsub(va, vb),
                IrOp::MUL => self.b.ins().fmul(va, vb),
                IrOp::DIV => self.b.ins().fdiv(va, vb),
                IrOp::NEG => self.b.ins().fneg(va),
                IrOp::ABS => self.b.ins().fabs(va),
                IrOp::SQRT => self.b.ins().sqrt(va),
                IrOp::FLOOR if self.native_round => self.b.ins().floor(va),
                IrOp::CEIL if self.native_round => self.b.ins().ceil(va),
                IrOp::FLOOR => self.call(helpers::floor as *const () as usize, &[va], &[F64], F64),
                IrOp::CEIL => self.call(helpers::ceil as *const () as usize, &[va], &[F64], F64),
                // The interpreter's `a - floor(a / b) * b` (arith::lua_mod), operation
                // for operation, so the result is the same double (no fused multiply-add).
                IrOp::MOD if self.native_round => {
                    let q = self.b.ins().fdiv(va, vb);
                    let f = self.b.ins().floor(q);
                    let m = self.b.ins().fmul(f, vb);
                    self.b.ins().fsub(va, m)
                }
                IrOp::MOD => self.call(helpers::modulo as *const () as usize, &[va, vb], &[F64, F64], F64),
                IrOp::POW => self.call(helpers::pow as *const () as usize, &[va, vb], &[F64, F64], F64),
                IrOp::TGET if tab::inline_key(ir, b) => self.inline_get(ir, x),
                IrOp::TSET if tab::inline_key(ir, b) => self.inline_set(ir, x),
                IrOp::TGET | IrOp::GGET => {
                    let args = [self.boxed(ir, a), self.boxed(ir, b)];
                    let f = if x.op == IrOp::TGET {
                        helpers::tget as *const () as usize
                    } else {
                        helpers::gget as *const () as usize
                    };
                    let r = self.call(f, &args, &[I64, I64], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::TSET | IrOp::GSET => {
                    let args = [self.st, self.boxed(ir, a), self.boxed(ir, b), self.boxed(ir, c)];
                    let f = if x.op == IrOp::TSET {
                        helpers::tset as *const () as usize
                    } else {
                        helpers::gset as *const () as usize
                    };
                    let r = self.call(f, &args, &[I64; 4], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::Equal, r, 0);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::UGET | IrOp::USET => self.upval_access(ir, x),
                IrOp::CAT => {
                    let args = [self.st, self.boxed(ir, a), self.boxed(ir, b), self.boxed(ir, c)];
                    self.call(helpers::cat as *const () as usize, &args, &[I64; 4], I64)
                }
                IrOp::TNEW => {
                    let d = self.b.ins().iconst(I64, x.k as i64);
                    self.call(helpers::tnew as *const () as usize, &[self.st, d], &[I64; 2], I64)
                }
                IrOp::TDUP => self.call(helpers::tdup as *const () as usize, &[self.st, va], &[I64; 2], I64),
                IrOp::LEN => self.call(helpers::len as *const () as usize, &[va], &[I64], F64),
                IrOp::TYPE => {
                    let v = va;
                    let ok = self.type_check(v, x.t);
                    self.guard(ok, x.snap);
                    self.unbox(v, x.t)
                }
                IrOp::SETMT => {
                    // No write barrier: the collector never runs while a trace does.
                    let t = self.b.ins().band_imm_u(va, PAYLOAD_MASK as i64);
                    let mt = if ir.get(x.b).t == IrType::Nil {
                        self.b.ins().iconst(I64, 0)
                    } else {
                        let v = self.val(x.b);
                        self.b.ins().band_imm_u(v, PAYLOAD_MASK as i64)
                    };
                    self.b.ins().store(mem(), mt, t, crate::vm::table::TAB_METATABLE as i32);
                    va
                }
                IrOp::MTLOAD => {
                    let t = self.b.ins().band_imm_u(va, PAYLOAD_MASK as i64);
                    let mt = self.b.ins().load(I64, mem(), t, crate::vm::table::TAB_METATABLE as i32);
                    let boxed = self.b.ins().bor_imm_u(mt, (TAG_TABLE << TAG_SHIFT) as i64);
                    let nil = self.b.ins().iconst(I64, TValue::NIL.bits() as i64);
                    self.b.ins().select(mt, boxed, nil)
                }
                IrOp::FENV => {
                    let f = self.b.ins().band_imm_u(va, PAYLOAD_MASK as i64);
                    let env = self.b.ins().load(I64, mem(), f, std::mem::offset_of!(Func, env) as i32);
                    self.b.ins().bor_imm_u(env, (TAG_TABLE << TAG_SHIFT) as i64)
                }
                IrOp::ALOAD | IrOp::ASTORE | IrOp::HLOAD | IrOp::HSTORE | IrOp::NOMT => {
                    self.table_slot(ir, x)
                }
                IrOp::CDTYPE
                | IrOp::CDPTR
                | IrOp::XLOAD
                | IrOp::XSTORE
                | IrOp::IADD
                | IrOp::ISUB
                | IrOp::IMUL
                | IrOp::INEG
                | IrOp::ISDIV
                | IrOp::I64ARITH
                | IrOp::ICMP
                | IrOp::CONV
                | IrOp::CDBOX
                | IrOp::CDNUM
                | IrOp::BFEXT
                | IrOp::BFINS
                | IrOp::CDCOPY => self.lower_cdata(x, va, vb),
                IrOp::LOOPCHK if x.k != 0 => {
                    let gc = self.facts.gc_check_at(self.vals.len());
                    self.loopchk(x.snap, 0, gc)
                }
                IrOp::LOOPCHK => {
                    let i = self.vals.len();
                    match self.chks.units(i) {
                        // An earlier check of its run checked for this one's tick.
                        0 => {
                            self.tick();
                            self.base
                        }
                        units => {
                            let gc = self.chks.members(i).any(|j| self.facts.gc_check_at(j));
                            self.loopchk(x.snap, units, gc)
                        }
                    }
                }
                IrOp::RETF => {
                    self.base = self.b.ins().iadd_imm_s(self.base, -(x.k as i64) * 8);
                    self.base
                }
                IrOp::STACKCHK => {
                    let limit = self.stack_limit();
                    let at = self.b.ins().iadd_imm_s(self.base, (x.k as i64) * 8);
                    let ok = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, at, limit);
                    self.guard(ok, x.snap);
                    ok
                }
                IrOp::HEAD => {
                    self.hoist_headers();
                    let blk = self.b.create_block();
                    self.b.ins().jump(blk, &[]);
                    self.b.switch_to_block(blk);
                    if self.facts.needs_state {
                        self.reload();
                    }
                    loop_head = Some(blk);
                    self.base
                }
                // Read at the back edge; in the loop, `a`'s variable stands for it.
                IrOp::PHI => self.base,
                IrOp::LOOP if loop_head.is_some() => {
                    // All at once: a PHI's new value may be another PHI's old one.
                    let phis: Vec<(Variable, Value)> = ir
                        .ins
                        .iter()
                        .filter(|p| p.op == IrOp::PHI)
                        .filter_map(|p| {
                            let var = self.vars[(p.a - REF_BIAS) as usize]?;
                            Some((var, self.val(p.b)))
                        })
                        .collect();
                    for (var, v) in phis {
                        self.b.def_var(var, v);
                    }
                    if let Some(blk) = loop_head {
                        self.b.ins().jump(blk, &[]);
                    }
                    closed = true;
                    self.base
                }
                // Nothing of its own: `FFCALL` stores the chain's values.
                IrOp::CARG => self.base,
                IrOp::FFCALL => {
                    let fslot = x.k as u32 as i32;
                    let mut args = Vec::new();
                    let mut ch = b;
                    while ch != REF_NONE && ir.get(ch).op == IrOp::CARG {
                        args.push(ir.get(ch).b);
                        ch = ir.get(ch).a;
                    }
                    args.reverse();
                    for (i, r) in args.into_iter().enumerate() {
                        let v = self.boxed(ir, r);
                        self.b.ins().store(mem(), v, self.base, (fslot + 2 + i as i32) * 8);
                    }
                    let k = self.b.ins().iconst(I64, x.k as i64);
                    let f = helpers::ffcall as *const () as usize;
                    let r = self.call(f, &[self.st, self.base, va, k], &[I64; 4], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::FFRES => self.b.ins().load(I64, mem(), self.base, (x.k as u32 as i32) * 8),
                IrOp::CCONV => {
                    let v = self.boxed(ir, a);
                    let out =
                        self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
                    let at = self.b.ins().stack_addr(I64, out, 0);
                    let ty = self.b.ins().iconst(I64, x.k as i64);
                    let f = crate::ffi::call::trace_conv_arg as *const () as usize;
                    let r = self.call(f, &[self.st, ty, v, at], &[I64; 4], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, 0);
                    self.guard(ok, x.snap);
                    self.b.ins().stack_load(I64, I64, out, 0)
                }
                IrOp::CCALL => self.c_call(ir, x),
                IrOp::CBOX => {
                    let ty = self.b.ins().iconst(I64, x.k as i64);
                    let f = crate::ffi::call::trace_box_result as *const () as usize;
                    self.call(f, &[self.st, ty, va], &[I64; 3], I64)
                }
                IrOp::STRCMP => {
                    let f = helpers::strcmp as *const () as usize;
                    self.call(f, &[va, vb], &[I64, I64], F64)
                }
                IrOp::STRIDX => {
                    let k = self.boxed(ir, b);
                    let r = self.call(helpers::strindex as *const () as usize, &[self.st, k], &[I64; 2], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::UREFO => self.upval_at_slot(x),
                IrOp::MMGET => {
                    let (v, mm) = (self.boxed(ir, a), self.b.ins().iconst(I64, x.k as i64));
                    self.call(helpers::mmget as *const () as usize, &[self.st, v, mm], &[I64; 3], I64)
                }
                IrOp::TGETR if tab::inline_key(ir, b) => self.raw_get(ir, a, b),
                IrOp::TGETR => {
                    let args = [self.boxed(ir, a), self.boxed(ir, b)];
                    self.call(helpers::tgetr as *const () as usize, &args, &[I64; 2], I64)
                }
                IrOp::TSETR => {
                    let args = [self.st, self.boxed(ir, a), self.boxed(ir, b), self.boxed(ir, c)];
                    let r = self.call(helpers::tsetr as *const () as usize, &args, &[I64; 4], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::Equal, r, 0);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::NEXT => self.next_entry(ir, x),
                IrOp::EXIT => {
                    let exit = self.exit_block(x.snap);
                    self.b.ins().jump(exit, &[]);
                    closed = true;
                    // Nothing follows the trace's end; give the slot a value anyway.
                    self.base
                }
                IrOp::LOOP | IrOp::LINK | IrOp::RLOOP => {
                    self.write_back(ir, x.snap);
                    let moved = self.moved_base(x.snap);
                    if x.op == IrOp::LOOP {
                        self.b.ins().jump(head, &[BlockArg::Value(self.base)]);
                    } else if x.op == IrOp::RLOOP {
                        self.b.ins().jump(head, &[BlockArg::Value(moved)]);
                    } else {
                        let Some(root) = self.root else { return Err("LINK without a root".into()) };
                        self.budget_out();
                        let callee = self.b.ins().iconst(I64, root as i64);
                        self.tail_call(callee, moved);
                    }
                    closed = true;
                    // Nothing follows the trace's end; give the slot a value anyway.
                    self.base
                }
            };
            if let Some(var) = self.vars[self.vals.len()] {
                self.b.def_var(var, v);
            }
            self.vals.push(v);
        }
        if !closed {
            return Err("trace does not end in a loop".into());
        }
        self.emit_exits(ir);
        Ok(())
    }

    /// The per-iteration check of `helpers::loopchk`, inline: it runs on every trip
    /// round a loop, where a call would cost as much as a small loop body.
    ///
    /// ```text
    ///   exit if budget <= units               (the check of `units` loop instructions,
    ///   if gc && gc.total >= gc.threshold:     see `loopchk`)
    ///       exit if !gc.stopped               (cold: read only when the GC is due)
    ///   budget -= 1                           (the others of the run tick where they are)
    /// ```
    ///
    /// Without `units` (down-recursion's back edge, a return), only the GC part; without
    /// `gc` (a loop proper that cannot allocate, see `loopinv`), only the budget part.
    /// Branches rather than one flag: the GC is rarely due, and a predicted branch on
    /// `total >= threshold` costs less than combining three loads' flags every time.
    ///
    /// `budget` is `State::budget_left` (the instruction budget the interpreter counts
    /// down at every loop instruction and function entry, raising "instruction budget
    /// exceeded" when it reaches 0; `u64::MAX` when unlimited). The trace leaves while
    /// one unit is left, so the interpreter's own tick at the loop instruction raises
    /// the error at the same point as without the JIT. The trace keeps it in a
    /// variable, loaded at entry (`budget_in`), so a loop carries it in a register; it
    /// is stored back (`budget_out`) wherever anything else may read or change it:
    /// before every call (helpers and natives may spend it, callbacks run Lua), at
    /// every exit block and before a link to another trace. Between those points only
    /// the trace's own `LOOPCHK`s change it.
    ///
    /// The GC fields are addressed at their `offset_of!` offsets in `State` and `Gc`,
    /// both `#[repr(C)]`; the loads are as wide as the fields (asserted below).
    fn loopchk(&mut self, snap: u32, units: u32, gc: bool) -> Value {
        use types::{I8, I64};
        const _: () = {
            assert!(std::mem::size_of::<usize>() == 8); // Gc::total, Gc::threshold: I64
            assert!(std::mem::size_of::<bool>() == 1); // Gc::stopped: I8
        };
        let budget = match self.budget {
            Some(var) if units > 0 => Some((var, self.b.use_var(var))),
            _ => None,
        };
        if let Some((_, left)) = budget {
            let ok = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThan, left, units as i64);
            self.guard(ok, snap);
        }
        if gc || budget.is_none() {
            let gc = std::mem::offset_of!(State, gc);
            let at = |field: usize| i32::try_from(field).unwrap_or(i32::MAX);
            let total = self.b.ins().load(I64, mem(), self.st, at(gc + std::mem::offset_of!(Gc, total)));
            let threshold =
                self.b.ins().load(I64, mem(), self.st, at(gc + std::mem::offset_of!(Gc, threshold)));
            let due = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, total, threshold);
            let (stopped_at, next) = (self.b.create_block(), self.b.create_block());
            self.b.set_cold_block(stopped_at);
            self.b.ins().brif(due, stopped_at, &[], next, &[]);
            self.b.switch_to_block(stopped_at);
            let stopped = self.b.ins().load(I8, mem(), self.st, at(gc + std::mem::offset_of!(Gc, stopped)));
            let exit = self.exit_block(snap);
            self.b.ins().brif(stopped, next, &[], exit, &[]);
            self.b.switch_to_block(next);
        }
        if budget.is_some() {
            self.tick();
        }
        self.base
    }

    /// Spends one unit of the budget variable, which a check has made sure is there.
    fn tick(&mut self) {
        if let Some(var) = self.budget {
            let left = self.b.use_var(var);
            let left = self.b.ins().iadd_imm_s(left, -1);
            self.b.def_var(var, left);
        }
    }

    /// The offset of `State::budget_left`, the home of the `budget` variable.
    const BUDGET_FIELD: i32 = {
        assert!(std::mem::size_of::<u64>() == 8); // State::budget_left: I64
        assert!(std::mem::offset_of!(State, budget_left) < i32::MAX as usize);
        std::mem::offset_of!(State, budget_left) as i32
    };

    /// Reads the budget variable from memory (at entry and after a call).
    fn budget_in(&mut self) {
        if let Some(var) = self.budget {
            let v = self.b.ins().load(types::I64, mem(), self.st, Self::BUDGET_FIELD);
            self.b.def_var(var, v);
        }
    }

    /// Writes the budget variable back to memory (see `loopchk`).
    fn budget_out(&mut self) {
        if let Some(var) = self.budget {
            let v = self.b.use_var(var);
            self.b.ins().store(mem(), v, self.st, Self::BUDGET_FIELD);
        }
    }

    /// Boxed number `v` as an integer; leaves through `snap` unless converting it back
    /// gives the same bits (so not for fractions, NaN, -0, or anything out of range,
    /// which the saturating conversion changes).
    /// Boxed number `v` as an `i32`, exiting through `snap` unless it is one exactly
    /// (bit for bit: -0 is not). Adding 1.5 * 2^52 rounds a double below 2^51 in
    /// magnitude to an integer in the low bits of the sum; every other input (fractions,
    /// out of range, NaN, infinities) fails the round trip. Branch-free, where x86-64's
    /// saturating conversion (`fcvt_to_sint_sat`) costs a NaN test and range fix-ups,
    /// and this runs at every entry's typed slot loads.
    fn checked_int(&mut self, v: Value, snap: u32) -> Value {
        let i = self.int_of(v);
        let back = self.b.ins().fcvt_from_sint(types::F64, i);
        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), back);
        let ok = self.b.ins().icmp(IntCC::Equal, bits, v);
        self.guard(ok, snap);
        i
    }

    /// Boxed number `v`, an integer's double, as that integer (without `checked_int`'s
    /// check; see there for the rounding).
    fn int_of(&mut self, v: Value) -> Value {
        const ROUND: f64 = 6755399441055744.0;
        let d = self.b.ins().bitcast(types::F64, MemFlagsData::new(), v);
        let magic = self.b.ins().f64const(ROUND);
        let sum = self.b.ins().fadd(d, magic);
        let sum = self.b.ins().bitcast(types::I64, MemFlagsData::new(), sum);
        self.b.ins().ireduce(types::I32, sum)
    }

    fn is_sunk(&self, r: IrRef) -> bool {
        r >= REF_BIAS && self.sunk.get((r - REF_BIAS) as usize).copied().unwrap_or(false)
    }

    /// Stores the values the plan of snapshot `n` needs after its entries.
    fn store_unsink_vals(&mut self, ir: &IrBuf, n: usize) {
        let at = Unsink::vals_at(self.snaps[n].entries.len());
        for (j, &r) in self.unsink[n].vals.iter().enumerate() {
            let v = self.boxed(ir, r);
            self.b.ins().store(mem(), v, self.exitbuf, ((at + j) * 8) as i32);
        }
    }

    /// A direct call of a C function with its C ABI signature (`CCALL`). Before it, the
    /// bail exit is published: snapshot `x.snap` written back and its number stored in
    /// the activation's header. After it, `trace_after_call` saves errno and says
    /// whether a callback bailed the activation; if so, the trace stores the raw result
    /// and leaves at once, without touching the (possibly moved) stack.
    fn c_call(&mut self, ir: &IrBuf, x: &IrIns) -> Value {
        use crate::trace::record::ffi_call::{CKind, Sig};
        use types::{F32, F64, I8, I16, I32, I64};
        let sig = Sig::decode(x.k);
        let mut args = Vec::new();
        let mut ch = x.b;
        while ch != REF_NONE && ir.get(ch).op == IrOp::CARG {
            args.push(ir.get(ch).b);
            ch = ir.get(ch).a;
        }
        args.reverse();
        let mty = |k: CKind| match k {
            CKind::I8 | CKind::U8 => I8,
            CKind::I16 | CKind::U16 => I16,
            CKind::I32 | CKind::U32 => I32,
            CKind::F32 => F32,
            CKind::F64 => F64,
            CKind::I64 | CKind::Void => I64,
        };
        let mut vals = Vec::with_capacity(args.len());
        for (&r, &k) in args.iter().zip(&sig.params) {
            let v = self.val(r);
            let num = ir.get(r).t == IrType::Num;
            vals.push(match k {
                CKind::F64 if num => v,
                CKind::F32 if num => self.b.ins().fdemote(F32, v),
                CKind::F64 => self.b.ins().bitcast(F64, MemFlagsData::new(), v),
                CKind::F32 => {
                    let w = self.b.ins().ireduce(I32, v);
                    self.b.ins().bitcast(F32, MemFlagsData::new(), w)
                }
                _ => v,
            });
        }
        let mut csig = Signature::new(self.cc);
        csig.params.extend(sig.params.iter().map(|&k| AbiParam::new(mty(k))));
        if sig.ret != CKind::Void {
            csig.returns.push(AbiParam::new(mty(sig.ret)));
        }
        self.write_back(ir, x.snap);
        let id = self.b.ins().iconst(I64, (self.no as i64) << 16 | x.snap as i64);
        self.b.ins().store(mem(), id, self.exitbuf, crate::trace::bail::PUBLISHED_OFFSET);
        self.b.ins().store(mem(), self.base, self.exitbuf, crate::trace::bail::BASE_OFFSET);
        let sref = self.b.import_signature(csig);
        let callee = self.val(x.a);
        // A callback may run Lua, which spends budget.
        self.budget_out();
        let call = self.b.ins().call_indirect(sref, callee, &vals);
        let res = self.b.inst_results(call).first().copied();
        self.budget_in();
        let f = crate::trace::bail::trace_after_call as *const () as usize;
        let bailed = self.call(f, &[self.st, self.exitbuf], &[I64, I64], I64);
        // The result's bits, extended to 64 by its C type's sign.
        let raw = match res {
            None => self.b.ins().iconst(I64, 0),
            Some(v) => match sig.ret {
                CKind::F64 => self.b.ins().bitcast(I64, MemFlagsData::new(), v),
                CKind::F32 => {
                    let w = self.b.ins().bitcast(I32, MemFlagsData::new(), v);
                    self.b.ins().uextend(I64, w)
                }
                k if k.int_bits() < 64 && k.signed() => self.b.ins().sextend(I64, v),
                k if k.int_bits() < 64 => self.b.ins().uextend(I64, v),
                _ => v,
            },
        };
        let (bail, next) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(bail);
        self.b.ins().brif(bailed, bail, &[], next, &[]);
        self.b.switch_to_block(bail);
        self.b.ins().store(mem(), raw, self.exitbuf, crate::trace::bail::RESULT_OFFSET);
        let code = self.b.ins().iconst(I64, crate::trace::bail::BAILED_EXIT as i64);
        self.b.ins().return_(&[code]);
        self.b.switch_to_block(next);
        match (x.t, res) {
            (IrType::Num, Some(v)) => match sig.ret {
                CKind::F64 => v,
                CKind::F32 => self.b.ins().fpromote(F64, v),
                _ => self.b.ins().fcvt_from_sint(F64, raw),
            },
            (IrType::Word, _) => raw,
            _ => self.base,
        }
    }

    /// The base of snapshot `snap`'s innermost frame: where a recursive back edge or
    /// a link continues.
    fn moved_base(&mut self, snap: u32) -> Value {
        let fb = self.snaps[snap as usize].base;
        if fb == 0 { self.base } else { self.b.ins().iadd_imm_s(self.base, fb as i64 * 8) }
    }

    /// `JitState::stack_limit`: the highest base the tree's frames fit above, set by
    /// the entry (`State::trace_enter`).
    fn stack_limit(&mut self) -> Value {
        const _: () = assert!(std::mem::size_of::<usize>() == 8); // JitState::stack_limit: I64
        let off =
            std::mem::offset_of!(State, jit) + std::mem::offset_of!(crate::trace::JitState, stack_limit);
        self.b.ins().load(types::I64, mem(), self.st, i32::try_from(off).unwrap_or(i32::MAX))
    }

    /// Stores the values of snapshot `snap` into their stack slots (but sunk tables,
    /// which `snap::unsink_exit` writes).
    fn write_back(&mut self, ir: &IrBuf, snap: u32) {
        let snap = &self.snaps[snap as usize];
        for &(slot, r) in &snap.entries {
            if self.is_sunk(r) {
                continue;
            }
            let v = self.boxed(ir, r);
            self.b.ins().store(mem(), v, self.base, slot * 8);
        }
    }

    /// Continues in the trace whose code starts at `callee`, with the same frame.
    fn tail_call(&mut self, callee: Value, base: Value) {
        let sig = self.b.import_signature(trace_sig());
        self.b.ins().return_call_indirect(sig, callee, &[base, self.st, self.exitbuf]);
    }
}
