//! Conversions between Lua values and C data, per LuaJIT's rules (`lj_cconv.c` and
//! `lj_cdata.c` in behaviour; the code is ours).
//!
//! * C to Lua ([`FfiState::to_lua`]): `bool` becomes a boolean; integers up to 32 bits,
//!   enums, `float` and `double` become numbers; 64-bit integers, pointers and complex
//!   numbers become new boxed cdata; aggregates (structs, unions, arrays) become a
//!   *reference* cdata (`cdata<struct foo &>`) pointing into the original storage.
//! * Lua to C ([`FfiState::from_lua`]): numbers convert with the x86-64 semantics the
//!   oracle was built with (a double out of `int32_t` range becomes `INT32_MIN`, types
//!   narrower than 32 bits truncate an `int32_t`, `uint32_t` truncates an `int64_t`,
//!   `uint64_t` takes LuaJIT's `lj_num2u64` path); booleans are 0/1; `nil` is a NULL
//!   pointer; a string is a `const char *` to its bytes (or fills a char array); a
//!   table initialises an array or struct element by element; cdata convert by type.

use super::FfiState;
use super::cdata::{Cdata, as_cdata};
use super::ctype::*;
use crate::vm::func::LResult;
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::value::*;

/// `(int64_t)n` as x86-64's `cvttsd2si` computes it: out of range and NaN give `INT64_MIN`.
pub fn f2i64(n: f64) -> i64 {
    if n > -9223372036854775809.0 && n < 9223372036854775808.0 { n as i64 } else { i64::MIN }
}

/// `(int32_t)n` as `cvttsd2si` with a 32-bit destination computes it.
pub fn f2i32(n: f64) -> i32 {
    if n > -2147483649.0 && n < 2147483648.0 { n as i32 } else { i32::MIN }
}

/// LuaJIT's `lj_num2u64`: through `int64_t`, wrapping values at and above 2^63.
pub fn f2u64(n: f64) -> u64 {
    let i = f2i64(n);
    if i < 0 { f2i64(n - 18446744073709551616.0) as u64 } else { i as u64 }
}

/// A scalar read from C memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    I(i64),
    U(u64),
    F(f64),
}

impl Scalar {
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::I(i) => i as f64,
            Scalar::U(u) => u as f64,
            Scalar::F(f) => f,
        }
    }

    /// As C converts to a 64-bit integer (doubles truncate with x86 semantics).
    pub fn to_i64(self) -> i64 {
        match self {
            Scalar::I(i) => i,
            Scalar::U(u) => u as i64,
            Scalar::F(f) => f2i64(f),
        }
    }

    pub fn to_u64(self) -> u64 {
        match self {
            Scalar::I(i) => i as u64,
            Scalar::U(u) => u,
            Scalar::F(f) => f2u64(f),
        }
    }
}

/// Reads `size` bytes at `p` as a little-endian value.
///
/// # Safety
/// `p` must be valid for `size` bytes.
unsafe fn load(p: *const u8, size: u32) -> u64 {
    let mut b = [0u8; 8];
    // SAFETY: per the contract; `size` is at most 8 for scalars.
    unsafe { std::ptr::copy_nonoverlapping(p, b.as_mut_ptr(), size.min(8) as usize) };
    u64::from_le_bytes(b)
}

/// # Safety
/// `p` must be valid for `size` bytes.
unsafe fn store(p: *mut u8, size: u32, v: u64) {
    let b = v.to_le_bytes();
    // SAFETY: per the contract.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p, size.min(8) as usize) };
}

