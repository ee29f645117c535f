//! The table library as LuaJIT 2.1 has it: `concat`, `insert`, `remove`, `sort`,
//! `maxn`, the 5.0 leftovers `getn`, `foreach`, `foreachi` (no `setn`), and the
//! extension modules `table.new` and `table.clear`, which `require` finds in
//! `package.preload` and which then also appear as fields of `table`.
//!
//! Element access is raw (LuaJIT reads and writes the table parts directly), except
//! that `remove`, written in Lua in LuaJIT, goes through `__index`/`__newindex` only for
//! absent keys, which the raw version here does not reproduce.
//!
//! `sort` is Lua 5.1's quicksort step for step (median of three, the same comparator
//! calls in the same order), so inconsistent comparators give LuaJIT's permutation and
//! its "invalid order function for sorting" error at the same point. It recurses only
//! into the smaller half, so its Rust recursion is bounded by log2 of the length.

use super::string::pad_nil;
use super::{register_lib, str_bytes};
use crate::vm::func::{LResult, ffid};
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::value::*;

pub fn open(st: &mut State) {
    register_lib(
        st,
        "table",
        &[
            ("concat", concat),
            ("insert", insert),
            ("remove", remove),
            ("sort", sort),
            ("maxn", maxn),
            ("move", move_),
            ("getn", getn),
            ("foreach", foreach),
            ("foreachi", foreachi),
        ],
    );
    preload(st, "table.new", open_new);
    preload(st, "table.clear", open_clear);
}

/// Registers `loader` as `package.preload[name]`.
pub fn preload(st: &mut State, name: &'static str, loader: crate::vm::func::NativeFn) {
    let kp = st.str_value(b"package");
    // SAFETY: the globals table is live.
    let pkg = unsafe { (*st.globals).get(kp) };
    if !pkg.is_table() {
        return;
    }
    let k = st.str_value(b"preload");
    // SAFETY: checked table.
    let pre = unsafe { (*pkg.ptr::<Table>()).get(k) };
    if !pre.is_table() {
        return;
    }
    let f = TValue::gc(TAG_FUNC, st.new_native(loader, name, ffid::NONE));
    let k = st.str_value(name.as_bytes());
    st.raw_set(pre, k, f);
}

/// A loader for `require "table.<field>"`: sets `table.<field>` and returns it.
fn open_field(st: &mut State, field: &'static str, f: crate::vm::func::NativeFn) -> LResult<usize> {
    let fv = TValue::gc(TAG_FUNC, st.new_native(f, field, ffid::NONE));
    let kt = st.str_value(b"table");
    // SAFETY: the globals table is live.
    let t = unsafe { (*st.globals).get(kt) };
    if t.is_table() {
        let k = st.str_value(field.as_bytes());
        st.raw_set(t, k, fv);
    }
    st.ret1(fv)
}

fn open_new(st: &mut State) -> LResult<usize> {
    open_field(st, "new", table_new)
}

fn open_clear(st: &mut State) -> LResult<usize> {
    open_field(st, "clear", table_clear)
}

fn table_new(st: &mut State) -> LResult<usize> {
    let a = st.check_i32(1)?.clamp(0, 0x7fff_ffff) as usize;
    let h = st.check_i32(2)?.clamp(0, 0x7fff_ffff) as usize;
    // Preallocation is a hint; cap it so a hostile size cannot exhaust memory up front.
    let t = st.new_table(a.min(1 << 20), h.min(1 << 20));
    st.ret1(t)
}

fn table_clear(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    // SAFETY: checked table.
    let tp = unsafe { &mut *t.ptr::<Table>() };
    let mut k = TValue::NIL;
    let mut keys = Vec::new();
    while let Ok(Some((nk, _))) = tp.next(k) {
        st.charge_iteration()?;
        keys.push(nk);
        k = nk;
    }
    for k in keys {
        tp.set(k, TValue::NIL);
    }
    Ok(0)
}

fn tab<'a>(t: TValue) -> &'a mut Table {
    // SAFETY: callers pass values checked to be tables, held in argument slots.
    unsafe { &mut *t.ptr::<Table>() }
}

fn geti(t: TValue, i: i64) -> TValue {
    tab(t).get_num(i as f64)
}

fn seti(st: &mut State, t: TValue, i: i64, v: TValue) {
    st.raw_set(t, TValue::number(i as f64), v);
}

