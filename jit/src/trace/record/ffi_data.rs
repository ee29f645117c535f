//! Recording C data: indexing cdata (field and element loads and stores), cdata
//! arithmetic and comparisons, in the image of LuaJIT's `lj_crecord.c`.
//!
//! The interpreter does all of this in the natives of the cdata metatable
//! (`ffi::lib::mm_index`, `mm_add`, ...), called as metamethods. The recorder does
//! what those natives do on the recorded path, with the decisions they take from the
//! ctype made at record time and guarded by the cdata's ctype id (`CDTYPE`): the
//! layout of a ctype never changes, so one guard decides every field offset, element
//! size and conversion that follows.
//!
//! ```text
//!   cdata value ----CDTYPE #id----> CDPTR (payload address, Word)
//!        |                             |
//!        |            pointer: XLOAD word (the pointer)   array/struct: itself
//!        |                             v
//!        |           + index * elemsize (IMUL, IADD) or + field offset
//!        v                             v
//!   XLOAD kind -> Num (ints up to 32 bits, enums, float, double)
//!              -> Word -> CDBOX ctype (64-bit integers, pointers: a new cdata)
//!              -> Word -> ICMP guard -> true/false (bool)
//!   aggregates: CDBOX ref-to-ctype of the address (a reference cdata)
//! ```
//!
//! Invariants:
//!
//! * A `Word` never reaches a slot: every 64-bit integer or pointer result is boxed
//!   (`CDBOX`) where the interpreter boxes it, so snapshots and exits only ever see
//!   Lua values, and an exit restores a cdata exactly as the interpreter would have
//!   made it (a fresh box with the same type and payload).
//! * Every conversion is the interpreter's (`conv::f2i64`, `f2i32`, `write_scalar`
//!   with `lua_num`), either as the instruction that has the same answer for every
//!   input on this target or as a call of the very routine (`helpers_ffi`).
//! * Metatypes (`record::ffi_meta`): a key the C type answers never reaches the
//!   metatype; what it does not answer, and operations the built-in C arithmetic and
//!   comparisons do not cover, go to the metatype's metamethods, recorded there.
//! * Bitfields: the container is loaded whole and the field extracted (`BFEXT`,
//!   sign-extended unless unsigned; a bool guarded like a bool field); a store reads
//!   the container, inserts the value converted as the interpreter converts it (to
//!   `uint32_t`, or `bool`) (`BFINS`) and writes the container back.
//! * Complex numbers are read-only pairs of their part type, as in the interpreter:
//!   `.re`/`.im` and `[0]`/`[1]` are loads of a const `double`/`float`; a complex
//!   element or field read as a value is a new cdata copied by the interpreter's own
//!   routine (`CDCOPY`); storing a number or a complex of the same type into complex
//!   storage writes both parts.
//!
//! What aborts (`NYI: ...`): `long double` values, ctype objects (`T(...)`, indexing
//! a ctype), stores of strings, tables and other non-scalar values, stores of cdata
//! into bitfields, callback methods (`cb:free()`), arithmetic on complex numbers
//! (LuaJIT does not compile it either: its `crec_arith` leaves complex operands to the
//! interpreter), and every error path (a missing member, a write to a constant
//! location: the interpreter raises the error with the trace aborted).

use super::*;
use crate::ffi::cdata::{IS_CTYPE, as_cdata};
use crate::ffi::conv::{Scalar, f2i64};
use crate::ffi::ctype::{CTypeId, FieldRef, Kind, Q_CONST, id};
use crate::trace::helpers_ffi as hf;
use crate::vm::arith::ArithOp;

/// A C object selected by indexing: its type, its address on trace (`Word`) and its
/// address now.
#[derive(Clone, Copy)]
struct Place {
    ty: CTypeId,
    addr: IrRef,
    live: *mut u8,
    /// A bitfield's `(position, width)` in the container of type `ty` at `addr`.
    bits: Option<(u32, u32)>,
}

/// What indexing a cdata selects.
enum Target {
    Place(Place),
    /// A `static const` member (an integer constant).
    Const(f64),
    /// No element or field: the metatype's `__index`/`__newindex` decides.
    Missing,
}

/// A cdata arithmetic or comparison operand, as `ffi::arith` reduces it.
#[derive(Clone, Copy)]
enum Operand {
    /// A Lua number (`lua`) or a `float`/`double` cdata's value, converted to an
    /// integer only once the operation's signedness is known.
    Num {
        r: IrRef,
        lua: bool,
    },
    /// An integer, extended to a word; `u64` for a `uint64_t`.
    Int {
        w: IrRef,
        u64: bool,
    },
    /// An address and the pointed-to type.
    Ptr {
        addr: IrRef,
        elem: CTypeId,
    },
    Other,
}

impl Operand {
    fn is_int(self) -> bool {
        matches!(self, Operand::Num { .. } | Operand::Int { .. })
    }
}

impl Recorder {
    // ---- Small IR builders (folding constant words). ------------------------------

