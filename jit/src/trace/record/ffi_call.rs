//! Recording C calls: `C.f(args)` and `lib.f(args)` become direct native calls.
//!
//! ```text
//!   TGETS on a clib namespace   guard the namespace (and key), the function cdata the
//!                               interpreter's lookup gives now becomes a constant
//!   CALL A of a function cdata  guard the callee's identity; each argument converted by
//!                               the interpreter's own conversion (CCONV, exits before
//!                               the call when it fails; doubles pass as they are);
//!                               CCALL: publish the bail exit, call, save errno;
//!                               the result as a number, or boxed (CBOX)
//! ```
//!
//! The call is made with the C ABI signature of the declaration ([`Sig`]): integers,
//! `bool`, enums and pointers as 64-bit integer arguments already extended to 64 bits
//! the way their C type says (so the callee sees a correctly extended value whatever
//! its compiler assumes), `float` and `double` as floating-point arguments. Results
//! come back in their own width and are extended here, since the callee leaves the
//! upper bits of a small result undefined.
//!
//! Callbacks: any C function may call back into Lua (through a callback it stored
//! earlier, as in the seed scenario), and nothing here can prove that it will not, so
//! every CCALL publishes its snapshot as the activation's bail exit (see
//! `trace::mod`). The CALL's effects are all after its guards: once the call is made
//! the trace never exits through the CALL's own snapshot, so a result whose Lua type is
//! only known when it arrives (`bool`, enums) is typed by a guard at the *next*
//! instruction, whose snapshot resumes after the CALL.
//!
//! A callback while the CALL is being recorded (the interpreter runs the call right
//! after `record_c_call`) suspends the recording for the callback's Lua code (see
//! `trace::bail`); the recorder learns of it ([`Recorder::callback_arrived`]) and, at
//! the next instruction ([`Recorder::after_c_call`]), checks that the callback left the
//! slots on trace with values of the types it has for them. A callback can only have
//! written them through open upvalues of the frames on trace, and the recorder relies
//! on a slot's live value having its IR type (it reads tables, strings and functions
//! through them): a changed type aborts. The trace itself is unaffected by what the
//! callback did: when it runs, a callback in this call bails it before anything after
//! the call runs, so what follows the call on trace is the path without a callback.
//!
//! Not compiled (`NYI`): varargs functions, aggregates and `complex` by value, `long
//! double`, more than [`MAX_PARAMS`] parameters, Lua functions as arguments (each
//! conversion makes a callback), calls with the wrong argument count or a NULL
//! function (the interpreter raises the error). Such a `CALL` stitches (`-jv`: `stitch
//! C function`): the trace ends at it, the interpreter makes the call through its
//! generic path, and a stitched trace carries on after it. Tail calls of cdata abort.

use super::*;
use crate::ffi::cdata::{IS_CTYPE, as_cdata};
use crate::ffi::ctype::{CTypeId, Kind};

/// Most parameters a compiled C call takes (what [`Sig`] encodes).
pub const MAX_PARAMS: usize = 14;

/// The machine type of a C argument or result.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CKind {
    Void = 0,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    /// Every integer argument (extended to 64 bits), and 64-bit integer and pointer
    /// results.
    I64,
    F32,
    F64,
}

impl CKind {
    fn from_code(c: u64) -> CKind {
        use CKind::*;
        [Void, I8, U8, I16, U16, I32, U32, I64, F32, F64].get(c as usize).copied().unwrap_or(Void)
    }

    /// Width in bits of an integer kind (0 for the others).
    pub fn int_bits(self) -> u32 {
        match self {
            CKind::I8 | CKind::U8 => 8,
            CKind::I16 | CKind::U16 => 16,
            CKind::I32 | CKind::U32 => 32,
            CKind::I64 => 64,
            _ => 0,
        }
    }

    pub fn signed(self) -> bool {
        matches!(self, CKind::I8 | CKind::I16 | CKind::I32 | CKind::I64)
    }
}

/// A compiled call's signature, as `CCALL`'s `k` holds it:
///
/// ```text
///   bits 0..4 result kind | 4..8 parameter count | 8 + 4i .. 12 + 4i parameter i
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Sig {
    pub ret: CKind,
    pub params: Vec<CKind>,
}

impl Sig {
    pub fn encode(&self) -> u64 {
        let mut k = self.ret as u64 | (self.params.len() as u64) << 4;
        for (i, p) in self.params.iter().enumerate() {
            k |= (*p as u64) << (8 + 4 * i);
        }
        k
    }

