//! The base library: `print`, `type`, `tostring`, `pcall`, `setmetatable`, `require` ...
//!
//! Messages match `luajit -joff`; argument errors name the function as the call site
//! does (see `State::arg_error`).

use super::{set_funcs, str_bytes};
use crate::vm::arith::coerce_num;
use crate::vm::func::{Func, LResult, Throw, ffid};
use crate::vm::meta::*;
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::udata::Udata;
use crate::vm::value::*;

pub fn open(st: &mut State) {
    let g = TValue::gc(TAG_TABLE, st.globals);
    set_funcs(
        st,
        g,
        &[
            ("print", print),
            ("type", type_),
            ("tostring", tostring),
            ("tonumber", tonumber),
            ("ipairs", ipairs),
            ("pairs", pairs),
            ("next", next),
            ("select", select),
            ("rawget", rawget),
            ("rawset", rawset),
            ("rawequal", rawequal),
            ("getmetatable", getmetatable),
            ("assert", assert),
            ("error", error),
            ("unpack", unpack),
            ("load", load),
            // LuaJIT's loadstring is load.
            ("loadstring", load),
            ("loadfile", loadfile),
            ("dofile", dofile),
            ("newproxy", newproxy),
            ("gcinfo", gcinfo),
            ("collectgarbage", collectgarbage),
            ("setfenv", setfenv),
            ("getfenv", getfenv),
        ],
    );
    // pcall and xpcall are frame operations of the interpreter, not natives.
    for (name, id) in [("pcall", ffid::PCALL), ("xpcall", ffid::XPCALL)] {
        let f = TValue::gc(TAG_FUNC, st.new_fast(id, name));
        let k = st.str_value(name.as_bytes());
        st.raw_set(g, k, f);
    }
    let f = TValue::gc(TAG_FUNC, st.new_native(setmetatable, "setmetatable", ffid::SETMETATABLE));
    let k = st.str_value(b"setmetatable");
    st.raw_set(g, k, f);
    let k = st.str_value(b"_G");
    st.raw_set(g, k, g);
    let (k, v) = (st.str_value(b"_VERSION"), st.str_value(b"Lua 5.1"));
    st.raw_set(g, k, v);
    // The `ipairs` iterator, kept in the registry for `ipairs` to return.
    let aux = TValue::gc(TAG_FUNC, st.new_native(ipairs_aux, "ipairs_aux", ffid::NONE));
    let r = TValue::gc(TAG_TABLE, st.registry);
    let k = st.str_value(b"ipairs_aux");
    st.raw_set(r, k, aux);
    super::package::open(st);
}

fn registry_get(st: &mut State, name: &[u8]) -> TValue {
    let k = st.str_value(name);
    // SAFETY: the registry is live.
    unsafe { (*st.registry).get(k) }
}

fn print(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let mut line = Vec::new();
    let ts_key = st.str_value(b"tostring");
    // SAFETY: the globals table is live.
    let ts = unsafe { (*st.globals).get(ts_key) };
    // SAFETY: function values point at live closures.
    let builtin = ts.is_func() && unsafe { (*ts.ptr::<Func>()).ffid } == ffid::TOSTRING;
    for i in 1..=n {
        let v = st.arg(i);
        let s = if builtin {
            st.tostring_value(v)?
        } else {
            st.call_value(ts, &[v], 1)?.first().copied().unwrap_or(TValue::NIL)
        };
        if i > 1 {
            line.push(b'\t');
        }
        if !State::append_str_or_num(s, &mut line) {
            return Err(st.caller_error("'tostring' must return a string to 'print'"));
        }
    }
    line.push(b'\n');
    let _ = st.out.write_all(&line);
    Ok(0)
}

fn type_(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let s = st.str_value(v.type_of().name().as_bytes());
    st.ret1(s)
}

fn tostring(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let s = st.tostring_value(v)?;
    st.ret1(s)
}

