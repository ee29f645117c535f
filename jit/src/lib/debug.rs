//! The debug library, as LuaJIT 2.1 reports frames, locals and upvalues.
//!
//! Stack levels count every frame of the thread, natives included: on the running
//! thread level 0 is the debug function itself, 1 its caller; on another thread level 0
//! is that thread's innermost frame. Frames come from [`State::frames`]' walk of the
//! FR2 links.
//!
//! Locals follow LuaJIT's `debug_localname`, which is not "the variable in slot n":
//!
//! * `getlocal(level, n)` for `n > 0` names the n-th variable *active* at the frame's
//!   pc, in declaration order (hidden loop-control variables included, named
//!   `(for index)` and so on), but the value is always slot `n - 1` of the frame. A slot
//!   without an active variable below the next frame is a `(*temporary)`.
//! * `n < 0` addresses the varargs of a vararg function: `-1` is the first extra
//!   argument, named `(*vararg)`. They live below the frame's real base (see the
//!   `VARG` link in [`crate::vm::frame`]).
//!
//! The call-site name of a frame (`getinfo` option `n`, tracebacks) comes from the
//! caller's instruction: a call names the callee's register (`global`, `local`,
//! `method`, `field`, `upvalue`), an instruction that invoked a metamethod through a
//! continuation frame gives `metamethod` and the event name (`__index`). Frames
//! called from natives (pcall, sort comparators) have no name.
//!
//! Hooks are global, as in LuaJIT (a hook set for a coroutine applies everywhere):
//! `sethook` records the setting in `State::lib.hook` and the interpreter dispatches
//! call, return, line and count events (see `vm::interp`).
//!
//! Three deliberate departures keep the engine memory-safe where LuaJIT trusts C code:
//! `setupvalue` does not change a native's upvalues, `setlocal` does not change a
//! native frame's slots (both return nothing / nil instead), and a dead slot that still
//! holds an internal value (a stale frame link) reads as a NaN number, never as the
//! internal value (LuaJIT shows such slots as meaningless numbers too).

use super::register_lib;
use crate::bytecode::op::Op;
use crate::vm::error::{FrameInfo, short_src, slot_name, walk_frames};
use crate::vm::frame::*;
use crate::vm::func::{Func, LResult, ProtoObj, UpVal};
use crate::vm::state::{State, Thread};
use crate::vm::table::Table;
use crate::vm::udata::Udata;
use crate::vm::value::*;

/// LuaJIT's TRACEBACK_LEVELS1 / TRACEBACK_LEVELS2: frames shown before and after the
/// "..." of a long traceback.
const LEVELS1: usize = 12;
const LEVELS2: usize = 10;

pub fn open(st: &mut State) {
    register_lib(
        st,
        "debug",
        &[
            ("getinfo", getinfo),
            ("getlocal", getlocal),
            ("setlocal", setlocal),
            ("getupvalue", getupvalue),
            ("setupvalue", setupvalue),
            ("upvalueid", upvalueid),
            ("upvaluejoin", upvaluejoin),
            ("getmetatable", getmetatable),
            ("setmetatable", setmetatable),
            ("getregistry", getregistry),
            ("getfenv", getfenv),
            ("setfenv", setfenv),
            ("traceback", traceback),
            ("sethook", sethook),
            ("gethook", gethook),
            ("debug", debug),
        ],
    );
}

/// The optional leading thread argument: the thread to inspect and the number of
/// arguments it took (0 or 1).
fn thread_arg(st: &mut State) -> (*mut Thread, usize) {
    let a = st.arg(1);
    if a.tag() == TAG_THREAD { (a.ptr(), 1) } else { (st.cur, 0) }
}

/// A stack walk of thread `th`, innermost frame first.
fn frames_of(st: &State, th: *mut Thread) -> Vec<FrameInfo> {
    if th == st.cur {
        return st.frames();
    }
    // SAFETY: `th` is a live thread held in the arguments; it is not running, so its
    // stack is stable while we read it.
    let t = unsafe { &*th };
    if !t.started || t.base < 2 {
        return Vec::new();
    }
    walk_frames(&t.stack, t.base, Some(t.pc))
}