    pub fn decode(k: u64) -> Sig {
        let n = ((k >> 4) & 0xf) as usize;
        Sig {
            ret: CKind::from_code(k & 0xf),
            params: (0..n.min(MAX_PARAMS)).map(|i| CKind::from_code((k >> (8 + 4 * i)) & 0xf)).collect(),
        }
    }
}

/// A C call recorded by the last instruction: the interpreter is making it now.
#[derive(Clone, Copy)]
pub(in crate::trace) struct CallInFlight {
    pc: usize,
    /// The CALL's function slot (relative to the trace base): everything from it up is
    /// the call's, and the interpreter's temporaries after it.
    fslot: i32,
    called_back: bool,
}

/// How a C result becomes a Lua value on trace.
#[derive(Clone, Copy, PartialEq)]
enum Res {
    /// No result (`void`).
    None,
    /// A number: integers of up to 32 bits, `float`, `double` (the CCALL's value).
    Num,
    /// A cdata (64-bit integers, pointers): boxed by `CBOX`.
    Cdata,
    /// `bool` and enums: boxed by `CBOX`, typed at the next instruction.
    Typed,
}

/// The kind of a scalar parameter of type `ty`; `None` if it cannot be passed as one.
fn param_kind(cts: &crate::ffi::ctype::CTypes, ty: CTypeId) -> Option<CKind> {
    let ct = cts.get(ty);
    match ct.kind {
        Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Ptr(_) if ct.size <= 8 => Some(CKind::I64),
        Kind::Float if ct.size == 4 => Some(CKind::F32),
        Kind::Float if ct.size == 8 => Some(CKind::F64),
        _ => None,
    }
}

/// The machine kind of a result of type `ty` and how it becomes a Lua value.
fn result_kind(cts: &crate::ffi::ctype::CTypes, ty: CTypeId) -> Option<(CKind, Res)> {
    let ct = cts.get(ty);
    let int = |size: u32, unsigned: bool| match (size, unsigned) {
        (1, false) => Some(CKind::I8),
        (1, true) => Some(CKind::U8),
        (2, false) => Some(CKind::I16),
        (2, true) => Some(CKind::U16),
        (4, false) => Some(CKind::I32),
        (4, true) => Some(CKind::U32),
        (8, _) => Some(CKind::I64),
        _ => None,
    };
    Some(match ct.kind {
        Kind::Void => (CKind::Void, Res::None),
        Kind::Int { unsigned } if ct.size == 8 => (int(8, unsigned)?, Res::Cdata),
        Kind::Int { unsigned } => (int(ct.size, unsigned)?, Res::Num),
        // Boxed from their raw bits: the width is what matters, not the sign.
        Kind::Bool | Kind::Enum(_) => (int(ct.size, true)?, Res::Typed),
        Kind::Ptr(_) if ct.size == 8 => (CKind::I64, Res::Cdata),
        Kind::Float if ct.size == 4 => (CKind::F32, Res::Num),
        Kind::Float if ct.size == 8 => (CKind::F64, Res::Num),
        _ => return None,
    })
}

impl Recorder {
    /// `A = B[key]` where B is a userdata: for a clib namespace, the function cdata the
    /// interpreter's lookup gives now is the trace's constant (declarations and symbols
    /// never change once resolved), behind guards on the namespace and key. False (and
    /// nothing recorded) for any other userdata.
    pub(super) fn record_clib_index(
        &mut self,
        st: &mut State,
        a: i32,
        b: i32,
        t: Val,
        key: (IrRef, TValue),
    ) -> Result<bool, Abort> {
        let lt = self.live(st, b);
        // SAFETY: a userdata value points at a live userdata.
        let mt = unsafe { (*lt.ptr::<crate::vm::udata::Udata>()).metatable };
        let name = st.str_value(b"clib_mt");
        // SAFETY: the registry is a live table.
        let clib_mt = unsafe { (*st.registry).get(name) };
        if mt.is_null() || !clib_mt.is_table() || clib_mt.ptr::<Table>() != mt {
            return Ok(false);
        }
        if !key.1.is_str() {
            nyi!("indexing a C library namespace with a non-string key");
        }
        let index = st.mt_get(mt, crate::vm::meta::MM_INDEX);
        let top = st.th().top;
        let r = st.call_value(index, &[lt, key.1], 1);
        st.th().top = top;
        let f = match r {
            Ok(v) => v.first().copied().unwrap_or(TValue::NIL),
            Err(_) => nyi!("C library symbol that fails to resolve"),
        };
        let is_func = as_cdata(f).is_some_and(|c| matches!(st.ffi().cts.get(c.ctype).kind, Kind::Func(_)));
        if !is_func {
            nyi!("C library symbol that is not a function");
        }
        let kt = self.ir.kval(lt);
        if t.0 != kt {
            self.guard(IrOp::EQV, t.0, kt)?;
        }
        let kk = self.ir.kval(key.1);
        if key.0 != kk {
            self.guard(IrOp::EQV, key.0, kk)?;
        }
        let k = self.ir.kval(f);
        self.set(a, k);
        Ok(true)
    }

