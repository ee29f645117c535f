//! The package library: `require`, `module` and the `package` table, as LuaJIT 2.1's
//! (Lua 5.1's) `lib_package.c` behaves.
//!
//! `require(name)` looks in the registry's `_LOADED` (which is `package.loaded`), and
//! otherwise asks the searchers in `package.loaders` in turn: each gets the name and
//! returns a loader function, a string explaining why it found nothing (the strings are
//! joined into the final "module 'x' not found:" message), or nothing. The loader runs
//! with the name as its argument while `_LOADED[name]` holds a sentinel, so a module
//! that requires itself, or one whose loader failed before, is reported as "loop or
//! previous error loading module". The four searchers:
//!
//! ```text
//!   1 preload   package.preload[name]
//!   2 Lua       the first readable file of package.path ('?' = name, '.' -> '/')
//!   3 C         the first readable file of package.cpath
//!   4 C root    the same for the name's first component ("a" for "a.b")
//! ```
//!
//! The searchers and `require` read `package` through an upvalue holding the table they
//! were opened with (LuaJIT's natives use it as their environment), so replacing the
//! global `package` changes nothing, while assigning `package.path` does.
//!
//! twin-lua loads no native code: the C searchers still search `cpath`, but a file they
//! find fails to load with the message Lua builds without dynamic libraries give, and
//! `package.loadlib` returns `nil, message, "absent"` as those builds do.
//!
//! Under the sandbox the Lua searcher refuses a file outside the allowed paths: it
//! raises the sandbox's refusal ("cannot open F (outside ...)") instead of loading it.

use super::{register_lib, str_bytes};
use crate::vm::func::{Func, LResult, NativeFn, Throw, ffid};
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::value::*;

/// `package.path` when `LUA_PATH` is not set: the reference engine's (Debian's LuaJIT).
const PATH_DEFAULT: &str = "./?.lua;/usr/share/luajit-2.1.0-beta3/?.lua;/usr/local/share/lua/5.1/?.lua;\
     /usr/local/share/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua";

/// `package.cpath` when `LUA_CPATH` is not set.
const CPATH_DEFAULT: &str = "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;\
     /usr/local/lib/lua/5.1/loadall.so";

/// `package.config`: directory separator, path separator, name mark, executable-dir
/// mark, ignore mark, one per line.
const CONFIG: &str = "/\n;\n?\n!\n-\n";

/// Why no native library loads (Lua's message for builds without dynamic libraries).
const NO_DYNLIB: &str = "dynamic libraries not enabled; check your Lua installation";

/// The marker `require` leaves in `_LOADED[name]` while the module's loader runs.
const SENTINEL: TValue = TValue::tagged(TAG_LIGHTUD, 1);

/// Opens `package` and the globals `require` and `module`. Needs the globals `_G`
/// to exist; `package.loaded` becomes the registry's `_LOADED`.
pub fn open(st: &mut State) {
    let pkg = register_lib(st, "package", &[]);
    let loaded = st.new_table(0, 16);
    let preload = st.new_table(0, 0);
    set(st, pkg, "loaded", loaded);
    set(st, pkg, "preload", preload);
    let r = TValue::gc(TAG_TABLE, st.registry);
    set(st, r, "_LOADED", loaded);
    for (name, env, default) in [("path", "LUA_PATH", PATH_DEFAULT), ("cpath", "LUA_CPATH", CPATH_DEFAULT)] {
        let v = path_setting(env, default);
        let v = st.str_value(v.as_bytes());
        set(st, pkg, name, v);
    }
    let config = st.str_value(CONFIG.as_bytes());
    set(st, pkg, "config", config);
    let with_pkg = |st: &mut State, f: NativeFn, name: &'static str| {
        let c = st.new_native(f, name, ffid::NONE);
        // SAFETY: fresh closure, not yet shared.
        unsafe { (*c).cuvs = vec![pkg] };
        TValue::gc(TAG_FUNC, c)
    };
    let loaders = st.new_table(4, 0);
    let searchers: [(NativeFn, &'static str); 4] = [
        (search_preload, "searcher_preload"),
        (search_lua, "searcher_Lua"),
        (search_c, "searcher_C"),
        (search_croot, "searcher_Croot"),
    ];
    for (i, (f, name)) in searchers.into_iter().enumerate() {
        let v = with_pkg(st, f, name);
        st.raw_set(loaders, TValue::number((i + 1) as f64), v);
    }
    set(st, pkg, "loaders", loaders);
    for (name, f) in [("loadlib", loadlib as NativeFn), ("searchpath", searchpath), ("seeall", seeall)] {
        let v = with_pkg(st, f, name);
        set(st, pkg, name, v);
    }
    let g = TValue::gc(TAG_TABLE, st.globals);
    for (name, f) in [("require", require as NativeFn), ("module", module)] {
        let v = with_pkg(st, f, name);
        set(st, g, name, v);
    }
    for name in ["_G", "package"] {
        let k = st.str_value(name.as_bytes());
        // SAFETY: the globals table is live.
        let v = unsafe { (*st.globals).get(k) };
        st.raw_set(loaded, k, v);
    }
}