/// The stack of thread `th`.
fn stack_of<'a>(th: *mut Thread) -> &'a mut Vec<TValue> {
    // SAFETY: `th` is a live thread; callers use the slice before anything can run
    // Lua code or grow that stack.
    unsafe { &mut (*th).stack }
}

/// The link describing how frame `base` was called (through its vararg link, if any),
/// and the frame's original base (below its varargs).
fn call_link(stack: &[TValue], base: usize) -> (TValue, usize) {
    let l = stack[base - 1];
    if link_kind(l) == FRAME_VARG {
        let b0 = base - link_delta(l);
        (stack[b0 - 1], b0)
    } else {
        (l, base)
    }
}

/// The name of a metamethod event an instruction invokes.
fn mm_event(op: Op) -> Option<&'static str> {
    use Op::*;
    Some(match op {
        TGETV | TGETS | TGETB | GGET => "__index",
        TSETV | TSETS | TSETB | GSET => "__newindex",
        ADDVN | ADDNV | ADDVV => "__add",
        SUBVN | SUBNV | SUBVV => "__sub",
        MULVN | MULNV | MULVV => "__mul",
        DIVVN | DIVNV | DIVVV => "__div",
        MODVN | MODNV | MODVV => "__mod",
        POW => "__pow",
        UNM => "__unm",
        LEN => "__len",
        CAT => "__concat",
        ISLT | ISGE => "__lt",
        ISLE | ISGT => "__le",
        ISEQV | ISNEV | ISEQS | ISNES | ISEQN | ISNEN | ISEQP | ISNEP => "__eq",
        _ => return None,
    })
}

/// How frame `i` of `frames` was called: `(namewhat, name)` (LuaJIT's lj_debug_funcname).
fn func_name(stack: &[TValue], frames: &[FrameInfo], i: usize) -> Option<(&'static str, String)> {
    let (l, _) = call_link(stack, frames[i].base);
    let caller = frames.get(i + 1)?;
    let p = caller.proto()?;
    let pc = caller.pc?;
    let ins = *p.code.get(pc)?;
    match link_kind(l) {
        FRAME_LUA => match ins.op() {
            Op::CALL | Op::CALLM | Op::CALLT | Op::CALLMT => slot_name(p, pc, ins.a() as u32),
            Op::ITERC | Op::ITERN => slot_name(p, pc, (ins.a() as u32).saturating_sub(3)),
            _ => None,
        },
        FRAME_CONT => mm_event(ins.op()).map(|e| ("metamethod", e.to_string())),
        _ => None,
    }
}

/// The prototype of a function value, if it is a Lua function.
fn proto_of<'a>(f: TValue) -> Option<&'a ProtoObj> {
    if !f.is_func() {
        return None;
    }
    // SAFETY: function values point at live closures, which keep their prototypes.
    unsafe {
        let fp = &*f.ptr::<Func>();
        if fp.is_lua() { Some(&*fp.proto) } else { None }
    }
}

/// "main" for a main chunk (defined at line 0), "Lua" for other Lua functions.
fn what_of(p: &ProtoObj) -> &'static str {
    if p.linedefined == 0 { "main" } else { "Lua" }
}

fn set_field(st: &mut State, t: TValue, k: &str, v: TValue) {
    let k = st.str_value(k.as_bytes());
    st.raw_set(t, k, v);
}

fn set_str_field(st: &mut State, t: TValue, k: &str, v: &[u8]) {
    let v = st.str_value(v);
    set_field(st, t, k, v);
}