    /// `CALL A` of a function (or function pointer) cdata with `nargs` arguments, for
    /// `wanted` results (-1: all, leaving their count as multres).
    pub(super) fn record_c_call(
        &mut self,
        st: &mut State,
        a: i32,
        wanted: i32,
        nargs: i32,
    ) -> Result<(), Abort> {
        let f = self.get(st, a)?;
        // A constant callee (from a clib namespace) is the trace's function; the live
        // value is then an equal cdata the interpreter's own lookup made.
        let fv = self.ir.const_value(f.0).unwrap_or_else(|| self.live(st, a));
        let Some(cd) = as_cdata(fv) else { nyi!("call of a {} value", type_name(f.1)) };
        if cd.flags & IS_CTYPE != 0 {
            nyi!("cdata constructor call");
        }
        let (cty, payload) = (cd.ctype, cd.ptr);
        let cts = &st.ffi().cts;
        let fty = match cts.get(cty).kind {
            Kind::Func(_) => cty,
            Kind::Ptr(t) if matches!(cts.get(t).kind, Kind::Func(_)) => t,
            _ => nyi!("call of a non-function cdata"),
        };
        let Some(fd) = cts.func(fty).cloned() else { nyi!("call of a non-function cdata") };
        // SAFETY: function and function-pointer cdata hold the address in their payload.
        let addr = unsafe { std::ptr::read_unaligned(payload as *const u64) };
        if addr == 0 {
            nyi!("call of a NULL function pointer");
        }
        if fd.varargs {
            nyi!("C call of a vararg function");
        }
        if nargs as usize != fd.params.len() {
            nyi!("C call with the wrong number of arguments");
        }
        if fd.params.len() > MAX_PARAMS {
            nyi!("C call with {} parameters", fd.params.len());
        }
        let Some((ret, res)) = result_kind(cts, fd.ret) else { nyi!("C call with an aggregate result") };
        let mut params = Vec::with_capacity(fd.params.len());
        for &p in &fd.params {
            match param_kind(cts, p) {
                Some(k) => params.push(k),
                None => nyi!("C call with an aggregate argument"),
            }
        }
        let k = self.ir.kval(fv);
        if f.0 != k {
            self.guard(IrOp::EQV, f.0, k)?;
        }
        let s = self.snap()?;
        let mut chain = REF_NONE;
        for (i, (&pty, &pk)) in fd.params.iter().zip(&params).enumerate() {
            let slot = a + 2 + i as i32;
            let v = self.get(st, slot)?;
            let r = if v.1 == IrType::Num && matches!(pk, CKind::F32 | CKind::F64) {
                // The interpreter's conversion of a number to `double` is the identity, to
                // `float` a rounding (the backend's `fdemote`).
                v.0
            } else {
                if !matches!(
                    v.1,
                    IrType::Num
                        | IrType::Nil
                        | IrType::False
                        | IrType::True
                        | IrType::Str
                        | IrType::Cdata
                        | IrType::Lightud
                ) {
                    nyi!("C call with a {} argument", type_name(v.1));
                }
                // The conversion must succeed now; otherwise the interpreter raises.
                let mut buf = [0u64; 2];
                let lv = self.live(st, slot);
                // SAFETY: `buf` has room for any scalar.
                if unsafe { st.lua_to_c(pty, buf.as_mut_ptr() as *mut u8, lv, false) }.is_err() {
                    nyi!("C call with an argument that does not convert");
                }
                self.ir.emit(IrOp::CCONV, IrType::Word, v.0, REF_NONE, REF_NONE, pty as u64, s)
            };
            chain = self.ir.emit(IrOp::CARG, IrType::Void, chain, r, REF_NONE, 0, 0);
        }
        // The interpreter's frame for the call (see `State::trace_callback`) must fit
        // without growing the stack while the trace is live.
        let fslot = self.fb + a;
        self.max_slot = self.max_slot.max(fslot + 3 + nargs + crate::vm::state::MIN_STACK as i32);
        let sig = Sig { ret, params }.encode();
        let fa = self.ir.kword(addr);
        let rt = match res {
            Res::None => IrType::Void,
            Res::Num => IrType::Num,
            Res::Cdata | Res::Typed => IrType::Word,
        };
        let call = self.ir.emit(IrOp::CCALL, rt, fa, chain, REF_NONE, sig, s);
        self.c_call = Some(CallInFlight { pc: self.cur_pc, fslot, called_back: false });
        let nres = i32::from(res != Res::None);
        let want = if wanted < 0 {
            self.multres = Some(nres);
            nres
        } else {
            wanted
        };
        if want == 0 {
            return Ok(());
        }
        let r = match res {
            Res::None => self.ir.kval(TValue::NIL),
            Res::Num => call,
            Res::Cdata => self.ir.emit(IrOp::CBOX, IrType::Cdata, call, REF_NONE, REF_NONE, fd.ret as u64, 0),
            Res::Typed => {
                let r = self.ir.emit(IrOp::CBOX, IrType::Any, call, REF_NONE, REF_NONE, fd.ret as u64, 0);
                self.untyped_result = Some((fslot, r));
                r
            }
        };
        self.ensure_slots(fslot + want)?;
        let nil = self.ir.kval(TValue::NIL);
        for i in 0..want {
            self.set(a + i, if i == 0 { r } else { nil });
        }
        Ok(())
    }