impl CTypes {
    /// May a pointer to `src` convert implicitly to a pointer to `dst`? As in LuaJIT:
    /// qualifiers may be added but not dropped; `void` on either side matches anything;
    /// otherwise the targets must be the same type, integers of one size counting as
    /// the same whatever their signedness.
    pub fn ptr_compatible(&self, dst: CTypeId, src: CTypeId) -> bool {
        let (d, s) = (self.get(dst), self.get(src));
        if s.qual & !d.qual != 0 {
            return false;
        }
        match (d.kind, s.kind) {
            (Kind::Void, _) | (_, Kind::Void) => true,
            (Kind::Int { .. }, Kind::Int { .. }) => d.size == s.size,
            (Kind::Func(_), Kind::Func(_)) => true,
            (a, b) => a == b && d.size == s.size,
        }
    }

    /// May a Lua string (a `const char *`) convert to a pointer to `target`?
    pub fn accepts_string(&self, target: CTypeId) -> bool {
        let t = self.get(target);
        t.qual & Q_CONST != 0
            && (matches!(t.kind, Kind::Void) || matches!(t.kind, Kind::Int { .. }) && t.size == 1)
    }
}

impl FfiState {
    /// Reads a scalar (integer, enum, bool, float, pointer) of type `ty` at `p`.
    ///
    /// # Safety
    /// `p` must point at a readable object of type `ty`.
    pub unsafe fn read_scalar(&self, ty: CTypeId, p: *const u8) -> Option<Scalar> {
        let ct = *self.cts.get(ty);
        // SAFETY: per the contract.
        let raw = unsafe { load(p, ct.size) };
        Some(match ct.kind {
            Kind::Bool => Scalar::U((raw & 0xff != 0) as u64),
            Kind::Int { unsigned, .. } => {
                let bits = ct.size * 8;
                if unsigned {
                    Scalar::U(if bits == 64 { raw } else { raw & ((1 << bits) - 1) })
                } else {
                    let sh = 64 - bits;
                    Scalar::I(((raw << sh) as i64) >> sh)
                }
            }
            Kind::Enum(_) => Scalar::I(raw as u32 as i32 as i64),
            Kind::Float if ct.size == 4 => Scalar::F(f64::from(f32::from_bits(raw as u32))),
            Kind::Float => Scalar::F(f64::from_bits(raw)),
            Kind::Ptr(_) | Kind::Ref(_) | Kind::Func(_) => Scalar::U(raw),
            _ => return None,
        })
    }

    /// Writes a scalar to `p` converted to type `ty` (integer, enum, bool, float or pointer).
    ///
    /// # Safety
    /// `p` must point at a writable object of type `ty`.
    pub unsafe fn write_scalar(&self, ty: CTypeId, p: *mut u8, v: Scalar) {
        let ct = *self.cts.get(ty);
        let bits: u64 = match ct.kind {
            Kind::Bool => match v {
                Scalar::F(f) => (f != 0.0) as u64,
                _ => (v.to_u64() != 0) as u64,
            },
            Kind::Float if ct.size == 4 => u64::from((v.to_f64() as f32).to_bits()),
            Kind::Float => v.to_f64().to_bits(),
            Kind::Int { unsigned: true, .. } if ct.size == 8 => v.to_u64(),
            Kind::Int { unsigned: true, .. } if ct.size == 4 => v.to_i64() as u64,
            Kind::Int { .. } | Kind::Enum(_) if ct.size == 8 => v.to_i64() as u64,
            Kind::Int { .. } | Kind::Enum(_) => match v {
                Scalar::F(f) => f2i32(f) as i64 as u64,
                _ => v.to_i64() as u64,
            },
            Kind::Ptr(_) | Kind::Ref(_) | Kind::Func(_) => v.to_u64(),
            _ => return,
        };
        // SAFETY: per the contract.
        unsafe { store(p, ct.size, bits) };
    }
}

impl State {
    /// The ffi state, created on first use.
    pub fn ffi(&mut self) -> &mut FfiState {
        self.lib.ffi.get_or_insert_with(Default::default)
    }