fn getinfo(st: &mut State) -> LResult<usize> {
    let (th, a) = thread_arg(st);
    let target = st.arg(a + 1);
    let opts: Vec<u8> = if st.arg(a + 2).is_nil() {
        b"flnSu".to_vec()
    } else {
        let s = st.check_str(a + 2)?;
        // SAFETY: checked string.
        unsafe { super::str_bytes(s) }.to_vec()
    };
    let (func, frame) = if target.is_func() {
        (target, None)
    } else if target.is_number() {
        let level = st.check_i32(a + 1)?;
        let frames = frames_of(st, th);
        match usize::try_from(level).ok().and_then(|l| frames.get(l)) {
            Some(f) => (f.func, Some((frames.clone(), level as usize))),
            None => return st.ret1(TValue::NIL),
        }
    } else {
        return Err(st.arg_error(a + 1, "function or level expected"));
    };
    if let Some(&bad) = opts.iter().find(|c| !b"SlunfL".contains(c)) {
        let _ = bad;
        return Err(st.arg_error(a + 2, "invalid option"));
    }
    let t = st.new_table(0, 16);
    st.push(t)?;
    let proto = proto_of(func);
    let cuvs = if func.is_func() {
        // SAFETY: function values point at live closures.
        let f = unsafe { &*func.ptr::<Func>() };
        if f.is_lua() { f.uvs.len() } else { f.cuvs.len() }
    } else {
        0
    };
    for &o in &opts {
        match o {
            b'S' => match proto {
                Some(p) => {
                    let chunk = p.chunkname.clone();
                    set_str_field(st, t, "source", chunk.as_bytes());
                    set_str_field(st, t, "short_src", short_src(&chunk).as_bytes());
                    set_field(st, t, "linedefined", TValue::number(f64::from(p.linedefined)));
                    set_field(st, t, "lastlinedefined", TValue::number(f64::from(p.lastlinedefined)));
                    set_str_field(st, t, "what", what_of(p).as_bytes());
                }
                None => {
                    set_str_field(st, t, "source", b"=[C]");
                    set_str_field(st, t, "short_src", b"[C]");
                    set_field(st, t, "linedefined", TValue::number(-1.0));
                    set_field(st, t, "lastlinedefined", TValue::number(-1.0));
                    set_str_field(st, t, "what", b"C");
                }
            },
            b'l' => {
                let line = match &frame {
                    Some((fr, l)) => fr[*l].line().map(f64::from).unwrap_or(-1.0),
                    None => -1.0,
                };
                set_field(st, t, "currentline", TValue::number(line));
            }
            b'u' => {
                set_field(st, t, "nups", TValue::number(cuvs as f64));
                let (np, va) = proto.map(|p| (p.numparams, p.is_vararg)).unwrap_or((0, true));
                set_field(st, t, "nparams", TValue::number(f64::from(np)));
                set_field(st, t, "isvararg", TValue::boolean(va));
            }
            b'n' => {
                let name = frame.as_ref().and_then(|(fr, l)| func_name(stack_of(th), fr, *l));
                match name {
                    Some((what, n)) => {
                        set_str_field(st, t, "namewhat", what.as_bytes());
                        set_str_field(st, t, "name", n.as_bytes());
                    }
                    None => set_str_field(st, t, "namewhat", b""),
                }
            }
            b'f' => set_field(st, t, "func", func),
            b'L' => {
                if let Some(p) = proto {
                    let lines: Vec<u32> = p.lines.iter().skip(1).copied().collect();
                    let al = st.new_table(0, lines.len());
                    set_field(st, t, "activelines", al);
                    for l in lines {
                        st.raw_set(al, TValue::number(f64::from(l)), TValue::TRUE);
                    }
                } else {
                    set_field(st, t, "activelines", TValue::NIL);
                }
            }
            _ => {}
        }
    }
    Ok(1)
}

/// The n-th variable active at `pc` (0-based), in declaration order.
fn active_var(p: &ProtoObj, pc: usize, mut n: usize) -> Option<&str> {
    for v in &p.varinfo {
        if v.startpc as usize > pc {
            break;
        }
        if pc < v.endpc as usize {
            if n == 0 {
                return Some(v.name.as_str());
            }
            n -= 1;
        }
    }
    None
}