fn tonumber(st: &mut State) -> LResult<usize> {
    let base = st.arg(2);
    if base.is_nil() {
        let v = st.check_any(1)?;
        let r = match coerce_num(v) {
            Some(n) if v.is_number() || v.is_str() => TValue::number(n),
            _ if v.tag() == TAG_CDATA => crate::ffi::lib::cdata_tonumber(st, v)?,
            _ => TValue::NIL,
        };
        return st.ret1(r);
    }
    let b = st.check_int(2)?;
    if !(2..=36).contains(&b) {
        return Err(st.arg_error(2, "base out of range"));
    }
    let s = st.check_str(1)?;
    // SAFETY: `s` is a string value held in the argument slots.
    let r = crate::vm::strscan::scan_number_base(unsafe { str_bytes(s) }, b as u32)
        .map(TValue::number)
        .unwrap_or(TValue::NIL);
    st.ret1(r)
}

fn ipairs_aux(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let i = st.check_number(2)? + 1.0;
    // SAFETY: checked table.
    let v = unsafe { (*t.ptr::<Table>()).get_num(i) };
    if v.is_nil() {
        return Ok(0);
    }
    st.push(TValue::number(i))?;
    st.push(v)?;
    Ok(2)
}

fn ipairs(st: &mut State) -> LResult<usize> {
    st.check_any(1)?;
    let t = st.check_table(1)?;
    let aux = registry_get(st, b"ipairs_aux");
    st.push(aux)?;
    st.push(t)?;
    st.push(TValue::number(0.0))?;
    Ok(3)
}

fn pairs(st: &mut State) -> LResult<usize> {
    st.check_any(1)?;
    let t = st.check_table(1)?;
    let k = st.str_value(b"next");
    // SAFETY: the globals table is live.
    let mut nx = unsafe { (*st.globals).get(k) };
    if !nx.is_func() {
        nx = TValue::gc(TAG_FUNC, st.new_native(next, "next", ffid::NONE));
    }
    st.push(nx)?;
    st.push(t)?;
    st.push(TValue::NIL)?;
    Ok(3)
}

fn next(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let k = st.arg(2);
    // SAFETY: checked table.
    match unsafe { (*t.ptr::<Table>()).next(k) } {
        Ok(Some((k, v))) => {
            st.push(k)?;
            st.push(v)?;
            Ok(2)
        }
        Ok(None) => st.ret1(TValue::NIL),
        Err(()) => Err(st.caller_error("invalid key to 'next'")),
    }
}

fn select(st: &mut State) -> LResult<usize> {
    let n = st.nargs() as i64;
    let a = st.arg(1);
    if a.is_str() && unsafe { str_bytes(a) }.first() == Some(&b'#') {
        return st.ret1(TValue::number((n - 1) as f64));
    }
    let mut i = st.check_int(1)?;
    if i < 0 {
        i += n;
    } else if i > n {
        i = n;
    }
    if i < 1 {
        return Err(st.arg_error(1, "index out of range"));
    }
    Ok((n - i) as usize)
}

fn rawget(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let k = st.check_any(2)?;
    // SAFETY: checked table.
    let v = unsafe { (*t.ptr::<Table>()).get(k) };
    st.ret1(v)
}

fn rawset(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let k = st.check_any(2)?;
    let v = st.check_any(3)?;
    st.raw_set_checked(t, k, v).map_err(|e| {
        // Re-raise without an instruction position, as a native error.
        let m = st.take_error();
        let m = m.rsplit_once(": ").map(|x| x.1.to_string()).unwrap_or(m);
        let _ = e;
        st.caller_error(&m)
    })?;
    st.ret1(t)
}

fn rawequal(st: &mut State) -> LResult<usize> {
    let a = st.check_any(1)?;
    let b = st.check_any(2)?;
    st.ret1(TValue::boolean(a.raw_eq(b)))
}