    fn word_const(&self, r: IrRef) -> Option<u64> {
        let x = self.ir.get(r);
        (IrBuf::is_const(r) && x.op == IrOp::KWORD).then_some(x.k)
    }

    fn iop(&mut self, op: IrOp, a: IrRef, b: IrRef) -> IrRef {
        if self.fold
            && let (Some(x), Some(y)) = (self.word_const(a), self.word_const(b))
        {
            let r = match op {
                IrOp::IADD => x.wrapping_add(y),
                IrOp::ISUB => x.wrapping_sub(y),
                _ => x.wrapping_mul(y),
            };
            return self.ir.kword(r);
        }
        if matches!(op, IrOp::IADD | IrOp::ISUB) && self.word_const(b) == Some(0) {
            return a;
        }
        if op == IrOp::IMUL && self.word_const(b) == Some(1) {
            return a;
        }
        self.ir.emit(op, IrType::Word, a, b, REF_NONE, 0, 0)
    }

    fn conv(&mut self, r: IrRef, k: u64) -> IrRef {
        if let Some(v) = self.ir.const_value(r).filter(|v| v.is_number()) {
            match k {
                hf::CONV_I64_NUM | hf::CONV_U64_NUM => {}
                _ => return self.ir.kword(hf::conv_const(v.as_number(), k)),
            }
        }
        let t = if matches!(k, hf::CONV_I64_NUM | hf::CONV_U64_NUM) { IrType::Num } else { IrType::Word };
        self.ir.emit(IrOp::CONV, t, r, REF_NONE, REF_NONE, k, 0)
    }

    fn xload(&mut self, addr: IrRef, size: u32, signed: bool, float: bool, t: IrType) -> IrRef {
        self.ir.emit(IrOp::XLOAD, t, addr, REF_NONE, REF_NONE, hf::mem_k(size, signed, float), 0)
    }

    fn xstore(&mut self, addr: IrRef, v: IrRef, size: u32, float: bool) {
        self.ir.emit(IrOp::XSTORE, IrType::Void, addr, v, REF_NONE, hf::mem_k(size, false, float), 0);
    }

    fn icmp_guard(&mut self, a: IrRef, b: IrRef, cc: u64) -> Result<(), Abort> {
        let s = self.snap()?;
        self.ir.emit(IrOp::ICMP, IrType::Void, a, b, REF_NONE, cc, s);
        Ok(())
    }

    fn cdbox(&mut self, w: IrRef, ty: CTypeId) -> Result<IrRef, Abort> {
        let s = self.snap()?;
        Ok(self.ir.emit(IrOp::CDBOX, IrType::Cdata, w, REF_NONE, REF_NONE, u64::from(ty), s))
    }

    /// Guards cdata `v` (live `lv`) to keep its ctype; the ctype id and the cdata.
    pub(super) fn cd_guard(&mut self, v: Val, lv: TValue) -> Result<(CTypeId, *mut u8), Abort> {
        let Some(c) = as_cdata(lv) else { nyi!("cdata operand of another type") };
        if c.flags & IS_CTYPE != 0 {
            nyi!("ctype object on trace");
        }
        let s = self.snap()?;
        self.ir.emit(IrOp::CDTYPE, IrType::Void, v.0, REF_NONE, REF_NONE, u64::from(c.ctype), s);
        Ok((c.ctype, c.ptr))
    }

    // ---- Indexing. ----------------------------------------------------------------

    /// The integer index a key stands for (`ffi::lib::index_target`'s `elem_at`): its
    /// word on trace and its value now.
    fn index_word(&mut self, st: &mut State, k: Val, kv: TValue) -> Result<(IrRef, i64), Abort> {
        if k.1 == IrType::Num {
            return Ok((self.conv(k.0, hf::CONV_NUM_I64), f2i64(kv.as_number())));
        }
        let (ty, p) = self.cd_guard(k, kv)?;
        let ct = *st.ffi().cts.get(ty);
        let Kind::Int { unsigned } = ct.kind else { nyi!("cdata index of a non-integer type") };
        let addr = self.ir.emit(IrOp::CDPTR, IrType::Word, k.0, REF_NONE, REF_NONE, 0, 0);
        let w = self.xload(addr, ct.size, !unsigned, false, IrType::Word);
        // SAFETY: a live integer cdata's payload holds `size` bytes of its value.
        let live = unsafe {
            let mut b = [0u8; 8];
            std::ptr::copy_nonoverlapping(p, b.as_mut_ptr(), ct.size.min(8) as usize);
            let raw = u64::from_le_bytes(b);
            let sh = 64 - ct.size.min(8) * 8;
            if unsigned || sh == 0 { raw as i64 } else { ((raw << sh) as i64) >> sh }
        };
        Ok((w, live))
    }