/// Where local `n` of frame `level` lives: `(name, stack index)` (LuaJIT's
/// debug_localname), or None.
fn local_slot(
    frames: &[FrameInfo],
    stack: &[TValue],
    top: usize,
    level: usize,
    n: i64,
) -> Option<(String, usize)> {
    let f = frames.get(level)?;
    // The frame's slots end where the next inner frame begins (its function slot, below
    // its varargs and continuation data), or at the thread's top for the innermost one.
    let limit = match level.checked_sub(1).and_then(|i| frames.get(i)) {
        Some(inner) => {
            let (l, b0) = call_link(stack, inner.base);
            if link_kind(l) == FRAME_CONT { b0 - 3 } else { b0 - 2 }
        }
        None => top,
    };
    if n < 0 {
        let p = f.proto()?;
        if !p.is_vararg {
            return None;
        }
        let (_, b0) = call_link(stack, f.base);
        let idx = (b0 + p.numparams as usize).saturating_add(n.unsigned_abs() as usize - 1);
        return (idx.saturating_add(2) < f.base).then(|| ("(*vararg)".to_string(), idx));
    }
    if n == 0 {
        return None;
    }
    let idx = f.base + n as usize - 1;
    let named = match (f.proto(), f.pc) {
        (Some(p), Some(pc)) => active_var(p, pc, n as usize - 1).map(str::to_string),
        _ => None,
    };
    // Slots from `limit` up are the next frame's function and link: never exposed, even
    // for a variable the debug info claims is active there.
    match named {
        _ if idx >= limit => None,
        Some(name) => Some((name, idx)),
        None => Some(("(*temporary)".to_string(), idx)),
    }
}

/// Common part of getlocal/setlocal with a level: `(thread, local position)`.
fn locate_local(st: &mut State, a: usize, th: *mut Thread) -> LResult<Option<(String, usize)>> {
    let n = st.check_i32(a + 2)?;
    let level = st.check_i32(a + 1)?;
    let frames = frames_of(st, th);
    let Some(level) = usize::try_from(level).ok().filter(|&l| l < frames.len()) else {
        return Err(st.arg_error(a + 1, "level out of range"));
    };
    // SAFETY: `th` is live (the running thread or one held in the arguments).
    let top = unsafe { (*th).top };
    Ok(local_slot(&frames, stack_of(th), top, level, n))
}

fn getlocal(st: &mut State) -> LResult<usize> {
    let (th, a) = thread_arg(st);
    let f = st.arg(a + 1);
    if f.is_func() {
        // Parameter names of a function value (no values): the variables active at
        // its entry, which are its first `numparams` declarations.
        let n = st.check_i32(a + 2)?;
        let name = match (proto_of(f), usize::try_from(n - 1)) {
            (Some(p), Ok(i)) if i < usize::from(p.numparams) => p.varinfo.get(i).map(|v| v.name.clone()),
            _ => None,
        };
        let v = match name {
            Some(s) => st.str_value(s.as_bytes()),
            None => TValue::NIL,
        };
        return st.ret1(v);
    }
    match locate_local(st, a, th)? {
        Some((name, idx)) => {
            let mut v = stack_of(th)[idx];
            if v.type_of() == Type::Internal {
                // A stale frame link in a dead slot: Lua code must never hold one.
                // LuaJIT shows such slots as meaningless numbers; so do we.
                v = TValue::number(f64::NAN);
            }
            let nv = st.str_value(name.as_bytes());
            st.push(nv)?;
            st.push(v)?;
            Ok(2)
        }
        None => st.ret1(TValue::NIL),
    }
}

fn setlocal(st: &mut State) -> LResult<usize> {
    let (th, a) = thread_arg(st);
    let v = st.check_any(a + 3)?;
    let located = locate_local(st, a, th)?;
    let level = st.check_i32(a + 1)?;
    match located {
        // A native's slots are its arguments, which it may be reading as borrowed
        // bytes: they are read-only here (LuaJIT's C functions have their own copies).
        Some(_) if is_native_level(st, th, level) => st.ret1(TValue::NIL),
        Some((name, idx)) => {
            stack_of(th)[idx] = v;
            let nv = st.str_value(name.as_bytes());
            st.ret1(nv)
        }
        None => st.ret1(TValue::NIL),
    }
}

