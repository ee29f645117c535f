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
//! Each ref with a `PHI` is a Cranelift `Variable`, and the frontend's SSA construction
//! makes the block parameters, so the loop carries its values in registers. An exit
//! from inside the loop reads the variables too: its snapshot names the `PHI` refs,
//! which there mean the current iteration's values, exactly the slots' contents.
//!
//! All traces of a tree share the root's base: a side trace's frames are at the same
//! places as in its parent, and it starts with the stack in sync (its parent's exit
//! wrote every value back), so it reads slots as a root trace does.
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
//! Optimisation: with the `cse`/`loop` flags on, Cranelift's optimiser runs
//! (`opt_level=speed`: GVN, LICM, constant folding); with them off (`-O0`, `-O-cse
//! -O-loop`), none does, so a divergence can be bisected to "our IR" vs "the optimiser".

pub mod disasm;
pub mod mcode;

use cranelift_codegen::Context;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    AbiParam, Block, Function, InstBuilder, MemFlagsData, Signature, UserFuncName, Value, types,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};

pub use mcode::Code;

use crate::trace::helpers;
use crate::trace::ir::*;
use crate::trace::snap::Snapshot;
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

    /// Compiles trace number `no`. `cells` are its exit cells (one `u64` per snapshot,
    /// 0 or the entry of the side trace attached there; they outlive the code), and
    /// `root` the entry of the trace a side trace links to.
    pub fn compile(&mut self, t: TraceCode<'_>, opt: bool) -> Result<Code, String> {
        let isa = if opt { &*self.isa_opt } else { &*self.isa_noopt };
        let mut func = Function::with_name_signature(UserFuncName::user(0, 1), trace_sig());
        let mut b = FunctionBuilder::new(&mut func, &mut self.fctx);
        Lower::new(&mut b, isa.default_call_conv(), self.native_round, &t).lower(t.ir)?;
        b.seal_all_blocks();
        b.finalize(isa.frontend_config());
        finish(isa, func)
    }
}

/// What the backend needs to know of a trace.
pub struct TraceCode<'a> {
    pub no: u16,
    pub ir: &'a IrBuf,
    pub snaps: &'a [Snapshot],
    pub cells: *const u64,
    pub root: Option<*const u8>,
}

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
    let mut func = Function::with_name_signature(UserFuncName::user(0, 0), sig);
    let mut b = FunctionBuilder::new(&mut func, fctx);
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
    finish(isa, func)
}

fn finish(isa: &dyn cranelift_codegen::isa::TargetIsa, func: Function) -> Result<Code, String> {
    let mut ctx = Context::for_function(func);
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
    no: u16,
    cells: *const u64,
    root: Option<*const u8>,
    consts: Vec<Value>,
    vals: Vec<Value>,
    /// The variable of each instruction with a `PHI` (a value carried round the loop).
    vars: Vec<Option<Variable>>,
    exits: Vec<Option<Block>>,
    base: Value,
    st: Value,
    exitbuf: Value,
}

