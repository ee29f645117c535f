//! VM operations that traces call as plain C-ABI functions.
//!
//! Each helper does exactly the fast path the interpreter takes for the same
//! instruction and nothing else: whenever the interpreter would run a metamethod or
//! raise an error, the helper changes nothing and reports "bail" (`BAIL` for loads, a
//! non-zero status for stores), and the trace leaves through the snapshot taken before
//! the instruction, so the interpreter redoes it from scratch. Helpers never run Lua
//! code, never collect garbage and never reallocate a Lua stack, so the trace's frame
//! pointer stays valid across them.
//!
//! Arguments and results are raw `TValue` bits (`u64`), doubles as `f64`.
//!
//! # Safety (every `unsafe` helper)
//!
//! Called only by trace code, with `st` the state running the trace, value arguments
//! of the types the trace guarded, and `base` the trace's frame base.

use crate::vm::arith::{ArithOp, arith_num};
use crate::vm::func::Func;
use crate::vm::state::State;
use crate::vm::string::LStr;
use crate::vm::table::Table;
use crate::vm::value::*;

/// What a load helper returns when the interpreter would need a metamethod: a frame
/// link tag, which no Lua-visible value carries.
pub const BAIL: u64 = TAG_FRAME << TAG_SHIFT;

/// `t[k]` for a table value `t`.
pub extern "C" fn tget(t: u64, k: u64) -> u64 {
    // SAFETY: the trace guarded `t` to be a table value; tables it reaches are live
    // (they are in stack slots, which the GC marks, and no GC runs inside a trace).
    let tp = unsafe { &*TValue(t).ptr::<Table>() };
    let v = tp.get(TValue(k));
    if !v.is_nil() || tp.metatable.is_null() { v.bits() } else { BAIL }
}

/// `t[k] = v` for a table value `t`: 0 when done, 1 when the interpreter must do it.
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn tset(st: *mut State, t: u64, k: u64, v: u64) -> u64 {
    // SAFETY: `st` is the state running the trace (passed by its entry); `t` was guarded
    // to be a live table.
    let (st, tp) = unsafe { (&mut *st, &mut *TValue(t).ptr::<Table>()) };
    let (k, v) = (TValue(k), TValue(v));
    // One lookup either way: without a metatable the store is a raw set (which finds
    // the key's node or shows it absent in one walk); with one, only a non-nil old
    // value can be overwritten without `__newindex`.
    if tp.metatable.is_null() {
        if k.is_nil() || k.is_number() && k.as_number().is_nan() {
            return 1;
        }
        st.raw_set(TValue(t), k, v);
        return 0;
    }
    match tp.slot_mut(k) {
        Some(s) if !s.is_nil() => {
            *s = v;
            0
        }
        _ => 1,
    }
}

/// `t[k] = v` for a table value `t` in which trace code found no slot for key `k` (a
/// string or a number: `backend::tab::inline_set`): the insertion of a new key, without
/// looking it up again. 0 when done, 1 when the interpreter must do it (a metatable,
/// whose `__newindex` may apply, or a NaN key, an error).
///
/// # Safety
///
/// See the module documentation; `k` is absent from `t`.
pub unsafe extern "C" fn tnewkey(st: *mut State, t: u64, k: u64, v: u64) -> u64 {
    // SAFETY: as in `tset`.
    let (st, tp) = unsafe { (&mut *st, &mut *TValue(t).ptr::<Table>()) };
    let (k, v) = (TValue(k), TValue(v));
    if !tp.metatable.is_null() || k.is_number() && k.as_number().is_nan() {
        return 1;
    }
    if !v.is_nil() {
        st.gc.total += tp.set_absent(k, v);
    }
    0
}

/// Metamethod `mm` of value `v` (`MMGET`): nil when it has none.
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn mmget(st: *mut State, v: u64, mm: u64) -> u64 {
    // SAFETY: `st` is the state running the trace; `v` is a live value of the trace and
    // `mm` one of the `MM_*` indices the recorder emits.
    unsafe { (*st).get_mm(TValue(v), mm as usize).bits() }
}

/// Raw `t[k]` (`TGETR`).
pub extern "C" fn tgetr(t: u64, k: u64) -> u64 {
    // SAFETY: as in `tget`.
    unsafe { (*TValue(t).ptr::<Table>()).get(TValue(k)).bits() }
}

