//! Metatables and metamethod resolution (the slow paths of indexing, comparison and
//! equality).
//!
//! The resolvers here never call Lua themselves: they either produce the final value or
//! name the metamethod to call, and the interpreter calls it through a continuation frame
//! (so coroutines can yield inside metamethods, as in LuaJIT).

use super::func::LResult;
use super::state::State;
use super::string::LStr;
use super::table::Table;
use super::udata::Udata;
use super::value::*;

pub const MM_INDEX: usize = 0;
pub const MM_NEWINDEX: usize = 1;
pub const MM_GC: usize = 2;
pub const MM_MODE: usize = 3;
pub const MM_EQ: usize = 4;
pub const MM_LEN: usize = 5;
pub const MM_LT: usize = 6;
pub const MM_LE: usize = 7;
pub const MM_CONCAT: usize = 8;
pub const MM_CALL: usize = 9;
pub const MM_ADD: usize = 10;
pub const MM_SUB: usize = 11;
pub const MM_MUL: usize = 12;
pub const MM_DIV: usize = 13;
pub const MM_MOD: usize = 14;
pub const MM_POW: usize = 15;
pub const MM_UNM: usize = 16;
pub const MM_METATABLE: usize = 17;
pub const MM_TOSTRING: usize = 18;
pub const MM_N: usize = 19;

pub const MM_NAMES: [&str; MM_N] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__eq",
    "__len",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__add",
    "__sub",
    "__mul",
    "__div",
    "__mod",
    "__pow",
    "__unm",
    "__metatable",
    "__tostring",
];

/// Up to how many `__index`/`__newindex` hops before "loop in gettable".
const MAX_META_LOOP: usize = 100;

/// The outcome of a metamethod-aware operation.
pub enum Resolved {
    /// The final value.
    Value(TValue),
    /// Call this metamethod; the first argument is the object it belongs to.
    Call(TValue, TValue),
}

impl State {
    /// The metatable of any value (null if none).
    #[inline]
    pub fn metatable(&self, v: TValue) -> *mut Table {
        match v.tag() {
            // SAFETY: table and userdata values point at live objects.
            TAG_TABLE => unsafe { (*v.ptr::<Table>()).metatable },
            TAG_UDATA => unsafe { (*v.ptr::<Udata>()).metatable },
            _ => self.basemt[State::basemt_index(v)],
        }
    }

    /// Metamethod `mm` in metatable `mt` (nil if absent), with the negative cache. `mt`
    /// is null or a live table (metatable pointers always are).
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    #[inline]
    pub fn mt_get(&self, mt: *mut Table, mm: usize) -> TValue {
        if mt.is_null() {
            return TValue::NIL;
        }
        // SAFETY: metatables are live tables.
        let t = unsafe { &mut *mt };
        if mm < 8 && t.nomm & (1 << mm) != 0 {
            return TValue::NIL;
        }
        let v = t.get_str(self.mmname[mm]);
        if v.is_nil() && mm < 8 {
            t.nomm |= 1 << mm;
        }
        v
    }

    #[inline]
    pub fn get_mm(&self, v: TValue, mm: usize) -> TValue {
        self.mt_get(self.metatable(v), mm)
    }

    /// `obj[key]` with `__index`. `slot` names `obj`'s register for error messages.
    pub fn index_resolve(&mut self, mut obj: TValue, key: TValue, slot: Option<u32>) -> LResult<Resolved> {
        for i in 0..MAX_META_LOOP {
            let mm = if obj.is_table() {
                // SAFETY: table values point at live tables.
                let t = unsafe { &*obj.ptr::<Table>() };
                let v = t.get(key);
                if !v.is_nil() {
                    return Ok(Resolved::Value(v));
                }
                let mm = self.mt_get(t.metatable, MM_INDEX);
                if mm.is_nil() {
                    return Ok(Resolved::Value(TValue::NIL));
                }
                mm
            } else {
                let mm = self.get_mm(obj, MM_INDEX);
                if mm.is_nil() {
                    return Err(self.type_error("index", obj, if i == 0 { slot } else { None }));
                }
                mm
            };
            if mm.is_func() {
                return Ok(Resolved::Call(mm, obj));
            }
            obj = mm;
        }
        Err(self.rt_error("loop in gettable"))
    }