    /// A new cdata of a scalar type holding `v` (64-bit integers, pointers).
    pub fn box_scalar(&mut self, ty: CTypeId, v: Scalar) -> LResult<TValue> {
        let (size, align) = {
            let ct = self.ffi().cts.get(ty);
            match ct.kind {
                // A function cdata holds the function's address; its type has no size.
                Kind::Func(_) => (std::mem::size_of::<usize>(), std::mem::align_of::<usize>()),
                _ => (ct.size as usize, ct.align as usize),
            }
        };
        let cd = self.new_cdata(ty, size, align).ok_or_else(|| self.rt_error("not enough memory"))?;
        let Some(c) = as_cdata(cd) else { return Ok(TValue::NIL) };
        // SAFETY: the payload was allocated with the type's size.
        unsafe { self.ffi().write_scalar(ty, c.ptr, v) };
        Ok(cd)
    }

    /// Converts C data of type `ty` at `p` to a Lua value.
    ///
    /// # Safety
    /// `p` must point at a readable object of type `ty`.
    pub unsafe fn c_to_lua(&mut self, ty: CTypeId, p: *const u8) -> LResult<TValue> {
        let ct = *self.ffi().cts.get(ty);
        match ct.kind {
            Kind::Bool => {
                // SAFETY: per the contract.
                Ok(TValue::boolean(unsafe { *p } != 0))
            }
            Kind::Int { .. } if ct.size == 8 => {
                let unq = self.ffi().cts.unqualified(ty);
                // SAFETY: per the contract.
                let v = unsafe { self.ffi().read_scalar(ty, p) }.unwrap_or(Scalar::I(0));
                self.box_scalar(unq, v)
            }
            Kind::Int { .. } | Kind::Enum(_) | Kind::Float => {
                // SAFETY: per the contract.
                let v = unsafe { self.ffi().read_scalar(ty, p) }.unwrap_or(Scalar::I(0));
                Ok(TValue::number(v.to_f64()))
            }
            Kind::Ptr(_) => {
                let unq = self.ffi().cts.unqualified(ty);
                // SAFETY: per the contract.
                let v = unsafe { load(p, 8) };
                self.box_scalar(unq, Scalar::U(v))
            }
            Kind::Ref(inner) => {
                // SAFETY: per the contract, a reference holds a pointer to its target.
                let target = unsafe { load(p, 8) } as *const u8;
                // SAFETY: a reference points at a live object of its type.
                unsafe { self.c_to_lua(inner, target) }
            }
            // LuaJIT has no conversion from `long double` (sized storage only).
            Kind::LongDouble => Err(self.conv_error("long double", id::DOUBLE)),
            Kind::Complex => {
                let cd = self
                    .new_cdata(ty, ct.size as usize, ct.align as usize)
                    .ok_or_else(|| self.rt_error("not enough memory"))?;
                if let Some(c) = as_cdata(cd) {
                    // SAFETY: both are `size` bytes; the new payload is fresh.
                    unsafe { std::ptr::copy_nonoverlapping(p, c.ptr, ct.size as usize) };
                }
                Ok(cd)
            }
            _ => {
                let r = self.ffi().cts.ref_to(ty);
                self.box_scalar(r, Scalar::U(p as u64))
            }
        }
    }

    fn conv_error(&mut self, from: &str, to: CTypeId) -> crate::vm::func::Throw {
        let to = self.ffi().cts.repr(to);
        self.caller_error(&format!("cannot convert '{from}' to '{to}'"))
    }

    /// The name of a Lua value's type for conversion errors (the ctype for cdata).
    pub fn conv_src_name(&mut self, v: TValue) -> String {
        match as_cdata(v) {
            Some(c) => {
                let t = c.ctype;
                self.ffi().cts.repr(t)
            }
            None => v.type_of().name().to_string(),
        }
    }