/// Raw `t[k] = v` (`TSETR`): 0 when done, 1 (nothing done) for a nil or NaN key.
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn tsetr(st: *mut State, t: u64, k: u64, v: u64) -> u64 {
    let k = TValue(k);
    if k.is_nil() || k.is_number() && k.as_number().is_nan() {
        return 1;
    }
    // SAFETY: `st` is the state running the trace; `t` was guarded to be a live table.
    unsafe { (*st).raw_set(TValue(t), k, TValue(v)) };
    0
}

/// `env[k]` of closure `f` (`GGET`), `k` a string.
pub extern "C" fn gget(f: u64, k: u64) -> u64 {
    // SAFETY: `f` is the live closure of the trace's frame (its function slot); a
    // closure's environment is a live table.
    let env = unsafe { &*(*TValue(f).ptr::<Func>()).env };
    let v = env.get_str(TValue(k).ptr::<LStr>());
    if !v.is_nil() || env.metatable.is_null() { v.bits() } else { BAIL }
}

/// `env[k] = v` of closure `f` (`GSET`): 0 when done, 1 to bail.
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn gset(st: *mut State, f: u64, k: u64, v: u64) -> u64 {
    // SAFETY: as in `gget` and `tset`.
    let (st, env) = unsafe { (&mut *st, (*TValue(f).ptr::<Func>()).env) };
    let t = TValue::gc(TAG_TABLE, env);
    // SAFETY: `env` is a live table.
    let envr = unsafe { &mut *env };
    if envr.metatable.is_null() {
        st.raw_set(t, TValue(k), TValue(v));
        return 0;
    }
    match envr.slot_mut(TValue(k)) {
        Some(s) if !s.is_nil() => {
            *s = TValue(v);
            0
        }
        _ => 1,
    }
}

/// `a .. b .. c` for strings and numbers (the trace guarded the types; `c` is nil
/// when there are two operands): a new string. Allocation only counts towards the
/// collector's threshold; the trace's loop edge leaves when a collection is due.
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn cat(st: *mut State, a: u64, b: u64, c: u64) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &mut *st };
    let mut buf = Vec::new();
    for v in [a, b, c] {
        State::append_str_or_num(TValue(v), &mut buf);
    }
    st.str_value(&buf).bits()
}

/// `{}` with `TNEW`'s size hint `d`.
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn tnew(st: *mut State, d: u64) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &mut *st };
    let d = d as usize;
    let hbits = d >> 11;
    st.new_table(d & 0x7ff, if hbits > 0 { 1 << hbits } else { 0 }).bits()
}

/// A copy of the template table `tpl` (`TDUP`).
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn tdup(st: *mut State, tpl: u64) -> u64 {
    // SAFETY: `st` is the state running the trace; `tpl` is a template table constant
    // of a prototype on trace (kept alive with the trace).
    let (st, tpl) = unsafe { (&mut *st, &*TValue(tpl).ptr::<Table>()) };
    let t = st.alloc(tpl.dup());
    TValue::gc(TAG_TABLE, t).bits()
}

/// `next(t, k)` for a table value `t`: the next key (nil at the end), its value
/// stored at slot `slot` (signed) of the frame at `base`; `BAIL` for a key not in the
/// table (the interpreter raises the error). Trace code calls it for the steps it does
/// not make inline (`backend::iter`): the first, those in the array part, and those
/// from a key that is not the table's remembered one.
///
/// # Safety
///
/// See the module documentation; `base + slot` is a slot of the trace's frames.
pub unsafe extern "C" fn tnext(t: u64, k: u64, base: *mut TValue, slot: u64) -> u64 {
    // SAFETY: `t` was guarded to be a live table; the slot is on the stack.
    unsafe {
        let (key, v) = match (*TValue(t).ptr::<Table>()).next(TValue(k)) {
            Ok(Some(kv)) => kv,
            Ok(None) => (TValue::NIL, TValue::NIL),
            Err(()) => return BAIL,
        };
        base.wrapping_offset(slot as u32 as i32 as isize).write(v);
        key.bits()
    }
}