    /// What `t[k]` selects, `t` a cdata (guarded to its ctype).
    fn cdata_target(
        &mut self,
        st: &mut State,
        t: Val,
        tv: TValue,
        k: Val,
        kv: TValue,
    ) -> Result<Target, Abort> {
        let (cty, cp) = self.cd_guard(t, tv)?;
        let payload = self.ir.emit(IrOp::CDPTR, IrType::Word, t.0, REF_NONE, REF_NONE, 0, 0);
        let (ty, base, lbase) = match st.ffi().cts.get(cty).kind {
            Kind::Ref(inner) => {
                let p = self.xload(payload, 8, false, false, IrType::Word);
                // SAFETY: a reference's payload holds the address of a live object.
                (inner, p, unsafe { *(cp as *const *mut u8) })
            }
            _ => (cty, payload, cp),
        };
        let ct = *st.ffi().cts.get(ty);
        let key_index = k.1 == IrType::Num || k.1 == IrType::Cdata;
        let elem_place = |r: &mut Recorder, st: &mut State, elem: CTypeId, base: IrRef, lbase: *mut u8| {
            let (w, li) = r.index_word(st, k, kv)?;
            let es = i64::from(st.ffi().cts.get(elem).size.max(1));
            let kes = r.ir.kword(es as u64);
            let off = r.iop(IrOp::IMUL, w, kes);
            let addr = r.iop(IrOp::IADD, base, off);
            Ok::<_, Abort>(Place {
                ty: elem,
                addr,
                live: lbase.wrapping_offset(li.wrapping_mul(es) as isize),
                bits: None,
            })
        };
        match ct.kind {
            Kind::Ptr(elem) if key_index => {
                let p = self.xload(base, 8, false, false, IrType::Word);
                // SAFETY: a pointer's storage holds the address.
                let lp = unsafe { *(lbase as *const *mut u8) };
                Ok(Target::Place(elem_place(self, st, elem, p, lp)?))
            }
            Kind::Array { elem, .. } if key_index => {
                Ok(Target::Place(elem_place(self, st, elem, base, lbase)?))
            }
            Kind::Record(_) | Kind::Ptr(_) if k.1 == IrType::Str => {
                let (rty, rp, lrp) = match ct.kind {
                    Kind::Ptr(rt) => {
                        if matches!(st.ffi().cts.get(rt).kind, Kind::Func(_)) {
                            nyi!("callback method");
                        }
                        let p = self.xload(base, 8, false, false, IrType::Word);
                        // SAFETY: as above.
                        (rt, p, unsafe { *(lbase as *const *mut u8) })
                    }
                    _ => (ty, base, lbase),
                };
                // SAFETY: `kv` is a string (its type is `Str`).
                let name = unsafe { crate::lib::str_bytes(kv) }.to_vec();
                match st.ffi().cts.find_field(rty, &name) {
                    Some(FieldRef::Field { ty: fty, offset, bits }) => {
                        let cts = &mut st.ffi().cts;
                        let fty =
                            if cts.get(rty).qual & Q_CONST != 0 { cts.qualified(fty, Q_CONST) } else { fty };
                        let ko = self.ir.kword(u64::from(offset));
                        let addr = self.iop(IrOp::IADD, rp, ko);
                        let live = lrp.wrapping_add(offset as usize);
                        Ok(Target::Place(Place { ty: fty, addr, live, bits }))
                    }
                    Some(FieldRef::Const { value, .. }) => Ok(Target::Const(value as f64)),
                    None => Ok(Target::Missing),
                }
            }
            // A read-only pair of its part type (`ffi::lib::index_target`).
            Kind::Complex if key_index || k.1 == IrType::Str => {
                let part = if ct.size == 8 { id::FLOAT } else { id::DOUBLE };
                let part = st.ffi().cts.qualified(part, Q_CONST);
                if key_index {
                    return Ok(Target::Place(elem_place(self, st, part, base, lbase)?));
                }
                // SAFETY: `kv` is a string (its type is `Str`).
                let off = match unsafe { crate::lib::str_bytes(kv) } {
                    b"re" => 0,
                    b"im" => ct.size / 2,
                    _ => nyi!("missing complex member"),
                };
                let ko = self.ir.kword(u64::from(off));
                let addr = self.iop(IrOp::IADD, base, ko);
                Ok(Target::Place(Place {
                    ty: part,
                    addr,
                    live: lbase.wrapping_add(off as usize),
                    bits: None,
                }))
            }
            _ => Ok(Target::Missing),
        }
    }