fn concat(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let sep: Vec<u8> = if st.arg(2).is_nil() {
        Vec::new()
    } else {
        let s = st.check_str(2)?;
        // SAFETY: checked string.
        unsafe { str_bytes(s) }.to_vec()
    };
    let i = st.opt_i32(3, 1)?;
    let j = if st.arg(4).is_nil() { tab(t).len() as i64 } else { st.check_i32(4)? };
    let mut out = Vec::new();
    let mut k = i;
    while k <= j {
        let v = geti(t, k);
        let before = out.len();
        if !State::append_str_or_num(v, &mut out) {
            let msg = format!("invalid value ({}) at index {k} in table for 'concat'", v.type_of().name());
            return Err(st.caller_error(&msg));
        }
        if k < j {
            out.extend_from_slice(&sep);
        }
        st.charge(1 + (out.len() - before) / super::BYTES_PER_TICK)?;
        k += 1;
    }
    let s = st.str_value(&out);
    st.ret1(s)
}

fn insert(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let n = tab(t).len() as i64 + 1;
    match st.nargs() {
        2 => {
            let v = st.arg(2);
            seti(st, t, n, v);
        }
        3 => {
            let pos = st.check_i32(2)?;
            let v = st.arg(3);
            let mut i = n;
            while i > pos {
                st.charge_iteration()?;
                let w = geti(t, i - 1);
                seti(st, t, i, w);
                i -= 1;
            }
            seti(st, t, pos, v);
        }
        _ => return Err(st.caller_error("wrong number of arguments to 'insert'")),
    }
    Ok(0)
}

fn remove(st: &mut State) -> LResult<usize> {
    pad_nil(st, 2)?;
    let t = st.check_table(1)?;
    let len = tab(t).len() as i64;
    if st.arg(2).is_nil() {
        if len == 0 {
            return Ok(0);
        }
        let old = geti(t, len);
        seti(st, t, len, TValue::NIL);
        return st.ret1(old);
    }
    let pos = st.check_i32(2)?;
    if pos < 1 || pos > len {
        return Ok(0);
    }
    let old = geti(t, pos);
    for i in pos + 1..=len {
        st.charge_iteration()?;
        let w = geti(t, i);
        seti(st, t, i - 1, w);
    }
    seti(st, t, len, TValue::NIL);
    st.ret1(old)
}

/// `table.move(a1, f, e, t [, a2])`, as LuaJIT's Lua definition (raw accesses; the
/// copy runs backwards when the ranges overlap upwards in the same table).
fn move_(st: &mut State) -> LResult<usize> {
    pad_nil(st, 5)?;
    let a1 = st.check_table(1)?;
    let f = st.check_number(2)?;
    let e = st.check_number(3)?;
    let t = st.check_number(4)?;
    let a2 = if st.arg(5).is_nil() { a1 } else { st.check_table(5)? };
    if e >= f {
        let d = t - f;
        let steps = (e - f).floor() as i64;
        // Forward from `f`, or backward from `e`, as the Lua loops count.
        let backward = !(t > e || t <= f || a2 != a1);
        for k in 0..=steps {
            let i = if backward { e - k as f64 } else { f + k as f64 };
            st.charge_iteration()?;
            let v = tab(a1).get_num(i);
            st.raw_set_checked(a2, TValue::number(i + d), v)?;
        }
    }
    st.ret1(a2)
}

fn maxn(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let mut m = 0.0f64;
    let mut k = TValue::NIL;
    while let Ok(Some((nk, _))) = tab(t).next(k) {
        st.charge_iteration()?;
        if nk.is_number() && nk.as_number() > m {
            m = nk.as_number();
        }
        k = nk;
    }
    st.ret1(TValue::number(m))
}

fn getn(st: &mut State) -> LResult<usize> {
    pad_nil(st, 1)?;
    let t = st.check_table(1)?;
    st.ret1(TValue::number(tab(t).len() as f64))
}

/// Calls `f(k, v)` for each pair (or each `1..#t` index); a non-nil result stops the
/// loop and is returned.
fn foreach_impl(st: &mut State, indexed: bool) -> LResult<usize> {
    pad_nil(st, 2)?;
    let t = st.check_table(1)?;
    let f = st.check_func(2)?;
    if indexed {
        let n = tab(t).len() as i64;
        for i in 1..=n {
            let v = geti(t, i);
            let r = st.call_value(f, &[TValue::number(i as f64), v], 1)?;
            if let Some(&r) = r.first().filter(|r| !r.is_nil()) {
                return st.ret1(r);
            }
        }
    } else {
        // The current key must survive the callback (which may remove it from the
        // table) for `next` to continue from it: keep it in an argument slot.
        st.set_nargs(3)?;
        let mut k = TValue::NIL;
        loop {
            let (nk, v) = match tab(t).next(k) {
                Ok(Some(kv)) => kv,
                Ok(None) => break,
                Err(()) => return Err(st.caller_error("invalid key to 'next'")),
            };
            st.set_arg(3, nk);
            let r = st.call_value(f, &[nk, v], 1)?;
            if let Some(&r) = r.first().filter(|r| !r.is_nil()) {
                return st.ret1(r);
            }
            k = nk;
        }
    }
    Ok(0)
}