    /// Stores Lua value `v` into C memory of type `ty` at `p`. `cast` allows what
    /// `ffi.cast` allows beyond implicit conversions (numbers to pointers, pointers of
    /// any type).
    ///
    /// # Safety
    /// `p` must point at writable storage for type `ty`.
    pub unsafe fn lua_to_c(&mut self, ty: CTypeId, p: *mut u8, v: TValue, cast: bool) -> LResult<()> {
        let ct = *self.ffi().cts.get(ty);
        let scalar_kind = matches!(ct.kind, Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Float);
        if v.is_number() {
            let n = v.as_number();
            if scalar_kind || cast && matches!(ct.kind, Kind::Ptr(_)) {
                let s = if matches!(ct.kind, Kind::Ptr(_)) { Scalar::I(f2i64(n)) } else { Scalar::F(n) };
                // SAFETY: per the contract.
                unsafe { self.ffi().write_scalar(ty, p, s) };
                return Ok(());
            }
            if let Kind::Complex = ct.kind {
                // SAFETY: per the contract (a complex is two parts).
                unsafe { write_complex(p, ct.size, n, 0.0) };
                return Ok(());
            }
            return Err(self.conv_error("number", ty));
        }
        if v.is_bool() {
            if scalar_kind {
                // SAFETY: per the contract.
                unsafe { self.ffi().write_scalar(ty, p, Scalar::I(v.is_truthy() as i64)) };
                return Ok(());
            }
            return Err(self.conv_error("bool", ty));
        }
        if v.is_nil() {
            if let Kind::Ptr(_) = ct.kind {
                // SAFETY: per the contract.
                unsafe { store(p, 8, 0) };
                return Ok(());
            }
            return Err(self.conv_error("nil", ty));
        }
        if v.tag() == TAG_LIGHTUD {
            if let Kind::Ptr(_) = ct.kind {
                // SAFETY: per the contract.
                unsafe { store(p, 8, v.payload()) };
                return Ok(());
            }
            return Err(self.conv_error("userdata", ty));
        }
        if v.is_str() {
            // SAFETY: string values point at live strings.
            let s = unsafe { crate::lib::str_bytes(v) };
            match ct.kind {
                // A string is a `const char *` to its bytes (kept alive by the caller),
                // so only const byte (or void) pointers accept it.
                Kind::Ptr(t) if cast || self.ffi().cts.accepts_string(t) => {
                    // SAFETY: per the contract.
                    unsafe { store(p, 8, s.as_ptr() as u64) };
                    return Ok(());
                }
                Kind::Array { elem, len } if self.ffi().cts.get(elem).size == 1 => {
                    let n = match len {
                        Some(n) => (n as usize).min(s.len() + 1),
                        None => s.len() + 1,
                    };
                    let n = n.min(ct.size as usize);
                    let m = n.min(s.len());
                    // SAFETY: `n <= size` bytes of storage; `m <= len` bytes of source.
                    unsafe {
                        std::ptr::copy_nonoverlapping(s.as_ptr(), p, m);
                        if n > m {
                            *p.add(m) = 0;
                        }
                    }
                    return Ok(());
                }
                Kind::Enum(e) => {
                    let found = self.ffi().cts.enums[e as usize]
                        .consts
                        .iter()
                        .find(|c| c.0.as_bytes() == s)
                        .map(|c| c.1);
                    if let Some(val) = found {
                        // SAFETY: per the contract.
                        unsafe { store(p, 4, val as u64) };
                        return Ok(());
                    }
                    return Err(self.conv_error("string", ty));
                }
                _ => return Err(self.conv_error("string", ty)),
            }
        }
        if v.is_table() {
            return self.table_init(ty, p, v);
        }
        if v.is_func() {
            // A Lua function where a function pointer is expected becomes a callback.
            let fty = match ct.kind {
                Kind::Ptr(t) if super::callback::callable_from_c(&self.ffi().cts, t) => Some(t),
                _ => None,
            };
            if let Some(fty) = fty {
                let addr = self.new_callback(fty, v)?;
                // SAFETY: per the contract.
                unsafe { store(p, 8, addr) };
                return Ok(());
            }
        }
        if let Some(c) = as_cdata(v) {
            return unsafe { self.cdata_to_c(ty, p, c, cast) };
        }
        let from = v.type_of().name();
        Err(self.conv_error(from, ty))
    }