/// Whether stack level `level` of `th` runs a native.
fn is_native_level(st: &State, th: *mut Thread, level: i64) -> bool {
    let frames = frames_of(st, th);
    usize::try_from(level).ok().and_then(|l| frames.get(l)).is_some_and(|f| f.proto().is_none())
}

/// Upvalue `n` (1-based) of function argument 1: `(name, where the value lives)`.
fn upvalue_ref(st: &mut State, n: i64) -> LResult<Option<(String, *mut TValue)>> {
    let f = st.check_func(1)?;
    // SAFETY: checked function; its upvalues are live while it is.
    let fp = unsafe { &mut *f.ptr::<Func>() };
    let Some(i) = usize::try_from(n - 1).ok() else { return Ok(None) };
    if fp.is_lua() {
        let Some(&u) = fp.uvs.get(i) else { return Ok(None) };
        // SAFETY: a Lua closure's prototype and upvalues are live.
        let p: &ProtoObj = unsafe { &*fp.proto };
        let name = p.uvnames.get(i).cloned().unwrap_or_default();
        // SAFETY: `u` is a live upvalue; `v` points at its current home.
        Ok(Some((name, unsafe { (*u).v })))
    } else {
        Ok(fp.cuvs.get_mut(i).map(|v| (String::new(), v as *mut TValue)))
    }
}

fn getupvalue(st: &mut State) -> LResult<usize> {
    let n = st.check_i32(2)?;
    match upvalue_ref(st, n)? {
        Some((name, p)) => {
            let nv = st.str_value(name.as_bytes());
            // SAFETY: `p` points at a live upvalue's value (see `upvalue_ref`).
            let v = unsafe { *p };
            st.push(nv)?;
            st.push(v)?;
            Ok(2)
        }
        None => Ok(0),
    }
}

fn setupvalue(st: &mut State) -> LResult<usize> {
    let n = st.check_i32(2)?;
    let v = st.check_any(3)?;
    // Natives rely on the types of their own upvalues (gmatch's subject is a string):
    // they are read-only here.
    if proto_of(st.arg(1)).is_none() {
        st.check_func(1)?;
        return Ok(0);
    }
    match upvalue_ref(st, n)? {
        Some((name, p)) => {
            // SAFETY: `p` points at a live upvalue's value (see `upvalue_ref`).
            unsafe { *p = v };
            let nv = st.str_value(name.as_bytes());
            st.ret1(nv)
        }
        None => Ok(0),
    }
}

/// Argument `fa` must be a Lua function and `fa + 1` a valid upvalue index of it.
fn lua_upval(st: &mut State, fa: usize) -> LResult<(*mut Func, usize)> {
    let f = st.arg(fa);
    let n = st.check_i32(fa + 1)?;
    let fp: *mut Func = match proto_of(f) {
        Some(_) => f.ptr(),
        None if f.is_func() => return Err(st.arg_error(fa, "Lua function expected")),
        None => return Err(st.arg_type_error(fa, "function")),
    };
    // SAFETY: checked Lua closure.
    let fr: &Func = unsafe { &*fp };
    let nup = fr.uvs.len();
    match usize::try_from(n - 1) {
        Ok(i) if i < nup => Ok((fp, i)),
        _ => Err(st.arg_error(fa + 1, "index out of range")),
    }
}

fn upvalueid(st: &mut State) -> LResult<usize> {
    let f = st.check_func(1)?;
    let n = st.check_i32(2)?;
    // SAFETY: checked function.
    let fp = unsafe { &*f.ptr::<Func>() };
    let i = usize::try_from(n - 1).ok();
    let id = if fp.is_lua() {
        i.and_then(|i| fp.uvs.get(i)).map(|&u| u as u64)
    } else {
        i.and_then(|i| fp.cuvs.get(i)).map(|v| v as *const TValue as u64)
    };
    match id {
        Some(p) => st.ret1(TValue::tagged(TAG_LIGHTUD, p & ((1 << TAG_SHIFT) - 1))),
        None => Err(st.arg_error(2, "index out of range")),
    }
}