fn setmetatable(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let mt = st.arg(2);
    if !mt.is_nil() && !mt.is_table() {
        return Err(st.arg_error(2, "nil or table expected"));
    }
    let tp = t.ptr::<Table>();
    // SAFETY: checked table; metatables are live tables.
    unsafe {
        if !(*tp).metatable.is_null() && !st.mt_get((*tp).metatable, MM_METATABLE).is_nil() {
            return Err(st.caller_error("cannot change a protected metatable"));
        }
        (*tp).metatable = if mt.is_nil() { std::ptr::null_mut() } else { mt.ptr() };
    }
    st.ret1(t)
}

fn getmetatable(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let mt = st.metatable(v);
    if mt.is_null() {
        return st.ret1(TValue::NIL);
    }
    let protected = st.mt_get(mt, MM_METATABLE);
    if !protected.is_nil() {
        return st.ret1(protected);
    }
    st.ret1(TValue::gc(TAG_TABLE, mt))
}

fn assert(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    if v.is_truthy() {
        return Ok(st.nargs());
    }
    if st.nargs() >= 2 {
        let m = st.arg(2);
        return Err(st.throw_value(m));
    }
    Err(st.caller_error("assertion failed!"))
}

fn error(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let level = st.opt_int(2, 1)?;
    if (v.is_str() || v.is_number()) && level > 0 {
        // A message gets the position of the function at `level`; numbers become
        // strings on the way, with or without a position.
        let mut s = st.where_(level as usize).into_bytes();
        State::append_str_or_num(v, &mut s);
        let m = st.str_value(&s);
        return Err(st.throw_value(m));
    }
    Err(st.throw_value(v))
}

fn unpack(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let i = st.opt_int(2, 1)?;
    // SAFETY: checked table.
    let tp = unsafe { &*t.ptr::<Table>() };
    let j = if st.arg(3).is_nil() { tp.len() as i64 } else { st.check_int(3)? };
    if i > j {
        return Ok(0);
    }
    let n = (j as i128 - i as i128 + 1) as u128;
    if n >= 8000 {
        return Err(st.caller_error("too many results to unpack"));
    }
    st.ensure_stack(n as usize)?;
    for k in i..=j {
        // SAFETY: the table is still referenced from the argument slots.
        let v = unsafe { (*t.ptr::<Table>()).get_num(k as f64) };
        st.push(v)?;
    }
    Ok(n as usize)
}

/// Pushes the result of a load: the function, or nil and the message.
fn load_result(st: &mut State, r: Result<TValue, ()>) -> LResult<usize> {
    match r {
        Ok(f) => st.ret1(f),
        Err(()) => {
            let e = st.errval;
            st.push(TValue::NIL)?;
            st.push(e)?;
            Ok(2)
        }
    }
}

fn chunkname_arg(st: &mut State, n: usize, def: &[u8]) -> LResult<String> {
    let v = st.arg(n);
    let b = if v.is_nil() {
        def.to_vec()
    } else {
        let s = st.check_str(n)?;
        // SAFETY: checked string.
        unsafe { str_bytes(s) }.to_vec()
    };
    Ok(String::from_utf8_lossy(&b).into_owned())
}