    /// Converts cdata `c` into C storage of type `ty`.
    ///
    /// # Safety
    /// `p` must point at writable storage for type `ty`.
    unsafe fn cdata_to_c(&mut self, ty: CTypeId, p: *mut u8, c: &Cdata, cast: bool) -> LResult<()> {
        let (dst, mut sty, mut sp) = (*self.ffi().cts.get(ty), c.ctype, c.ptr as *const u8);
        // A reference stands for its target.
        if let Kind::Ref(inner) = self.ffi().cts.get(sty).kind {
            // SAFETY: a reference's payload is a pointer to a live object.
            sp = unsafe { load(sp, 8) } as *const u8;
            sty = inner;
        }
        let src = *self.ffi().cts.get(sty);
        let src_scalar =
            matches!(src.kind, Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Float | Kind::Ptr(_));
        match dst.kind {
            Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Float
                if src_scalar && (cast || !matches!(src.kind, Kind::Ptr(_))) =>
            {
                // SAFETY: the source is a live scalar of its type; the destination per
                // the contract.
                unsafe {
                    let s = self.ffi().read_scalar(sty, sp).unwrap_or(Scalar::I(0));
                    self.ffi().write_scalar(ty, p, s);
                }
                Ok(())
            }
            // A complex converts to a number type through its real part.
            Kind::Int { .. } | Kind::Enum(_) | Kind::Float if matches!(src.kind, Kind::Complex) => {
                // SAFETY: the source is a live complex; the destination per the contract.
                unsafe {
                    let (re, _) = read_complex(sp, src.size);
                    self.ffi().write_scalar(ty, p, Scalar::F(re));
                }
                Ok(())
            }
            // Numbers (not booleans or pointers) and the other complex type widen or
            // narrow part by part.
            Kind::Complex
                if matches!(src.kind, Kind::Int { .. } | Kind::Enum(_) | Kind::Float | Kind::Complex) =>
            {
                // SAFETY: the source is a live object of its type; the destination per
                // the contract.
                unsafe {
                    let (re, im) = match src.kind {
                        Kind::Complex => read_complex(sp, src.size),
                        _ => (self.ffi().read_scalar(sty, sp).map_or(0.0, Scalar::to_f64), 0.0),
                    };
                    write_complex(p, dst.size, re, im);
                }
                Ok(())
            }
            Kind::Ptr(dt) => {
                // Implicit conversions need compatible targets (casts take anything).
                let src_target = match src.kind {
                    Kind::Ptr(t) => Some(t),
                    Kind::Array { elem, .. } => Some(elem),
                    Kind::Record(_) | Kind::Func(_) => Some(sty),
                    _ => None,
                };
                if !cast
                    && let Some(st) = src_target
                    && !self.ffi().cts.ptr_compatible(dt, st)
                {
                    let from = self.ffi().cts.repr(c.ctype);
                    return Err(self.conv_error(&from, ty));
                }
                let addr = match src.kind {
                    // SAFETY: reading the pointer value stored in the source.
                    Kind::Ptr(_) => unsafe { load(sp, 8) },
                    // Arrays and records decay to a pointer to their storage.
                    Kind::Array { .. } | Kind::Record(_) => sp as u64,
                    Kind::Func(_) => sp as u64,
                    // SAFETY: as above, for integer sources of a cast.
                    Kind::Int { .. } | Kind::Enum(_) if cast => {
                        unsafe { self.ffi().read_scalar(sty, sp) }.map_or(0, |s| s.to_u64())
                    }
                    _ => {
                        let from = self.ffi().cts.repr(c.ctype);
                        return Err(self.conv_error(&from, ty));
                    }
                };
                // SAFETY: per the contract.
                unsafe { store(p, 8, addr) };
                Ok(())
            }
            Kind::Record(_) | Kind::Array { .. } | Kind::Complex | Kind::LongDouble
                if self.ffi().cts.unqualified(sty) == self.ffi().cts.unqualified(ty) =>
            {
                // SAFETY: same type, so same size; the regions are distinct objects or
                // identical (copy handles overlap via `copy`).
                unsafe { std::ptr::copy(sp, p, dst.size as usize) };
                Ok(())
            }
            _ => {
                let from = self.ffi().cts.repr(c.ctype);
                Err(self.conv_error(&from, ty))
            }
        }
    }