    /// `obj[key] = val` with `__newindex`: `Value(_)` means done.
    pub fn newindex_resolve(
        &mut self,
        mut obj: TValue,
        key: TValue,
        val: TValue,
        slot: Option<u32>,
    ) -> LResult<Resolved> {
        for i in 0..MAX_META_LOOP {
            let mm = if obj.is_table() {
                let tp = obj.ptr::<Table>();
                // SAFETY: table values point at live tables.
                let t = unsafe { &mut *tp };
                if let Some(s) = t.slot_mut(key)
                    && !s.is_nil()
                {
                    *s = val;
                    return Ok(Resolved::Value(TValue::NIL));
                }
                let mm = self.mt_get(t.metatable, MM_NEWINDEX);
                if mm.is_nil() {
                    self.raw_set_checked(obj, key, val)?;
                    return Ok(Resolved::Value(TValue::NIL));
                }
                mm
            } else {
                let mm = self.get_mm(obj, MM_NEWINDEX);
                if mm.is_nil() {
                    return Err(self.type_error("index", obj, if i == 0 { slot } else { None }));
                }
                mm
            };
            if mm.is_func() {
                return Ok(Resolved::Call(mm, obj));
            }
            obj = mm;
        }
        Err(self.rt_error("loop in settable"))
    }

    /// `a == b` for values that are not raw-equal: the `__eq` metamethod to call, if 5.1's
    /// rules allow one (same type, table or userdata, the same metamethod on both sides).
    pub fn eq_metamethod(&self, a: TValue, b: TValue) -> Option<TValue> {
        if a.tag() == TAG_CDATA || b.tag() == TAG_CDATA {
            // The FFI compares cdata with anything (`1LL == 1`, `p == nil`).
            let m = self.mt_get(self.basemt[Type::Cdata as usize], MM_EQ);
            return (!m.is_nil()).then_some(m);
        }
        if a.tag() != b.tag() || !(a.is_table() || a.tag() == TAG_UDATA) {
            return None;
        }
        let m1 = self.get_mm(a, MM_EQ);
        if m1.is_nil() {
            return None;
        }
        let m2 = self.get_mm(b, MM_EQ);
        if m1.raw_eq(m2) { Some(m1) } else { None }
    }

    /// Ordered comparison for the comparison opcodes: `op` is 0 (LT), 1 (GE), 2 (LE) or
    /// 3 (GT), as `ISLT..ISGT`. Returns whether the branch is taken, or the metamethod to
    /// call with its (possibly swapped) operands and the effective op for the result.
    pub fn compare_resolve(
        &mut self,
        mut op: u32,
        mut a: TValue,
        mut b: TValue,
    ) -> LResult<Result<bool, (TValue, TValue, TValue, u32)>> {
        if a.is_number() && b.is_number() {
            let (x, y) = (a.as_number(), b.as_number());
            let r = if op & 2 != 0 { x <= y } else { x < y };
            return Ok(Ok(r ^ (op & 1 != 0)));
        }
        if a.is_str() && b.is_str() {
            // SAFETY: string values point at live strings.
            let (x, y) = unsafe { ((*a.ptr::<LStr>()).as_bytes(), (*b.ptr::<LStr>()).as_bytes()) };
            let r = if op & 2 != 0 { x <= y } else { x < y };
            return Ok(Ok(r ^ (op & 1 != 0)));
        }
        if a.tag() == TAG_CDATA || b.tag() == TAG_CDATA {
            // The FFI orders cdata against numbers and other cdata.
            let mm = if op & 2 != 0 { super::meta::MM_LE } else { super::meta::MM_LT };
            let m = self.mt_get(self.basemt[Type::Cdata as usize], mm);
            if !m.is_nil() {
                return Ok(Err((m, a, b, op)));
            }
        }
        if a.type_of() != b.type_of() || a.is_number() {
            return Err(self.compare_error(a, b));
        }
        loop {
            let mm = if op & 2 != 0 { super::meta::MM_LE } else { super::meta::MM_LT };
            let m1 = self.get_mm(a, mm);
            let m2 = self.get_mm(b, mm);
            if m1.is_nil() || !m1.raw_eq(m2) {
                if op & 2 != 0 {
                    std::mem::swap(&mut a, &mut b);
                    op ^= 3;
                    continue;
                }
                return Err(self.compare_error(a, b));
            }
            return Ok(Err((m1, a, b, op)));
        }
    }
}