/// `load(chunk [, chunkname [, mode [, env]]])`: LuaJIT's load takes a string or a
/// reader function, and the 5.2 mode and env arguments.
fn load(st: &mut State) -> LResult<usize> {
    let a = st.arg(1);
    let (src, name) = if a.is_str() {
        // SAFETY: checked string; copied before anything can collect it.
        let src = unsafe { str_bytes(a) }.to_vec();
        let name = chunkname_arg(st, 2, &src)?;
        (src, name)
    } else {
        let f = st.check_func(1)?;
        let name = chunkname_arg(st, 2, b"=(load)")?;
        let mut src = Vec::new();
        loop {
            // Errors in the reader make `load` fail, not raise.
            let piece = match st.call_value(f, &[], 1) {
                Ok(r) => r.first().copied().unwrap_or(TValue::NIL),
                Err(Throw::Error) => return load_result(st, Err(())),
                Err(Throw::Yield) => return Err(Throw::Yield),
            };
            if piece.is_nil() {
                break;
            }
            if !piece.is_str() {
                let m = st.str_value(b"reader function must return a string");
                st.errval = m;
                return load_result(st, Err(()));
            }
            // SAFETY: checked string.
            let b = unsafe { str_bytes(piece) };
            if b.is_empty() {
                break;
            }
            src.extend_from_slice(b);
        }
        (src, name)
    };
    let mode = st.arg(3);
    if mode.is_str() {
        // SAFETY: checked string.
        let m = unsafe { str_bytes(mode) };
        // Only text chunks exist (no bytecode dumps); a mode without 't' refuses them.
        if !m.contains(&b't') {
            let e = st.str_value(b"attempt to load chunk with wrong mode");
            st.errval = e;
            return load_result(st, Err(()));
        }
    }
    let env = st.arg(4);
    let envp = if env.is_table() { env.ptr::<Table>() } else { std::ptr::null_mut() };
    // Parsing and compiling are linear in the source: paid as bulk bytes.
    st.charge_bytes(src.len())?;
    let r = st.load_source(&src, &name, envp);
    load_result(st, r)
}

/// Reads a file (or stdin for `None`) and loads it, with LuaJIT's chunk names.
pub(super) fn load_file(st: &mut State, path: Option<&str>) -> Result<TValue, ()> {
    let (data, name) = match path {
        Some(p) => (std::fs::read(p), format!("@{p}")),
        None => {
            let mut v = Vec::new();
            (std::io::Read::read_to_end(&mut std::io::stdin(), &mut v).map(|_| v), "=stdin".to_string())
        }
    };
    match data {
        Ok(mut d) => {
            // A leading `#` line (shebang) is skipped, keeping the line count.
            if d.first() == Some(&b'#') {
                let end = d.iter().position(|&c| c == b'\n').unwrap_or(d.len());
                d.drain(..end);
            }
            st.load_source(&d, &name, std::ptr::null_mut())
        }
        Err(e) => {
            let what = path.unwrap_or("stdin");
            let msg = format!("cannot open {what}: {}", io_reason(&e));
            st.errval = st.str_value(msg.as_bytes());
            Err(())
        }
    }
}

/// The C library's wording of an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

fn opt_path(st: &mut State, n: usize) -> LResult<Option<String>> {
    if st.arg(n).is_nil() {
        return Ok(None);
    }
    let s = st.check_str(n)?;
    // SAFETY: checked string.
    Ok(Some(String::from_utf8_lossy(unsafe { str_bytes(s) }).into_owned()))
}

fn loadfile(st: &mut State) -> LResult<usize> {
    let p = opt_path(st, 1)?;
    let r = load_file(st, p.as_deref());
    load_result(st, r)
}

fn dofile(st: &mut State) -> LResult<usize> {
    let p = opt_path(st, 1)?;
    let f = match load_file(st, p.as_deref()) {
        Ok(f) => f,
        Err(()) => return Err(Throw::Error),
    };
    let func = st.th().top;
    st.push(f)?;
    st.push(TValue::NIL)?;
    let n = st.call_at(func, 0)?;
    Ok(n)
}

fn newproxy(st: &mut State) -> LResult<usize> {
    let a = st.arg(1);
    let env = st.globals;
    let u = st.alloc(Udata::new(0, env));
    let uv = TValue::gc(TAG_UDATA, u);
    st.push(uv)?;
    if a.is_truthy() {
        let mt = if a == TValue::TRUE {
            let m = st.new_table(0, 0);
            m.ptr::<Table>()
        } else if a.tag() == TAG_UDATA {
            // SAFETY: checked userdata.
            unsafe { (*a.ptr::<Udata>()).metatable }
        } else {
            return Err(st.arg_error(1, "boolean or proxy expected"));
        };
        // SAFETY: fresh userdata.
        unsafe { (*u).metatable = mt };
    }
    Ok(1)
}