    /// `A = t[k]` (`TGET*`) on a cdata `t` with key `k`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record_cdata_index(
        &mut self,
        st: &mut State,
        t: Val,
        tv: TValue,
        k: IrRef,
        kv: TValue,
        a: i32,
    ) -> Result<(), Abort> {
        let kt = (k, self.ty(k));
        let r = match self.cdata_target(st, t, tv, kt, kv)? {
            Target::Place(pl) => self.load_place(st, pl)?,
            Target::Const(n) => self.ir.knum(n),
            Target::Missing => return self.record_metatype_index(st, t, tv, (k, kv), a),
        };
        self.set(a, r);
        Ok(())
    }

    /// A load of the C object at `pl` as a Lua value (`State::c_to_lua`).
    fn load_place(&mut self, st: &mut State, pl: Place) -> Result<IrRef, Abort> {
        let ct = *st.ffi().cts.get(pl.ty);
        if let Some((pos, width)) = pl.bits {
            return self.load_bitfield(st, pl, pos, width);
        }
        Ok(match ct.kind {
            Kind::Bool => {
                let w = self.xload(pl.addr, 1, false, false, IrType::Word);
                // SAFETY: the interpreter is about to read this byte itself.
                let live = unsafe { *pl.live } != 0;
                let zero = self.ir.kword(0);
                self.icmp_guard(w, zero, if live { hf::CC_NE } else { hf::CC_EQ })?;
                self.ir.kval(TValue::boolean(live))
            }
            Kind::Int { .. } if ct.size == 8 => {
                let w = self.xload(pl.addr, 8, false, false, IrType::Word);
                let unq = st.ffi().cts.unqualified(pl.ty);
                self.cdbox(w, unq)?
            }
            Kind::Int { unsigned } => self.xload(pl.addr, ct.size, !unsigned, false, IrType::Num),
            Kind::Enum(_) if ct.size == 4 => self.xload(pl.addr, 4, true, false, IrType::Num),
            Kind::Float if ct.size == 4 || ct.size == 8 => {
                self.xload(pl.addr, ct.size, false, true, IrType::Num)
            }
            Kind::Ptr(_) => {
                let w = self.xload(pl.addr, 8, false, false, IrType::Word);
                let unq = st.ffi().cts.unqualified(pl.ty);
                self.cdbox(w, unq)?
            }
            Kind::Complex => {
                let s = self.snap()?;
                self.ir.emit(IrOp::CDCOPY, IrType::Cdata, pl.addr, REF_NONE, REF_NONE, u64::from(pl.ty), s)
            }
            Kind::Enum(_) | Kind::Float | Kind::Ref(_) | Kind::LongDouble => {
                nyi!("load of {}", st.ffi().cts.repr(pl.ty))
            }
            _ => {
                let r = st.ffi().cts.ref_to(pl.ty);
                self.cdbox(pl.addr, r)?
            }
        })
    }

    /// A bitfield's value (`State::load_field`): the container loaded whole, the
    /// field extracted (sign-extended unless its type is unsigned), a bool guarded.
    fn load_bitfield(&mut self, st: &mut State, pl: Place, pos: u32, width: u32) -> Result<IrRef, Abort> {
        let ct = *st.ffi().cts.get(pl.ty);
        let signed = !matches!(ct.kind, Kind::Int { unsigned: true } | Kind::Bool);
        let c = self.xload(pl.addr, ct.size, false, false, IrType::Word);
        let v =
            self.ir.emit(IrOp::BFEXT, IrType::Word, c, REF_NONE, REF_NONE, hf::bf_k(pos, width, signed), 0);
        if ct.kind == Kind::Bool {
            let mut b = [0u8; 8];
            // SAFETY: the interpreter is about to read this container itself.
            unsafe { std::ptr::copy_nonoverlapping(pl.live, b.as_mut_ptr(), ct.size.min(8) as usize) };
            let live = u64::from_le_bytes(b) >> pos & ((1 << width) - 1) != 0;
            let zero = self.ir.kword(0);
            self.icmp_guard(v, zero, if live { hf::CC_NE } else { hf::CC_EQ })?;
            return Ok(self.ir.kval(TValue::boolean(live)));
        }
        Ok(self.conv(v, hf::CONV_I64_NUM))
    }

    /// A bitfield store (`State::store_field`): the value converted as to a `uint32_t`
    /// (a `bool` for a bool field), inserted into the container read whole, the
    /// container written back.
    fn store_bitfield(&mut self, st: &mut State, pl: Place, bits: (u32, u32), v: Val) -> Result<(), Abort> {
        let ct = *st.ffi().cts.get(pl.ty);
        let tmp_ty = if ct.kind == Kind::Bool { id::BOOL } else { id::UINT32 };
        let w = match v.1 {
            IrType::Num => {
                self.ir.emit(IrOp::CDNUM, IrType::Word, v.0, REF_NONE, REF_NONE, u64::from(tmp_ty), 0)
            }
            IrType::True | IrType::False => {
                let mut tmp = [0u8; 8];
                // SAFETY: `tmp` holds any scalar.
                unsafe {
                    st.ffi().write_scalar(tmp_ty, tmp.as_mut_ptr(), Scalar::I(i64::from(v.1 == IrType::True)))
                };
                self.ir.kword(u64::from_le_bytes(tmp))
            }
            t => nyi!("bitfield store of {}", type_name(t)),
        };
        let c = self.xload(pl.addr, ct.size, false, false, IrType::Word);
        let k = hf::bf_k(bits.0, bits.1, false);
        let c = self.ir.emit(IrOp::BFINS, IrType::Word, c, w, REF_NONE, k, 0);
        self.xstore(pl.addr, c, ct.size, false);
        Ok(())
    }

    /// `TSET*` on a cdata `t` with key `k` and value `v`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record_cdata_newindex(
        &mut self,
        st: &mut State,
        t: Val,
        tv: TValue,
        k: IrRef,
        kv: TValue,
        v: Val,
        lv: TValue,
    ) -> Result<(), Abort> {
        let kt = (k, self.ty(k));
        let pl = match self.cdata_target(st, t, tv, kt, kv)? {
            Target::Place(pl) => pl,
            Target::Const(_) => nyi!("store to a constant member"),
            Target::Missing => return self.record_metatype_newindex(st, t, tv, (k, kv), v),
        };
        let ct = *st.ffi().cts.get(pl.ty);
        if ct.qual & Q_CONST != 0 {
            nyi!("store to a constant location");
        }
        if let Some(bits) = pl.bits {
            return self.store_bitfield(st, pl, bits, v);
        }
        let scalar = matches!(ct.kind, Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Float);
        let size = ct.size;
        match v.1 {
            IrType::Num if scalar => match ct.kind {
                Kind::Float if size == 4 || size == 8 => self.xstore(pl.addr, v.0, size, true),
                Kind::Int { unsigned: false } if size == 8 => {
                    let w = self.conv(v.0, hf::CONV_NUM_I64);
                    self.xstore(pl.addr, w, 8, false);
                }
                Kind::Int { unsigned } if size < 4 || size == 4 && !unsigned => {
                    let w = self.conv(v.0, hf::CONV_NUM_I32);
                    self.xstore(pl.addr, w, size, false);
                }
                Kind::Enum(_) if size == 4 => {
                    let w = self.conv(v.0, hf::CONV_NUM_I32);
                    self.xstore(pl.addr, w, size, false);
                }
                Kind::Bool | Kind::Int { .. } if size <= 8 => {
                    let w =
                        self.ir.emit(IrOp::CDNUM, IrType::Word, v.0, REF_NONE, REF_NONE, u64::from(pl.ty), 0);
                    self.xstore(pl.addr, w, size, false);
                }
                _ => nyi!("store of a number to {}", st.ffi().cts.repr(pl.ty)),
            },
            // A number is the real part (`write_complex`).
            IrType::Num if ct.kind == Kind::Complex => {
                let half = size / 2;
                self.xstore(pl.addr, v.0, half, true);
                let (zero, ko) = (self.ir.knum(0.0), self.ir.kword(u64::from(half)));
                let im = self.iop(IrOp::IADD, pl.addr, ko);
                self.xstore(im, zero, half, true);
            }
            IrType::Cdata if ct.kind == Kind::Complex => {
                let (sty, _) = self.cd_guard(v, lv)?;
                let cts = &mut st.ffi().cts;
                if cts.unqualified(sty) != cts.unqualified(pl.ty) {
                    nyi!("store of {} to {}", cts.repr(sty), cts.repr(pl.ty));
                }
                // Copied as words, as the interpreter copies bytes (a NaN keeps its bits).
                let src = self.ir.emit(IrOp::CDPTR, IrType::Word, v.0, REF_NONE, REF_NONE, 0, 0);
                for off in (0..size).step_by(8) {
                    let ko = self.ir.kword(u64::from(off));
                    let (from, to) = (self.iop(IrOp::IADD, src, ko), self.iop(IrOp::IADD, pl.addr, ko));
                    let w = self.xload(from, 8, false, false, IrType::Word);
                    self.xstore(to, w, 8, false);
                }
            }
            IrType::True | IrType::False if scalar && size <= 8 => {
                let mut tmp = [0u8; 8];
                // SAFETY: `tmp` holds any scalar.
                unsafe {
                    st.ffi().write_scalar(pl.ty, tmp.as_mut_ptr(), Scalar::I(i64::from(v.1 == IrType::True)))
                };
                let w = self.ir.kword(u64::from_le_bytes(tmp));
                self.xstore(pl.addr, w, size, false);
            }
            IrType::Nil if matches!(ct.kind, Kind::Ptr(_)) => {
                let w = self.ir.kword(0);
                self.xstore(pl.addr, w, 8, false);
            }
            IrType::Cdata => {
                let src = self.c_operand(st, v, lv)?;
                match (ct.kind, src) {
                    (Kind::Int { .. } | Kind::Enum(_), Operand::Int { w, .. }) if size <= 8 => {
                        self.xstore(pl.addr, w, size, false)
                    }
                    (Kind::Float, Operand::Int { w, u64 }) if size == 4 || size == 8 => {
                        let n = self.conv(w, if u64 { hf::CONV_U64_NUM } else { hf::CONV_I64_NUM });
                        self.xstore(pl.addr, n, size, true);
                    }
                    (Kind::Float, Operand::Num { r, lua: false }) if size == 4 || size == 8 => {
                        self.xstore(pl.addr, r, size, true)
                    }
                    (Kind::Ptr(dt), Operand::Ptr { addr, elem }) => {
                        // The source's (guarded) type decides compatibility.
                        let c = as_cdata(lv).map_or(0, |c| c.ctype);
                        let src_kind = st.ffi().cts.get(c).kind;
                        let compat = matches!(src_kind, Kind::Ptr(_) | Kind::Array { .. })
                            && st.ffi().cts.ptr_compatible(dt, elem);
                        if !compat {
                            nyi!("pointer conversion");
                        }
                        self.xstore(pl.addr, addr, 8, false);
                    }
                    _ => nyi!("store of cdata to {}", st.ffi().cts.repr(pl.ty)),
                }
            }
            t => nyi!("store of {} to {}", type_name(t), st.ffi().cts.repr(pl.ty)),
        }
        Ok(())
    }

    // ---- Arithmetic and comparisons. ----------------------------------------------

    /// `State::operand` on trace: `v` reduced for arithmetic (cdata guarded).
    fn c_operand(&mut self, st: &mut State, v: Val, lv: TValue) -> Result<Operand, Abort> {
        if v.1 == IrType::Num {
            return Ok(Operand::Num { r: v.0, lua: true });
        }
        if v.1 != IrType::Cdata {
            return Ok(Operand::Other);
        }
        let (cty, cp) = self.cd_guard(v, lv)?;
        let payload = self.ir.emit(IrOp::CDPTR, IrType::Word, v.0, REF_NONE, REF_NONE, 0, 0);
        let _ = cp;
        let (ty, p) = match st.ffi().cts.get(cty).kind {
            Kind::Ref(inner) => (inner, self.xload(payload, 8, false, false, IrType::Word)),
            _ => (cty, payload),
        };
        let ct = *st.ffi().cts.get(ty);
        Ok(match ct.kind {
            Kind::Ptr(elem) => Operand::Ptr { addr: self.xload(p, 8, false, false, IrType::Word), elem },
            Kind::Array { elem, .. } => Operand::Ptr { addr: p, elem },
            Kind::Int { unsigned } if ct.size <= 8 => Operand::Int {
                w: self.xload(p, ct.size, !unsigned, false, IrType::Word),
                u64: unsigned && ct.size == 8,
            },
            Kind::Enum(_) if ct.size == 4 => {
                Operand::Int { w: self.xload(p, 4, true, false, IrType::Word), u64: false }
            }
            Kind::Float if ct.size == 4 || ct.size == 8 => {
                Operand::Num { r: self.xload(p, ct.size, false, true, IrType::Num), lua: false }
            }
            Kind::Bool => nyi!("arithmetic on a bool cdata"),
            _ => Operand::Other,
        })
    }

    /// An integer operand as the word the operation computes with (`Scalar::to_i64`
    /// or `to_u64` of what `State::operand` gives).
    fn int_word(&mut self, o: Operand, unsigned: bool) -> IrRef {
        match o {
            Operand::Int { w, .. } => w,
            Operand::Num { r, lua } => {
                let k = match (unsigned, lua) {
                    (false, _) => hf::CONV_NUM_I64,
                    (true, true) => hf::CONV_LUANUM_U64,
                    (true, false) => hf::CONV_NUM_U64,
                };
                self.conv(r, k)
            }
            _ => REF_NONE,
        }
    }

    /// Arithmetic `x op y` where an operand is a cdata (`State::cdata_arith`): its
    /// value, or None when a metatype's metamethod was called for it.
    pub(super) fn record_cdata_arith(
        &mut self,
        st: &mut State,
        op: ArithOp,
        x: Val,
        lx: TValue,
        y: Val,
        ly: TValue,
    ) -> Result<Option<IrRef>, Abort> {
        let name: &[u8] = match op {
            ArithOp::Add => b"__add",
            ArithOp::Sub => b"__sub",
            ArithOp::Mul => b"__mul",
            ArithOp::Div => b"__div",
            ArithOp::Mod => b"__mod",
            ArithOp::Pow => b"__pow",
            ArithOp::Unm => b"__unm",
        };
        if !st.cdata_arith_builtin(op, lx, ly)
            && self.metatype_call(st, name, &[(x, lx), (y, ly)], &[x.0, y.0], 0.0)?
        {
            return Ok(None);
        }
        let a = self.c_operand(st, x, lx)?;
        let b = if op == ArithOp::Unm { a } else { self.c_operand(st, y, ly)? };
        let es = |st: &mut State, e: CTypeId| i64::from(st.ffi().cts.get(e).size.max(1)) as u64;
        match (a, b) {
            (Operand::Ptr { addr, elem }, n) if n.is_int() && matches!(op, ArithOp::Add | ArithOp::Sub) => {
                let w = self.int_word(n, false);
                let kes = self.ir.kword(es(st, elem));
                let d = self.iop(IrOp::IMUL, w, kes);
                let r = self.iop(if op == ArithOp::Add { IrOp::IADD } else { IrOp::ISUB }, addr, d);
                let pt = st.ffi().cts.ptr_to(elem);
                self.cdbox(r, pt).map(Some)
            }
            (n, Operand::Ptr { addr, elem }) if n.is_int() && op == ArithOp::Add => {
                let w = self.int_word(n, false);
                let kes = self.ir.kword(es(st, elem));
                let d = self.iop(IrOp::IMUL, w, kes);
                let r = self.iop(IrOp::IADD, addr, d);
                let pt = st.ffi().cts.ptr_to(elem);
                self.cdbox(r, pt).map(Some)
            }
            (Operand::Ptr { addr: p, elem: e1 }, Operand::Ptr { addr: q, elem: e2 })
                if op == ArithOp::Sub =>
            {
                let (s1, s2) = (st.ffi().cts.get(e1).size, st.ffi().cts.get(e2).size);
                if s1 != s2 {
                    nyi!("pointer difference of different element sizes");
                }
                let mut d = self.iop(IrOp::ISUB, p, q);
                if s1 > 1 {
                    let ks = self.ir.kword(u64::from(s1));
                    d = self.ir.emit(IrOp::ISDIV, IrType::Word, d, ks, REF_NONE, 0, 0);
                }
                Ok(Some(self.conv(d, hf::CONV_I64_NUM)))
            }
            (m, n) if m.is_int() && n.is_int() => {
                let unsigned = matches!(m, Operand::Int { u64: true, .. })
                    || matches!(n, Operand::Int { u64: true, .. });
                let (wa, wb) = (self.int_word(m, unsigned), self.int_word(n, unsigned));
                let r = match op {
                    ArithOp::Add => self.iop(IrOp::IADD, wa, wb),
                    ArithOp::Sub => self.iop(IrOp::ISUB, wa, wb),
                    ArithOp::Mul => self.iop(IrOp::IMUL, wa, wb),
                    ArithOp::Unm => self.ir.emit(IrOp::INEG, IrType::Word, wa, REF_NONE, REF_NONE, 0, 0),
                    _ => {
                        let k = hf::arith_k(op, unsigned);
                        self.ir.emit(IrOp::I64ARITH, IrType::Word, wa, wb, REF_NONE, k, 0)
                    }
                };
                self.cdbox(r, if unsigned { id::UINT64 } else { id::INT64 }).map(Some)
            }
            _ => nyi!("arithmetic on {} and {}", type_name(x.1), type_name(y.1)),
        }
    }

    /// The guard that decides an integer or pointer relation the way it went now.
    #[allow(clippy::too_many_arguments)]
    fn relation(
        &mut self,
        st: &mut State,
        x: Val,
        lx: TValue,
        y: Val,
        ly: TValue,
        le: bool,
        holds: bool,
    ) -> Result<(), Abort> {
        let (a, b) = (self.c_operand(st, x, lx)?, self.c_operand(st, y, ly)?);
        let (wa, wb, unsigned) = match (a, b) {
            (Operand::Ptr { addr: p, .. }, Operand::Ptr { addr: q, .. }) => (p, q, true),
            (m, n) if m.is_int() && n.is_int() => {
                let u = matches!(m, Operand::Int { u64: true, .. })
                    || matches!(n, Operand::Int { u64: true, .. });
                (self.int_word(m, u), self.int_word(n, u), u)
            }
            _ => nyi!("comparison of {} and {}", type_name(x.1), type_name(y.1)),
        };
        let cc = match (le, unsigned) {
            (false, false) => hf::CC_SLT,
            (true, false) => hf::CC_SLE,
            (false, true) => hf::CC_ULT,
            (true, true) => hf::CC_ULE,
        };
        self.icmp_guard(wa, wb, if holds { cc } else { hf::cc_not(cc) })
    }

    /// `ISLT`/`ISGE` (`le` false) or `ISLE`/`ISGT` (`le` true) where an operand is a
    /// cdata (`State::cdata_compare`): guards the relation as it holds now.
    pub(super) fn record_cdata_order(
        &mut self,
        st: &mut State,
        le: bool,
        x: Val,
        lx: TValue,
        y: Val,
        ly: TValue,
    ) -> Result<(), Abort> {
        let name: &[u8] = if le { b"__le" } else { b"__lt" };
        // SAFETY: the innermost frame's prototype is live; the current pc is in range.
        let opn = unsafe { (&(*self.cur_proto()).code)[self.cur_pc].op() } as u32 - Op::ISLT as u32;
        let Some(holds) = st.cdata_compare(lx, ly, le) else {
            if self.metatype_call(st, name, &[(x, lx), (y, ly)], &[x.0, y.0], f64::from(opn))? {
                return Ok(());
            }
            nyi!("comparison error")
        };
        self.relation(st, x, lx, y, ly, le, holds)
    }

    /// Equality where an operand is a cdata (`State::cdata_equal`): guards the outcome.
    pub(super) fn record_cdata_eq(
        &mut self,
        st: &mut State,
        x: Val,
        lx: TValue,
        y: Val,
        ly: TValue,
    ) -> Result<(), Abort> {
        // SAFETY: as in `record_cdata_order`.
        let op = unsafe { (&(*self.cur_proto()).code)[self.cur_pc].op() };
        if !st.cdata_eq_builtin(lx, ly) {
            let ne = matches!(op, Op::ISNEV | Op::ISNES | Op::ISNEN | Op::ISNEP);
            if self.metatype_call(st, b"__eq", &[(x, lx), (y, ly)], &[x.0, y.0], f64::from(u8::from(ne)))? {
                return Ok(());
            }
        }
        let is_ctype = |v: TValue| as_cdata(v).is_some_and(|c| c.flags & IS_CTYPE != 0);
        if is_ctype(lx) || is_ctype(ly) {
            nyi!("comparison of ctype objects");
        }
        let eq = st.cdata_equal(lx, ly);
        if lx.is_nil() || ly.is_nil() {
            let (o, lo) = if lx.is_nil() { (y, ly) } else { (x, lx) };
            if let Operand::Ptr { addr, .. } = self.c_operand(st, o, lo)? {
                let zero = self.ir.kword(0);
                self.icmp_guard(addr, zero, if eq { hf::CC_EQ } else { hf::CC_NE })?;
            }
            return Ok(());
        }
        let (a, b) = (self.c_operand(st, x, lx)?, self.c_operand(st, y, ly)?);
        let cc = if eq { hf::CC_EQ } else { hf::CC_NE };
        match (a, b) {
            (Operand::Ptr { addr: p, .. }, Operand::Ptr { addr: q, .. }) => self.icmp_guard(p, q, cc),
            (m, n) if m.is_int() && n.is_int() => {
                let u = matches!(m, Operand::Int { u64: true, .. })
                    || matches!(n, Operand::Int { u64: true, .. });
                let (wa, wb) = (self.int_word(m, u), self.int_word(n, u));
                self.icmp_guard(wa, wb, cc)
            }
            // Otherwise identity (`a.bits() == b.bits()`), for values of one type.
            _ if x.1 == y.1 && x.1 != IrType::Num => {
                self.guard(if eq { IrOp::EQV } else { IrOp::NEV }, x.0, y.0)
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{off_and_on, string, traces_cleanly};

    #[test]
    fn fields_elements_and_pointers_record() {
        traces_cleanly(
            "local ffi = require('ffi') ffi.cdef[[typedef struct { int8_t a; uint16_t b; float f; \
             int64_t g; bool z; int32_t *p; } tst_t;]] local s = ffi.new('tst_t') \
             local a = ffi.new('int32_t[8]') local acc = 0 for i = 1, 60 do s.a = i * 9 s.b = -i \
             s.f = i / 3 s.g = i s.z = i % 2 == 0 a[i % 8] = i s.p = a + (i % 4) \
             acc = acc + s.a + s.b + s.f + tonumber(s.g) + (s.z and 1 or 0) + s.p[0] + (s.p - a) end \
             return tostring(acc)",
        );
    }

    /// NaNs read from C memory whose bits would alias a tagged value stay numbers
    /// (LuaJIT itself reads some of them as other values, so this is no conformance
    /// program).
    #[test]
    fn nan_bits_from_c_memory_are_canonical() {
        // (Side traces at the loop's end abort there: "leaving loop in root trace".)
        let (off, on, stats) = off_and_on(
            "local ffi = require('ffi') local nd = ffi.new('union { double d; uint32_t w[2]; }') \
             local nf = ffi.new('union { float f; uint32_t u; }') local n, o = 0, 0 \
             for i = 1, 60 do nd.w[0] = i nd.w[1] = i % 2 == 0 and 0xFFFF0000 or 0x40000000 \
             nf.u = i % 3 == 0 and 0xFFFFFFFF or 0x3F800000 local d, f = nd.d, nf.f \
             if d ~= d then n = n + 1 else o = o + d end if f ~= f then n = n + 1 else o = o + f end \
             if type(d) ~= 'number' or type(f) ~= 'number' then o = o + 1000 end end \
             return n .. ' ' .. o",
            string,
        );
        assert_eq!((off.as_str(), on.as_str()), ("50 100", "50 100"));
        assert!(stats.traces >= 1);
    }

    #[test]
    fn bitfields_and_complex_parts_record() {
        traces_cleanly(
            "local ffi = require('ffi') local s = ffi.new('struct { int a:3; unsigned b:7; bool c:1; \
             int8_t d:2; uint32_t e:32; }') local z = ffi.new('complex[2]', {1, 2}, {3, 4}) \
             local w = ffi.new('struct { complex float f; }') local zf = ffi.new('complex float[1]', {{7, 8}}) \
             local acc = 0 for i = 1, 60 do s.a = i s.b = -i s.c = i % 2 == 0 s.d = i s.e = i * 99 \
             z[i % 2] = i w.f = zf[0] \
             acc = acc + s.a + s.b + (s.c and 1 or 0) + s.d + s.e + z[0].re + z[1][1] + w.f.im end \
             return tostring(acc)",
        );
    }

    #[test]
    fn int64_arithmetic_and_comparisons_record() {
        traces_cleanly(
            "local x, u, n = 3LL, 5ULL, 0 for i = 1, 60 do x = x * 7 - i + x / (i % 3) + x % -5 \
             u = u * 3 + i if x < u then n = n + 1 end if x == i then n = n + 10 end end \
             return tostring(x) .. tostring(u) .. n",
        );
    }
}