/// `#v` of a string or table (the trace guarded which).
pub extern "C" fn len(v: u64) -> f64 {
    let v = TValue(v);
    // SAFETY: `v` was guarded to be a string or a table, both live.
    unsafe { if v.is_str() { (*v.ptr::<LStr>()).len() as f64 } else { (*v.ptr::<Table>()).len() as f64 } }
}

/// `a % b`, with the result's NaN canonicalised as the interpreter stores it.
pub extern "C" fn modulo(a: f64, b: f64) -> f64 {
    TValue::number(arith_num(ArithOp::Mod, a, b)).as_number()
}

/// `a ^ b`, with the result's NaN canonicalised as the interpreter stores it.
pub extern "C" fn pow(a: f64, b: f64) -> f64 {
    TValue::number(arith_num(ArithOp::Pow, a, b)).as_number()
}

pub extern "C" fn floor(a: f64) -> f64 {
    a.floor()
}

pub extern "C" fn ceil(a: f64) -> f64 {
    a.ceil()
}

/// How a fast-function call is laid out, packed into the `k` of `FFCALL`:
///
/// ```text
///   bits 0..32   slot of the callee (signed, relative to the trace base): fslot
///   bits 32..40  number of arguments, at fslot+2 ..           : nargs
///   bits 40..48  results wanted                               : want
///   bit  48      bail if the first argument has `__tostring`  : FF_TOSTRING_MM
///   results 1.. are left at fslot+2+nargs+i (FFRES reads them)
/// ```
pub fn ffcall_k(fslot: i32, nargs: u32, want: u32, tostring_mm: bool) -> u64 {
    u64::from(fslot as u32)
        | u64::from(nargs & 0xff) << 32
        | u64::from(want & 0xff) << 40
        | if tostring_mm { FF_TOSTRING_MM } else { 0 }
}

/// `tostring` runs `__tostring` (Lua code): a metatable given to numbers or strings
/// after the trace was recorded must send the call back to the interpreter.
pub const FF_TOSTRING_MM: u64 = 1 << 48;

/// The slot where result `i` of the fast-function call described by `k` is left.
pub fn ffres_slot(k: u64, i: u32) -> i32 {
    k as u32 as i32 + 2 + ((k >> 32) & 0xff) as i32 + i as i32
}

/// Most results a recorded fast-function call may want.
pub const MAX_FF_RESULTS: usize = 4;

/// Calls the native `f` with the `nargs` arguments already at `stack[at..]`, exactly
/// as the interpreter calls a native (base = `at`), and leaves its first `want`
/// results (nil-padded) at `stack[at + nargs ..]`. Returns the first result, or None
/// when the call cannot be done here (too little stack without growing it: growing
/// would move the stack under a running trace; or the native raised an error, which
/// the interpreter then raises itself when it redoes the call).
///
/// Only for the natives the recorder admits as pure (`record::ff_spec`): they never run
/// Lua code, never touch frames and push at most a few results.
pub fn call_pure(st: &mut State, f: TValue, at: usize, nargs: usize, want: usize) -> Option<TValue> {
    // SAFETY: `f` is a live native function value (the recorder guarded its identity).
    let native = unsafe { (*f.ptr::<Func>()).native }?;
    let th = st.th();
    if at + nargs + crate::vm::state::MIN_STACK.max(want) > th.stack.len() {
        return None;
    }
    let (obase, otop, ostack) = (th.base, th.top, th.stack.as_ptr());
    th.base = at;
    th.top = at + nargs;
    let r = native(st);
    let th = st.th();
    debug_assert_eq!(ostack, th.stack.as_ptr(), "a pure native grew the stack");
    let out = match r {
        Ok(n) if n <= th.top - at && want <= MAX_FF_RESULTS => {
            // Results may overlap their destination: read them all first.
            let from = th.top - n;
            let mut res = [TValue::NIL; MAX_FF_RESULTS];
            for (i, r) in res.iter_mut().enumerate().take(want.min(n)) {
                *r = th.stack[from + i];
            }
            th.stack[at + nargs..at + nargs + want].copy_from_slice(&res[..want]);
            Some(res[0])
        }
        Ok(_) => None,
        Err(_) => {
            st.errval = TValue::NIL;
            None
        }
    };
    let th = st.th();
    th.base = obase;
    th.top = otop;
    out
}