fn upvaluejoin(st: &mut State) -> LResult<usize> {
    let (f1, i1) = lua_upval(st, 1)?;
    let (f2, i2) = lua_upval(st, 3)?;
    // SAFETY: both are live Lua closures with those upvalue indices (checked).
    unsafe {
        let u: *mut UpVal = (&(*f2).uvs)[i2];
        (&mut (*f1).uvs)[i1] = u;
    }
    Ok(0)
}

fn getmetatable(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let mt = st.metatable(v);
    let r = if mt.is_null() { TValue::NIL } else { TValue::gc(TAG_TABLE, mt) };
    st.ret1(r)
}

fn setmetatable(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let mt = st.arg(2);
    if !mt.is_nil() && !mt.is_table() {
        return Err(st.arg_error(2, "nil or table expected"));
    }
    let p: *mut Table = if mt.is_nil() { std::ptr::null_mut() } else { mt.ptr() };
    match v.tag() {
        // SAFETY: table and userdata values point at live objects.
        TAG_TABLE => unsafe { (*v.ptr::<Table>()).metatable = p },
        TAG_UDATA => unsafe { (*v.ptr::<Udata>()).metatable = p },
        _ => st.basemt[State::basemt_index(v)] = p,
    }
    st.ret1(TValue::TRUE)
}

fn getregistry(st: &mut State) -> LResult<usize> {
    let r = TValue::gc(TAG_TABLE, st.registry);
    st.ret1(r)
}

/// The environment slot of an object that has one.
fn env_slot(v: TValue) -> Option<*mut *mut Table> {
    // SAFETY: values of these tags point at live objects of those kinds.
    unsafe {
        match v.tag() {
            TAG_FUNC => Some(&mut (*v.ptr::<Func>()).env),
            TAG_UDATA => Some(&mut (*v.ptr::<Udata>()).env),
            TAG_THREAD => Some(&mut (*v.ptr::<Thread>()).env),
            _ => None,
        }
    }
}

fn getfenv(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let r = match env_slot(v) {
        // SAFETY: the slot belongs to a live object.
        Some(p) if !unsafe { *p }.is_null() => TValue::gc(TAG_TABLE, unsafe { *p }),
        _ => TValue::NIL,
    };
    st.ret1(r)
}

fn setfenv(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let t = st.check_table(2)?;
    let native = v.is_func() && proto_of(v).is_none();
    match env_slot(v) {
        Some(p) if !native => {
            // SAFETY: the slot belongs to a live object.
            unsafe { *p = t.ptr() };
            st.ret1(v)
        }
        _ => Err(st.caller_error("'setfenv' cannot change environment of given object")),
    }
}

/// LuaJIT's traceback text for `frames[level..]` of a thread.
pub fn traceback_text(stack: &[TValue], frames: &[FrameInfo], level: usize, msg: Option<&[u8]>) -> Vec<u8> {
    let mut s = Vec::new();
    if let Some(m) = msg {
        s.extend_from_slice(m);
        s.push(b'\n');
    }
    s.extend_from_slice(b"stack traceback:");
    let n = frames.len();
    let mut i = level;
    while i < n {
        if i >= LEVELS1 && n > i + LEVELS2 + 1 {
            s.extend_from_slice(b"\n\t...");
            i = n - LEVELS2;
            continue;
        }
        let f = &frames[i];
        let name = func_name(stack, frames, i);
        match f.proto() {
            Some(p) => {
                let src = short_src(&p.chunkname);
                s.extend_from_slice(format!("\n\t{src}:").as_bytes());
                if let Some(l) = f.line().filter(|&l| l > 0) {
                    s.extend_from_slice(format!("{l}:").as_bytes());
                }
                match name {
                    Some((_, n)) => s.extend_from_slice(format!(" in function '{n}'").as_bytes()),
                    None if what_of(p) == "main" => s.extend_from_slice(b" in main chunk"),
                    None => s.extend_from_slice(format!(" in function <{src}:{}>", p.linedefined).as_bytes()),
                }
            }
            None => match name {
                Some((_, n)) => s.extend_from_slice(format!("\n\t[C]: in function '{n}'").as_bytes()),
                None => s.extend_from_slice(format!("\n\t[C]: at 0x{:x}", f.func.payload()).as_bytes()),
            },
        }
        i += 1;
    }
    s
}