    /// A table as an array or struct initialiser: array elements from index 0 (or 1
    /// when `t[0]` is nil), struct fields by name, else in order from index 1 (`{1, 2}`).
    ///
    /// # Safety (internal)
    /// `p` points at writable storage for type `ty`.
    fn table_init(&mut self, ty: CTypeId, p: *mut u8, v: TValue) -> LResult<()> {
        let ct = *self.ffi().cts.get(ty);
        // SAFETY: `v` is a live table.
        let t = unsafe { &*v.ptr::<Table>() };
        match ct.kind {
            // A complex initialises like the two-element array of its parts it is in
            // LuaJIT (`{7}` is 7+7i).
            Kind::Array { .. } | Kind::Complex => {
                let (elem, n) = match ct.kind {
                    Kind::Array { elem, len } => (elem, len.unwrap_or(self.ffi().vla_elems)),
                    _ => (if ct.size == 8 { id::FLOAT } else { id::DOUBLE }, 2),
                };
                let esize = self.ffi().cts.get(elem).size;
                if esize == SIZE_UNKNOWN || esize == 0 {
                    return Err(self.conv_error("table", ty));
                }
                let start = if t.get(TValue::number(0.0)).is_nil() { 1 } else { 0 };
                for i in 0..=n {
                    let x = t.get(TValue::number(f64::from(i + start)));
                    if x.is_nil() {
                        // A single initialiser is used for every element (LuaJIT's rule).
                        if i == 1 {
                            for j in 1..n {
                                // SAFETY: element 0 and element `j < n` are distinct
                                // elements of the array's storage.
                                unsafe {
                                    std::ptr::copy_nonoverlapping(
                                        p,
                                        p.add((j * esize) as usize),
                                        esize as usize,
                                    )
                                };
                            }
                        }
                        break;
                    }
                    if i == n {
                        let r = self.ffi().cts.repr(ty);
                        return Err(self.caller_error(&format!("too many initializers for '{r}'")));
                    }
                    // SAFETY: element `i < n` lies inside the array's storage.
                    unsafe { self.lua_to_c(elem, p.add((i * esize) as usize), x, false)? };
                }
                Ok(())
            }
            Kind::Record(r) => {
                let fields = self.ffi().cts.records[r as usize].fields.clone();
                let union = self.ffi().cts.records[r as usize].union;
                let mut idx = 1.0;
                for f in fields.iter().filter(|f| f.name.is_some()) {
                    let Some(name) = &f.name else { continue };
                    let k = self.str_value(name.as_bytes());
                    let mut x = t.get(k);
                    if x.is_nil() {
                        x = t.get(TValue::number(idx));
                        idx += 1.0;
                    }
                    if x.is_nil() {
                        continue;
                    }
                    // SAFETY: the field lies inside the record's storage.
                    unsafe { self.store_field(f.ty, p.add(f.offset as usize), f.bits, x)? };
                    if union {
                        break;
                    }
                }
                Ok(())
            }
            _ => Err(self.conv_error("table", ty)),
        }
    }