/// `FFCALL`: the call of the pure native `f` laid out as `k` says (`ffcall_k`), with
/// the arguments already stored in their slots above `base`. Its first result, or
/// `BAIL`.
///
/// # Safety
///
/// See the module documentation; `base` points into the running thread's stack.
pub unsafe extern "C" fn ffcall(st: *mut State, base: *mut TValue, f: u64, k: u64) -> u64 {
    // SAFETY: `st` is the state running the trace; `base` points into its stack.
    let (st, bidx) = unsafe {
        let st = &mut *st;
        let sp = (*st.cur).stack.as_ptr();
        (st, base.offset_from(sp))
    };
    let at = bidx + k as u32 as i32 as isize + 2;
    let (nargs, want) = (((k >> 32) & 0xff) as usize, ((k >> 40) & 0xff) as usize);
    if at < 0 {
        return BAIL;
    }
    if k & FF_TOSTRING_MM != 0 {
        let arg = st.th().stack.get(at as usize).copied().unwrap_or(TValue::NIL);
        if !st.get_mm(arg, crate::vm::meta::MM_TOSTRING).is_nil() {
            return BAIL;
        }
    }
    call_pure(st, TValue(f), at as usize, nargs, want).map_or(BAIL, |v| v.bits())
}

/// `s[k]` for a string `s`: `k` in the table that is the string metatable's
/// `__index` (the string library, so `s:sub(...)` finds `sub`); `BAIL` whenever the
/// interpreter would do anything else (no such table, or a metamethod to run).
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn strindex(st: *mut State, k: u64) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &*st };
    match string_index_table(st) {
        // SAFETY: `string_index_table` returns a live table.
        Some(t) => unsafe {
            let v = (*t).get(TValue(k));
            if !v.is_nil() || (*t).metatable.is_null() { v.bits() } else { BAIL }
        },
        None => BAIL,
    }
}

/// The table that the string metatable's `__index` is, if it is one.
pub fn string_index_table(st: &State) -> Option<*mut Table> {
    let mt = st.basemt[Type::String as usize];
    let idx = st.mt_get(mt, crate::vm::meta::MM_INDEX);
    idx.is_table().then(|| idx.ptr::<Table>())
}

/// Byte-wise order of two strings (the interpreter's `<` on strings): -1, 0 or 1.
pub extern "C" fn strcmp(a: u64, b: u64) -> f64 {
    // SAFETY: both were guarded to be strings; strings on trace are live.
    let (x, y) = unsafe { ((*TValue(a).ptr::<LStr>()).as_bytes(), (*TValue(b).ptr::<LStr>()).as_bytes()) };
    match x.cmp(y) {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }
}

/// The loop edge's bookkeeping: 0 to go round again (one instruction of budget
/// spent, as the interpreter's loop instruction would), 1 to leave so the interpreter
/// runs the loop instruction itself (budget exhausted, or a collection is due).
///
/// # Safety
///
/// See the module documentation.
pub unsafe extern "C" fn loopchk(st: *mut State) -> u64 {
    // SAFETY: `st` is the state running the trace.
    let st = unsafe { &mut *st };
    if st.budget_left <= 1 || st.gc.total >= st.gc.threshold && !st.gc.stopped {
        return 1;
    }
    st.budget_left -= 1;
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bail_is_no_lua_value() {
        assert!(TValue(BAIL).is_frame());
        assert!(!TValue(BAIL).is_number());
    }

    #[test]
    fn table_helpers_take_the_fast_path_only() {
        let mut st = State::new();
        let t = st.new_table(4, 0);
        let k = TValue::number(1.0);
        // SAFETY: a live state and table, as a trace would pass them.
        unsafe {
            assert_eq!(tset(&mut *st, t.bits(), k.bits(), TValue::TRUE.bits()), 0);
            assert_eq!(tget(t.bits(), k.bits()), TValue::TRUE.bits());
            assert_eq!(tget(t.bits(), TValue::number(9.0).bits()), TValue::NIL.bits());
            // Keys the interpreter rejects with an error are left to it.
            assert_eq!(tset(&mut *st, t.bits(), TValue::NIL.bits(), TValue::TRUE.bits()), 1);
            assert_eq!(tset(&mut *st, t.bits(), TValue::number(f64::NAN).bits(), TValue::TRUE.bits()), 1);
            assert_eq!(len(t.bits()), 1.0);
        }
    }
}