/// A path setting from the environment variable `env`: `;;` in it stands for the
/// default path (LuaJIT's `setpath`).
fn path_setting(env: &str, default: &str) -> String {
    match std::env::var(env) {
        Ok(p) => p.replace(";;", ";\u{1}").replace('\u{1}', default),
        Err(_) => default.to_string(),
    }
}

fn set(st: &mut State, t: TValue, k: &str, v: TValue) {
    let k = st.str_value(k.as_bytes());
    st.raw_set(t, k, v);
}

/// `package.<name>` of the table the running native was opened with.
fn pkg_field(st: &mut State, name: &str) -> LResult<TValue> {
    let pkg = st.native_upvalue(0);
    let k = st.str_value(name.as_bytes());
    st.index_value(pkg, k)
}

/// The registry's `_LOADED` (created if a program removed it).
fn loaded_table(st: &mut State) -> TValue {
    let r = TValue::gc(TAG_TABLE, st.registry);
    let k = st.str_value(b"_LOADED");
    // SAFETY: the registry is live.
    let t = unsafe { (*st.registry).get(k) };
    if t.is_table() {
        return t;
    }
    let t = st.new_table(0, 16);
    st.raw_set(r, k, t);
    t
}

fn raw_get(t: TValue, k: TValue) -> TValue {
    // SAFETY: callers pass table values they hold.
    unsafe { (*t.ptr::<Table>()).get(k) }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn require(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    // SAFETY: checked string, held in the argument slot.
    let nm = lossy(unsafe { str_bytes(name) });
    let loaded = loaded_table(st);
    let have = raw_get(loaded, name);
    if have.is_truthy() {
        if have == SENTINEL {
            return Err(st.caller_error(&format!("loop or previous error loading module '{nm}'")));
        }
        return st.ret1(have);
    }
    let loaders = pkg_field(st, "loaders")?;
    if !loaders.is_table() {
        return Err(st.caller_error("'package.loaders' must be a table"));
    }
    let mut why = Vec::new();
    let mut i = 1.0;
    let loader = loop {
        let searcher = raw_get(loaders, TValue::number(i));
        if searcher.is_nil() {
            let msg = format!("module '{nm}' not found:{}", lossy(&why));
            return Err(st.caller_error(&msg));
        }
        let r = st.call_value(searcher, &[name], 1)?;
        let v = r.first().copied().unwrap_or(TValue::NIL);
        if v.is_func() {
            break v;
        }
        if v.is_str() || v.is_number() {
            State::append_str_or_num(v, &mut why);
        }
        i += 1.0;
    };
    st.raw_set(loaded, name, SENTINEL);
    let r = st.call_value(loader, &[name], 1)?;
    let v = r.first().copied().unwrap_or(TValue::NIL);
    if !v.is_nil() {
        st.raw_set(loaded, name, v);
    }
    let now = raw_get(loaded, name);
    if now == SENTINEL {
        st.raw_set(loaded, name, TValue::TRUE);
        return st.ret1(TValue::TRUE);
    }
    st.ret1(now)
}

fn search_preload(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let preload = pkg_field(st, "preload")?;
    if !preload.is_table() {
        return Err(st.caller_error("'package.preload' must be a table"));
    }
    let v = st.index_value(preload, name)?;
    if !v.is_nil() {
        return st.ret1(v);
    }
    // SAFETY: checked string.
    let msg = format!("\n\tno field package.preload['{}']", lossy(unsafe { str_bytes(name) }));
    let m = st.str_value(msg.as_bytes());
    st.ret1(m)
}

/// LuaJIT's `searchpath`: each template of `path` (`;`-separated, empty ones skipped)
/// with `?` replaced by `name` (whose `sep` bytes become `rep` first). The first
/// readable file, or the list of files tried ("\n\tno file 'x'" each).
fn search_path(st: &State, name: &[u8], path: &[u8], sep: &[u8], rep: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let name = match sep.first() {
        Some(_) => replace(name, sep, rep),
        None => name.to_vec(),
    };
    let mut tried = Vec::new();
    for tpl in path.split(|&c| c == b';').filter(|t| !t.is_empty()) {
        let file = replace(tpl, b"?", &name);
        if readable(st, &file) {
            return Ok(file);
        }
        tried.extend_from_slice(b"\n\tno file '");
        tried.extend_from_slice(&file);
        tried.push(b'\'');
    }
    Err(tried)
}

/// Every occurrence of `pat` (non-empty) in `s` replaced by `rep` (`luaL_gsub`).
fn replace(s: &[u8], pat: &[u8], rep: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(pat) {
            out.extend_from_slice(rep);
            i += pat.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// Whether the file opens for reading (LuaJIT tries `fopen`). Paths with a zero byte
/// are C strings cut short there; none of them is taken as readable.
fn readable(_st: &State, file: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    !file.contains(&0) && std::fs::File::open(std::ffi::OsStr::from_bytes(file)).is_ok()
}

/// `package.<which>` as a path string, or LuaJIT's error.
fn path_field(st: &mut State, which: &str) -> LResult<Vec<u8>> {
    let p = pkg_field(st, which)?;
    if !(p.is_str() || p.is_number()) {
        return Err(st.caller_error(&format!("'package.{which}' must be a string")));
    }
    let mut b = Vec::new();
    State::append_str_or_num(p, &mut b);
    Ok(b)
}

/// Finds `name` along `package.<which>`: `Ok(file)`, or the "no file" list.
fn find_file(st: &mut State, name: &[u8], which: &str) -> LResult<Result<Vec<u8>, Vec<u8>>> {
    let path = path_field(st, which)?;
    Ok(search_path(st, name, &path, b".", b"/"))
}

/// Raises "error loading module" for `file`, with `why`.
fn load_error(st: &mut State, name: &[u8], file: &[u8], why: &str) -> Throw {
    let msg = format!("error loading module '{}' from file '{}':\n\t{why}", lossy(name), lossy(file));
    st.caller_error(&msg)
}

fn search_lua(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    // SAFETY: checked string, held in the argument slot.
    let nb = unsafe { str_bytes(name) };
    let file = match find_file(st, nb, "path")? {
        Ok(f) => f,
        Err(tried) => {
            let m = st.str_value(&tried);
            return st.ret1(m);
        }
    };
    if let Some(refused) = super::sandbox::refusal(st, Some(&file)) {
        return Err(st.caller_error(&refused));
    }
    match super::base::load_file(st, Some(&lossy(&file))) {
        Ok(f) => st.ret1(f),
        Err(()) => {
            let e = st.take_error();
            Err(load_error(st, nb, &file, &e))
        }
    }
}

fn search_c(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    // SAFETY: checked string, held in the argument slot.
    let nb = unsafe { str_bytes(name) };
    match find_file(st, nb, "cpath")? {
        Ok(file) => Err(load_error(st, nb, &file, NO_DYNLIB)),
        Err(tried) => {
            let m = st.str_value(&tried);
            st.ret1(m)
        }
    }
}

fn search_croot(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    // SAFETY: checked string, held in the argument slot.
    let nb = unsafe { str_bytes(name) };
    let Some(dot) = nb.iter().position(|&c| c == b'.') else { return Ok(0) };
    match find_file(st, &nb[..dot], "cpath")? {
        Ok(file) => Err(load_error(st, nb, &file, NO_DYNLIB)),
        Err(tried) => {
            let m = st.str_value(&tried);
            st.ret1(m)
        }
    }
}

fn loadlib(st: &mut State) -> LResult<usize> {
    st.check_str(1)?;
    st.check_str(2)?;
    let m = st.str_value(NO_DYNLIB.as_bytes());
    let a = st.str_value(b"absent");
    st.push(TValue::NIL)?;
    st.push(m)?;
    st.push(a)?;
    Ok(3)
}

/// Argument `n` as bytes, or `def` when it is nil or missing.
fn opt_bytes(st: &mut State, n: usize, def: &[u8]) -> LResult<Vec<u8>> {
    if st.arg(n).is_nil() {
        return Ok(def.to_vec());
    }
    let v = st.check_str(n)?;
    let mut b = Vec::new();
    State::append_str_or_num(v, &mut b);
    Ok(b)
}

fn searchpath(st: &mut State) -> LResult<usize> {
    // LuaJIT's C code checks the path before the name.
    let path = st.check_str(2)?;
    let name = st.check_str(1)?;
    // SAFETY: checked strings, held in the argument slots.
    let (name, path) = unsafe { (str_bytes(name), str_bytes(path)) };
    let sep = opt_bytes(st, 3, b".")?;
    let rep = opt_bytes(st, 4, b"/")?;
    match search_path(st, name, path, &sep, &rep) {
        Ok(file) => {
            let f = st.str_value(&file);
            st.ret1(f)
        }
        Err(tried) => {
            let m = st.str_value(&tried);
            st.push(TValue::NIL)?;
            st.push(m)?;
            Ok(2)
        }
    }
}

/// The thread's global table (LuaJIT's `LUA_GLOBALSINDEX`).
fn globals(st: &mut State) -> TValue {
    let env = st.th().env;
    TValue::gc(TAG_TABLE, if env.is_null() { st.globals } else { env })
}

fn seeall(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    // SAFETY: checked table, held in the argument slot.
    let tp = unsafe { &mut *t.ptr::<Table>() };
    if tp.metatable.is_null() {
        let mt = st.new_table(0, 1);
        tp.metatable = mt.ptr();
    }
    let mt = TValue::gc(TAG_TABLE, tp.metatable);
    let g = globals(st);
    set(st, mt, "__index", g);
    Ok(0)
}

/// `luaL_findtable`: walks the dotted `name` from table `t`, creating missing tables;
/// `Err(part)` names the first component holding a non-table value.
fn find_table(st: &mut State, mut t: TValue, name: &[u8]) -> Result<TValue, Vec<u8>> {
    let parts: Vec<&[u8]> = name.split(|&c| c == b'.').collect();
    for (i, part) in parts.iter().enumerate() {
        let k = st.str_value(part);
        let v = raw_get(t, k);
        if v.is_nil() {
            let nt = st.new_table(0, if i + 1 < parts.len() { 1 } else { 16 });
            st.raw_set(t, k, nt);
            t = nt;
        } else if v.is_table() {
            t = v;
        } else {
            return Err(parts[i..].join(&b'.'));
        }
    }
    Ok(t)
}

fn module(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    // SAFETY: checked string, held in the argument slot.
    let nb = unsafe { str_bytes(name) };
    let loaded = loaded_table(st);
    let mut m = raw_get(loaded, name);
    if !m.is_table() {
        let g = globals(st);
        m = match find_table(st, g, nb) {
            Ok(t) => t,
            Err(_) => return Err(st.caller_error(&format!("name conflict for module '{}'", lossy(nb)))),
        };
        st.raw_set(loaded, name, m);
    }
    let kname = st.str_value(b"_NAME");
    if raw_get(m, kname).is_nil() {
        set(st, m, "_M", m);
        st.raw_set(m, kname, name);
        let last = nb.iter().rposition(|&c| c == b'.').map_or(0, |d| d + 1);
        let package = st.str_value(&nb[..last]);
        set(st, m, "_PACKAGE", package);
    }
    // The module table becomes the environment of the calling Lua function.
    let frames = st.frames();
    let caller = frames.get(1).map(|f| f.func).filter(|f| f.is_func());
    // SAFETY: function values on the stack point at live closures.
    let Some(f) = caller.filter(|f| unsafe { (*f.ptr::<Func>()).is_lua() }) else {
        return Err(st.caller_error("'module' not called from a Lua function"));
    };
    // SAFETY: checked Lua closure.
    unsafe { (*f.ptr::<Func>()).env = m.ptr() };
    // Every further argument is an option, called with the module (LuaJIT 2.1 calls
    // whatever it is, so a non-function raises "attempt to call").
    for i in 2..=st.nargs() {
        let opt = st.arg(i);
        st.call_value(opt, &[m], 0)?;
    }
    Ok(0)
}