fn traceback(st: &mut State) -> LResult<usize> {
    let (th, a) = thread_arg(st);
    let m = st.arg(a + 1);
    if !m.is_str() && !m.is_number() && st.nargs() > a {
        return st.ret1(m);
    }
    let mut msg = Vec::new();
    let has_msg = State::append_str_or_num(m, &mut msg);
    let level = st.opt_i32(a + 2, if th == st.cur { 1 } else { 0 })?;
    let frames = frames_of(st, th);
    let text = traceback_text(stack_of(th), &frames, level.max(0) as usize, has_msg.then_some(&msg[..]));
    let v = st.str_value(&text);
    st.ret1(v)
}

/// `debug.debug()`: reads commands from stdin and runs each, until "cont" or end of
/// input; prompts and error messages go to stderr.
fn debug(st: &mut State) -> LResult<usize> {
    use std::io::{BufRead, Write};
    if st.lib.options.sandbox {
        // The sandbox's stdin is empty: no commands.
        return Ok(0);
    }
    let _ = st.out.flush();
    loop {
        let _ = std::io::stderr().write_all(b"lua_debug> ");
        let mut line = Vec::new();
        match std::io::stdin().lock().read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Ok(0),
            Ok(_) => {}
        }
        if line == b"cont\n" || line == b"cont" {
            return Ok(0);
        }
        let r = match st.load_source(&line, "=(debug command)", std::ptr::null_mut()) {
            Ok(f) => st.call_value(f, &[], 0).map(|_| ()).map_err(|_| ()),
            Err(()) => Err(()),
        };
        if r.is_err() {
            let m = st.take_error();
            let _ = std::io::stderr().write_all(format!("{m}\n").as_bytes());
        }
    }
}

/// The hook `sethook` installed. The interpreter dispatches it (see `vm::interp`); the
/// collector marks `func` as a root, so a program cannot make it dangle.
#[derive(Clone, Copy, Debug)]
pub struct HookSetting {
    pub func: TValue,
    /// `c`, `r`, `l` bits (1, 2, 4), as the interpreter tests them.
    pub mask: u8,
    pub count: i64,
}

impl Default for HookSetting {
    fn default() -> Self {
        HookSetting { func: TValue::NIL, mask: 0, count: 0 }
    }
}

fn sethook(st: &mut State) -> LResult<usize> {
    let (_, a) = thread_arg(st);
    let f = st.arg(a + 1);
    let mut h = HookSetting::default();
    if !f.is_nil() {
        let f = st.check_func(a + 1)?;
        let m = st.check_str(a + 2)?;
        let count = st.opt_i32(a + 3, 0)?;
        // SAFETY: checked string.
        for &c in unsafe { super::str_bytes(m) } {
            h.mask |= match c {
                b'c' => 1,
                b'r' => 2,
                b'l' => 4,
                _ => 0,
            };
        }
        h.count = count.max(0);
        if h.mask != 0 || h.count > 0 {
            h.func = f;
        } else {
            h = HookSetting::default();
        }
    }
    st.lib.hook = h;
    Ok(0)
}

fn gethook(st: &mut State) -> LResult<usize> {
    let h = st.lib.hook;
    let mut m = Vec::new();
    for (bit, c) in [(1, b'c'), (2, b'r'), (4, b'l')] {
        if h.mask & bit != 0 {
            m.push(c);
        }
    }
    st.push(h.func)?;
    let mv = st.str_value(&m);
    st.push(mv)?;
    st.push(TValue::number(h.count as f64))?;
    Ok(3)
}