fn gcinfo(st: &mut State) -> LResult<usize> {
    let kb = (st.gc.total / 1024) as f64;
    st.ret1(TValue::number(kb))
}

fn collectgarbage(st: &mut State) -> LResult<usize> {
    let opt = if st.arg(1).is_nil() {
        b"collect".to_vec()
    } else {
        let s = st.check_str(1)?;
        // SAFETY: checked string.
        unsafe { str_bytes(s) }.to_vec()
    };
    let arg = st.opt_number(2, 0.0)?;
    let r = match &opt[..] {
        b"collect" => {
            st.full_gc();
            TValue::number(0.0)
        }
        b"count" => TValue::number(st.gc.total as f64 / 1024.0),
        b"step" => {
            // The collector is not incremental: steps accumulate debt (`arg` KB each,
            // at least 1 KB) and a full cycle runs once allocation plus debt reach the
            // threshold; the result says whether one ran.
            st.gc.step_debt = st.gc.step_debt.saturating_add((arg.max(1.0) as usize).saturating_mul(1024));
            let due = st.gc.total.saturating_add(st.gc.step_debt) >= st.gc.threshold;
            if due {
                st.gc.step_debt = 0;
                st.full_gc();
            }
            TValue::boolean(due)
        }
        b"stop" => {
            st.gc.stopped = true;
            TValue::number(0.0)
        }
        b"restart" => {
            st.gc.stopped = false;
            TValue::number(0.0)
        }
        b"setpause" => {
            let old = st.gc.pause;
            st.gc.pause = arg.max(0.0) as usize;
            TValue::number(old as f64)
        }
        b"setstepmul" => {
            let old = st.gc.stepmul;
            st.gc.stepmul = arg.max(0.0) as usize;
            TValue::number(old as f64)
        }
        _ => {
            let o = String::from_utf8_lossy(&opt).into_owned();
            return Err(st.arg_error(1, &format!("invalid option '{o}'")));
        }
    };
    st.ret1(r)
}

/// The function a `getfenv`/`setfenv` argument designates: a function value, or the
/// function running at a stack level (1 = the caller). `Ok(None)` is level 0 (the
/// thread's environment).
fn fenv_target(st: &mut State, a: TValue) -> LResult<Option<TValue>> {
    if a.is_func() {
        return Ok(Some(a));
    }
    let level = if a.is_nil() { 1 } else { st.check_int(1)? };
    if level < 0 {
        return Err(st.arg_error(1, "invalid level"));
    }
    if level == 0 {
        return Ok(None);
    }
    let frames = st.frames();
    match frames.get(level as usize) {
        Some(f) => Ok(Some(f.func)),
        None => Err(st.arg_error(1, "invalid level")),
    }
}

fn getfenv(st: &mut State) -> LResult<usize> {
    let a = st.arg(1);
    let env = match fenv_target(st, a)? {
        // SAFETY: function values point at live closures.
        Some(f) if f.is_func() => unsafe { (*f.ptr::<Func>()).env },
        _ => st.th().env,
    };
    let v = if env.is_null() { TValue::gc(TAG_TABLE, st.globals) } else { TValue::gc(TAG_TABLE, env) };
    st.ret1(v)
}

fn setfenv(st: &mut State) -> LResult<usize> {
    let a = st.arg(1);
    let t = st.check_table(2)?;
    match fenv_target(st, a)? {
        None => {
            st.th().env = t.ptr();
            Ok(0)
        }
        Some(f) => {
            // SAFETY: function values point at live closures.
            let fp = unsafe { &mut *f.ptr::<Func>() };
            if !fp.is_lua() {
                return Err(st.caller_error("'setfenv' cannot change environment of given object"));
            }
            fp.env = t.ptr();
            st.ret1(f)
        }
    }
}