fn foreach(st: &mut State) -> LResult<usize> {
    foreach_impl(st, false)
}

fn foreachi(st: &mut State) -> LResult<usize> {
    foreach_impl(st, true)
}

/// `a < b` as `table.sort` decides it: the comparator, or `<` with `__lt`.
/// Each comparison pays one unit of budget (a sort of an adversarial order takes
/// quadratic time).
fn sort_less(st: &mut State, cmp: TValue, a: TValue, b: TValue) -> LResult<bool> {
    st.charge_iteration()?;
    if !cmp.is_nil() {
        let r = st.call_value(cmp, &[a, b], 1)?;
        return Ok(r.first().is_some_and(|v| v.is_truthy()));
    }
    st.less_than(a, b)
}

/// Swaps `t[i]` and `t[j]` given their values `vi`, `vj`.
fn swap(st: &mut State, t: TValue, i: i64, vi: TValue, j: i64, vj: TValue) {
    seti(st, t, i, vj);
    seti(st, t, j, vi);
}

fn auxsort(st: &mut State, t: TValue, cmp: TValue, mut l: i64, mut u: i64) -> LResult<()> {
    while l < u {
        // Order t[l], t[(l+u)/2], t[u].
        let (al, au) = (geti(t, l), geti(t, u));
        if sort_less(st, cmp, au, al)? {
            swap(st, t, l, al, u, au);
        }
        if u - l == 1 {
            break;
        }
        let mut i = (l + u) / 2;
        let (ai, al) = (geti(t, i), geti(t, l));
        if sort_less(st, cmp, ai, al)? {
            swap(st, t, i, ai, l, al);
        } else {
            let au = geti(t, u);
            if sort_less(st, cmp, au, ai)? {
                swap(st, t, i, ai, u, au);
            }
        }
        if u - l == 2 {
            break;
        }
        let p = geti(t, i);
        // The pivot is compared across many comparator calls, which may change the
        // table: keep it rooted (`sort` drops the pins).
        st.pinned.push(p);
        let au1 = geti(t, u - 1);
        swap(st, t, i, p, u - 1, au1);
        // Invariant: t[l..i] <= p <= t[j..u].
        i = l;
        let mut j = u - 1;
        loop {
            i += 1;
            loop {
                let ai = geti(t, i);
                if !sort_less(st, cmp, ai, p)? {
                    break;
                }
                if i >= u {
                    return Err(st.caller_error("invalid order function for sorting"));
                }
                i += 1;
            }
            j -= 1;
            loop {
                let aj = geti(t, j);
                if !sort_less(st, cmp, p, aj)? {
                    break;
                }
                if j <= l {
                    return Err(st.caller_error("invalid order function for sorting"));
                }
                j -= 1;
            }
            if j < i {
                break;
            }
            let (ai, aj) = (geti(t, i), geti(t, j));
            swap(st, t, i, ai, j, aj);
        }
        let (au1, ai) = (geti(t, u - 1), geti(t, i));
        swap(st, t, u - 1, au1, i, ai);
        // Recurse into the smaller half, loop on the larger.
        let (lo, hi);
        if i - l < u - i {
            lo = l;
            hi = i - 1;
            l = i + 1;
        } else {
            lo = i + 1;
            hi = u;
            u = i - 1;
        }
        auxsort(st, t, cmp, lo, hi)?;
    }
    Ok(())
}

fn sort(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let n = tab(t).len() as i64;
    let cmp = st.arg(2);
    if !cmp.is_nil() {
        st.check_func(2)?;
    }
    let mark = st.pinned.len();
    let r = auxsort(st, t, cmp, 1, n);
    st.pinned.truncate(mark);
    r?;
    Ok(0)
}

impl State {
    /// `a < b` with Lua's rules (numbers, strings, `__lt`), from a native.
    pub fn less_than(&mut self, a: TValue, b: TValue) -> LResult<bool> {
        match self.compare_resolve(0, a, b)? {
            Ok(r) => Ok(r),
            Err((mm, x, y, op)) => {
                let r = self.call_value(mm, &[x, y], 1)?;
                Ok(r.first().is_some_and(|v| v.is_truthy()) ^ (op & 1 != 0))
            }
        }
    }
}