    /// Stores `v` into a field (a bitfield when `bits` is set).
    ///
    /// # Safety
    /// `p` points at the field's storage (the container, for bitfields).
    pub unsafe fn store_field(
        &mut self,
        ty: CTypeId,
        p: *mut u8,
        bits: Option<(u32, u32)>,
        v: TValue,
    ) -> LResult<()> {
        let Some((pos, width)) = bits else {
            // SAFETY: per the contract.
            return unsafe { self.lua_to_c(ty, p, v, false) };
        };
        let mut tmp = [0u8; 8];
        let is_bool = matches!(self.ffi().cts.get(ty).kind, Kind::Bool);
        let tmp_ty = if is_bool { id::BOOL } else { id::UINT32 };
        // SAFETY: `tmp` has room for a uint32.
        unsafe { self.lua_to_c(tmp_ty, tmp.as_mut_ptr(), v, false)? };
        let size = self.ffi().cts.get(ty).size;
        let val = u64::from(u32::from_le_bytes([tmp[0], tmp[1], tmp[2], tmp[3]]));
        let mask = if width >= 64 { u64::MAX } else { ((1u64 << width) - 1) << pos };
        // SAFETY: per the contract, the container is `size` bytes.
        unsafe {
            let old = load(p, size);
            store(p, size, (old & !mask) | ((val << pos) & mask));
        }
        Ok(())
    }

    /// Loads a field (a bitfield when `bits` is set) as a Lua value.
    ///
    /// # Safety
    /// `p` points at the field's storage.
    pub unsafe fn load_field(
        &mut self,
        ty: CTypeId,
        p: *const u8,
        bits: Option<(u32, u32)>,
    ) -> LResult<TValue> {
        let Some((pos, width)) = bits else {
            // SAFETY: per the contract.
            return unsafe { self.c_to_lua(ty, p) };
        };
        let ct = *self.ffi().cts.get(ty);
        // SAFETY: per the contract.
        let raw = unsafe { load(p, ct.size) } >> pos;
        let v = raw & ((1u64 << width) - 1);
        Ok(match ct.kind {
            Kind::Bool => TValue::boolean(v != 0),
            Kind::Int { unsigned: true, .. } => TValue::number(v as f64),
            _ => {
                let sh = 64 - width;
                TValue::number((((v << sh) as i64) >> sh) as f64)
            }
        })
    }
}

/// # Safety
/// `p` must be valid for `size` bytes (a complex of that size).
pub unsafe fn write_complex(p: *mut u8, size: u32, re: f64, im: f64) {
    // SAFETY: per the contract.
    unsafe {
        if size == 8 {
            store(p, 4, u64::from((re as f32).to_bits()));
            store(p.add(4), 4, u64::from((im as f32).to_bits()));
        } else {
            store(p, 8, re.to_bits());
            store(p.add(8), 8, im.to_bits());
        }
    }
}

/// Reads a complex number's parts.
///
/// # Safety
/// `p` must be valid for `size` bytes.
pub unsafe fn read_complex(p: *const u8, size: u32) -> (f64, f64) {
    // SAFETY: per the contract.
    unsafe {
        if size == 8 {
            (
                f64::from(f32::from_bits(load(p, 4) as u32)),
                f64::from(f32::from_bits(load(p.add(4), 4) as u32)),
            )
        } else {
            (f64::from_bits(load(p, 8)), f64::from_bits(load(p.add(8), 8)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_conversions_follow_x86_64_luajit() {
        assert_eq!(f2i32(1e10), i32::MIN);
        assert_eq!(f2i32(-3.9), -3);
        assert_eq!(f2i32(f64::NAN), i32::MIN);
        assert_eq!(f2i64(f64::NAN), i64::MIN);
        assert_eq!(f2u64(-1.0), 1 << 63);
        assert_eq!(f2u64(18446744073709551616.0), 0);
        assert_eq!(f2u64(9223372036854775808.0), 1 << 63);
        assert_eq!(f2u64(1.5), 1);
    }
}