    /// A callback arrived while the interpreter runs the instruction last recorded:
    /// the pc of that instruction if it is a recorded C call (the recording may then
    /// go on after it), else `None`.
    pub(in crate::trace) fn callback_arrived(&mut self) -> Option<usize> {
        let c = self.c_call.as_mut()?;
        c.called_back = true;
        Some(c.pc)
    }

    /// At the instruction after a C call: checks what a callback left in the slots on
    /// trace, then types a result whose Lua type was unknown when it was recorded.
    pub(super) fn after_c_call(&mut self, st: &State) -> Result<(), Abort> {
        if let Some(c) = self.c_call.take()
            && c.called_back
        {
            self.check_slots_after_callback(st, c.fslot)?;
        }
        self.type_c_result(st)
    }

    /// Every slot on trace below the call's own (`fslot`) whose IR value is typed must
    /// still hold a live value of that type, and a constant that value. Frame links
    /// are the interpreter's own and were not touched by Lua code.
    fn check_slots_after_callback(&self, st: &State, fslot: i32) -> Result<(), Abort> {
        let end = ((fslot + SLOT_BIAS).max(0) as usize).min(self.slots.len());
        for (i, &r) in self.slots[..end].iter().enumerate() {
            let t = if r == REF_NONE { IrType::Any } else { self.ty(r) };
            if t == IrType::Any {
                continue;
            }
            let abs = i as i32 - SLOT_BIAS;
            let live = self.live(st, abs - self.fb);
            if live.is_frame() {
                continue;
            }
            let same = IrType::of(live) == t && self.ir.const_value(r).is_none_or(|k| k.0 == live.0);
            if !same {
                nyi!("slot {abs} on trace changed by a callback");
            }
        }
        Ok(())
    }

    /// At the instruction after a C call whose result's Lua type was unknown when it
    /// was recorded (`bool`, enums): guards the type the result has now. The guard's
    /// snapshot resumes here, after the call, with the boxed result in its slot.
    fn type_c_result(&mut self, st: &State) -> Result<(), Abort> {
        let Some((abs, r)) = self.untyped_result.take() else { return Ok(()) };
        let i = (abs + SLOT_BIAS) as usize;
        if self.slots.get(i) != Some(&r) {
            return Ok(());
        }
        let v = self.live(st, abs - self.fb);
        let (tr, _) = self.typed(r, v)?;
        self.slots[i] = tr;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_round_trip() {
        let s = Sig { ret: CKind::U16, params: vec![CKind::I64, CKind::F32, CKind::F64] };
        assert_eq!(Sig::decode(s.encode()), s);
        let full = Sig { ret: CKind::F64, params: vec![CKind::F64; MAX_PARAMS] };
        assert_eq!(Sig::decode(full.encode()), full);
        assert_eq!(Sig::decode(Sig { ret: CKind::Void, params: vec![] }.encode()).params.len(), 0);
    }
}