impl<'a, 'b> Lower<'a, 'b> {
    fn new(b: &'a mut FunctionBuilder<'b>, cc: CallConv, native_round: bool, t: &TraceCode<'a>) -> Self {
        let snaps = t.snaps;
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let p = b.block_params(entry).to_vec();
        Lower {
            b,
            cc,
            native_round,
            snaps,
            no: t.no,
            cells: t.cells,
            root: t.root,
            consts: Vec::new(),
            vals: Vec::new(),
            vars: Vec::new(),
            exits: vec![None; snaps.len()],
            base: p[0],
            st: p[1],
            exitbuf: p[2],
        }
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
            self.consts[(REF_BIAS - 1 - r) as usize]
        }
    }

    /// The value of `r` as TValue bits.
    fn boxed(&mut self, ir: &IrBuf, r: IrRef) -> Value {
        let v = self.val(r);
        if ir.get(r).t == IrType::Num { self.b.ins().bitcast(types::I64, MemFlagsData::new(), v) } else { v }
    }

    fn exit_block(&mut self, snap: u32) -> Block {
        if let Some(blk) = self.exits[snap as usize] {
            return blk;
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.exits[snap as usize] = Some(blk);
        blk
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
        let call = self.b.ins().call_indirect(sref, callee, args);
        self.b.inst_results(call)[0]
    }

    /// A boolean: does boxed `v` have type `t`.
    fn type_check(&mut self, v: Value, t: IrType) -> Value {
        if t == IrType::Num {
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
        for k in &ir.kins {
            let v = match k.op {
                IrOp::KNUM => self.b.ins().f64const(f64::from_bits(k.k)),
                _ => self.b.ins().iconst(I64, k.k as i64),
            };
            self.consts.push(v);
        }
        self.vars = vec![None; ir.ins.len()];
        for x in ir.ins.iter().filter(|x| x.op == IrOp::PHI && x.a >= REF_BIAS) {
            let ty = if x.t == IrType::Num { F64 } else { I64 };
            self.vars[(x.a - REF_BIAS) as usize] = Some(self.b.declare_var(ty));
        }
        let head = self.b.create_block();
        self.b.ins().jump(head, &[]);
        self.b.switch_to_block(head);
        let mut loop_head = None;
        let mut closed = false;
        for x in &ir.ins {
            let (a, b, c) = (x.a, x.b, x.c);
            let (va, vb) = (self.opnd(a), self.opnd(b));
            let v = match x.op {
                IrOp::KNUM | IrOp::KVAL | IrOp::KWORD => return Err("constant in instruction stream".into()),
                IrOp::SLOAD => {
                    let off = (x.k as i64 as i32) * 8;
                    let v = self.b.ins().load(I64, mem(), self.base, off);
                    // The function slot needs no check, nor a raw word (a frame link).
                    if off != -16 && x.t != IrType::Word {
                        let ok = self.type_check(v, x.t);
                        self.guard(ok, x.snap);
                    }
                    self.unbox(v, x.t)
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
                IrOp::UGET => {
                    let i = self.b.ins().iconst(I64, x.k as i64);
                    let r =
                        self.call(helpers::uget as *const () as usize, &[va, i, self.base], &[I64; 3], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::USET => {
                    let i = self.b.ins().iconst(I64, x.k as i64);
                    let v = self.boxed(ir, b);
                    let r = self.call(
                        helpers::uset as *const () as usize,
                        &[va, i, v, self.base],
                        &[I64; 4],
                        I64,
                    );
                    let ok = self.b.ins().icmp_imm_u(IntCC::Equal, r, 0);
                    self.guard(ok, x.snap);
                    r
                }
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
                IrOp::LOOPCHK => self.loopchk(x.snap),
                IrOp::HEAD => {
                    let blk = self.b.create_block();
                    self.b.ins().jump(blk, &[]);
                    self.b.switch_to_block(blk);
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
                IrOp::UREFO => {
                    let k = self.b.ins().iconst(I64, x.k as i64);
                    let r =
                        self.call(helpers::uv_at as *const () as usize, &[va, k, self.base], &[I64; 3], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, 0);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::TINDEX => {
                    let args = [self.st, self.boxed(ir, a), self.boxed(ir, b)];
                    let r = self.call(helpers::tindex as *const () as usize, &args, &[I64; 3], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::NEXT => {
                    let args = [self.boxed(ir, a), self.boxed(ir, b), self.base];
                    let slot = self.b.ins().iconst(I64, x.k as i64);
                    let f = helpers::tnext as *const () as usize;
                    let r = self.call(f, &[args[0], args[1], args[2], slot], &[I64; 4], I64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::NotEqual, r, helpers::BAIL as i64);
                    self.guard(ok, x.snap);
                    r
                }
                IrOp::EXIT => {
                    let exit = self.exit_block(x.snap);
                    self.b.ins().jump(exit, &[]);
                    closed = true;
                    // Nothing follows the trace's end; give the slot a value anyway.
                    self.base
                }
                IrOp::LOOP | IrOp::LINK => {
                    self.write_back(ir, x.snap);
                    if x.op == IrOp::LOOP {
                        self.b.ins().jump(head, &[]);
                    } else {
                        let Some(root) = self.root else { return Err("LINK without a root".into()) };
                        let callee = self.b.ins().iconst(I64, root as i64);
                        self.tail_call(callee);
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
        for (n, blk) in self.exits.clone().into_iter().enumerate() {
            let Some(blk) = blk else { continue };
            self.b.switch_to_block(blk);
            let cell_at = self.b.ins().iconst(I64, self.cells.wrapping_add(n) as i64);
            let cell = self.b.ins().load(I64, mem(), cell_at, 0);
            let (side, back) = (self.b.create_block(), self.b.create_block());
            self.b.set_cold_block(side);
            self.b.set_cold_block(back);
            self.b.ins().brif(cell, side, &[], back, &[]);
            self.b.switch_to_block(side);
            self.write_back(ir, n as u32);
            self.tail_call(cell);
            self.b.switch_to_block(back);
            for (i, &(_, r)) in self.snaps[n].entries.iter().enumerate() {
                let v = self.boxed(ir, r);
                self.b.ins().store(mem(), v, self.exitbuf, (i * 8) as i32);
            }
            let no = self.b.ins().iconst(I64, (self.no as i64) << 16 | n as i64);
            self.b.ins().return_(&[no]);
        }
        Ok(())
    }

    /// The per-iteration check of `helpers::loopchk`, inline: it runs on every trip
    /// round a loop, where a call would cost as much as a small loop body.
    ///
    /// ```text
    ///   exit if budget_left <= 1 || (gc.total >= gc.threshold && !gc.stopped)
    ///   budget_left -= 1
    /// ```
    ///
    /// The fields are addressed at their `offset_of!` offsets in `State` and `Gc`, both
    /// `#[repr(C)]`; the loads are as wide as the fields (asserted below).
    fn loopchk(&mut self, snap: u32) -> Value {
        use types::{I8, I64};
        const _: () = {
            assert!(std::mem::size_of::<u64>() == 8); // State::budget_left: I64
            assert!(std::mem::size_of::<usize>() == 8); // Gc::total, Gc::threshold: I64
            assert!(std::mem::size_of::<bool>() == 1); // Gc::stopped: I8
        };
        let gc = std::mem::offset_of!(State, gc);
        let at = |field: usize| i32::try_from(field).unwrap_or(i32::MAX);
        let budget = self.b.ins().load(I64, mem(), self.st, at(std::mem::offset_of!(State, budget_left)));
        let total = self.b.ins().load(I64, mem(), self.st, at(gc + std::mem::offset_of!(Gc, total)));
        let threshold = self.b.ins().load(I64, mem(), self.st, at(gc + std::mem::offset_of!(Gc, threshold)));
        let stopped = self.b.ins().load(I8, mem(), self.st, at(gc + std::mem::offset_of!(Gc, stopped)));
        let spent = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThanOrEqual, budget, 1);
        let due = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, total, threshold);
        let running = self.b.ins().icmp_imm_u(IntCC::Equal, stopped, 0);
        let collect = self.b.ins().band(due, running);
        let stop = self.b.ins().bor(spent, collect);
        let ok = self.b.ins().icmp_imm_u(IntCC::Equal, stop, 0);
        self.guard(ok, snap);
        let left = self.b.ins().iadd_imm_s(budget, -1);
        self.b.ins().store(mem(), left, self.st, at(std::mem::offset_of!(State, budget_left)));
        left
    }

    /// Stores the values of snapshot `snap` into their stack slots.
    fn write_back(&mut self, ir: &IrBuf, snap: u32) {
        let snap = &self.snaps[snap as usize];
        for &(slot, r) in &snap.entries {
            let v = self.boxed(ir, r);
            self.b.ins().store(mem(), v, self.base, slot * 8);
        }
    }

    /// Continues in the trace whose code starts at `callee`, with the same frame.
    fn tail_call(&mut self, callee: Value) {
        let sig = self.b.import_signature(trace_sig());
        self.b.ins().return_call_indirect(sig, callee, &[self.base, self.st, self.exitbuf]);
    }
}
