//! The embedding API: a Lua universe as a Rust value.
//!
//! ```no_run
//! let mut lua = twin_lua::vm::api::Lua::new();
//! lua.exec(b"print(1 + 2)", "=example").unwrap();
//! ```
//!
//! Values handed out (`TValue`) are not rooted: they stay valid until the next call
//! into Lua, which may collect them. Keep values that must survive in Lua tables (for
//! example the registry).

use std::io::Write;

use super::func::{LResult, NativeFn, Throw, ffid};
use super::state::State;
use super::string::LStr;
use super::value::*;
use crate::bytecode::proto::Proto;

/// A Lua error as Rust sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LuaError {
    /// The error message (`tostring` of a string or number error value; a placeholder
    /// otherwise, as `luajit` prints it).
    pub message: String,
    /// The traceback captured where the error was raised, when requested.
    pub traceback: Option<String>,
    /// The error value was nil (`luajit` then prints nothing).
    pub is_nil: bool,
}

impl std::fmt::Display for LuaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(tb) = &self.traceback {
            write!(f, "\n{tb}")?;
        }
        Ok(())
    }
}

pub struct Lua {
    st: Box<State>,
}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

impl Lua {
    /// A fresh state with the standard libraries opened.
    pub fn new() -> Lua {
        let mut st = State::new();
        crate::lib::open_libs(&mut st);
        Lua { st }
    }

    /// A fresh state with the standard libraries opened as `opts` says (for example
    /// sandboxed, see [`crate::lib::Options`]).
    pub fn with_options(opts: crate::lib::Options) -> Lua {
        let mut st = State::new();
        st.lib.options = opts;
        crate::lib::open_libs(&mut st);
        Lua { st }
    }

    pub fn state(&mut self) -> &mut State {
        &mut self.st
    }

    /// Bounds the run: after about `n` function entries and loop iterations, the
    /// running code fails with "instruction budget exceeded" (and keeps failing).
    pub fn set_budget(&mut self, n: Option<u64>) {
        self.st.budget = n;
        self.st.budget_left = n.map(|n| n.max(1)).unwrap_or(u64::MAX);
    }

    /// GC stress mode: a full collection at every safe point (slow; for tests that
    /// look for values the interpreter or a library forgot to keep rooted).
    pub fn set_gc_stress(&mut self, on: bool) {
        self.st.gc.stress = on;
        self.st.gc.threshold = if on { 0 } else { 256 * 1024 };
    }

    /// Redirects `print` (and other standard output of the libraries).
    pub fn set_output(&mut self, w: Box<dyn Write>) {
        self.st.out = w;
    }

    /// Sets global `name` to a native function.
    pub fn register(&mut self, name: &'static str, f: NativeFn) {
        let st = &mut *self.st;
        let fv = TValue::gc(TAG_FUNC, st.new_native(f, name, ffid::NONE));
        let k = st.str_value(name.as_bytes());
        let g = TValue::gc(TAG_TABLE, st.globals);
        st.raw_set(g, k, fv);
    }

    /// Loads a compiled prototype as a main chunk.
    pub fn load_proto(&mut self, p: Proto) -> Result<TValue, LuaError> {
        self.st.load_main(p, std::ptr::null_mut()).map_err(|m| LuaError {
            message: m,
            traceback: None,
            is_nil: false,
        })
    }

    /// Parses and compiles source text into a function.
    pub fn load(&mut self, src: &[u8], chunkname: &str) -> Result<TValue, LuaError> {
        self.st.load_source(src, chunkname, std::ptr::null_mut()).map_err(|()| {
            let message = self.st.error_message(self.st.errval);
            LuaError { message, traceback: None, is_nil: false }
        })
    }

    /// Calls `f` with `args`; on error, the message and a traceback taken where the
    /// error was raised.
    pub fn call(&mut self, f: TValue, args: &[TValue]) -> Result<Vec<TValue>, LuaError> {
        let st = &mut *self.st;
        let xp = TValue::gc(TAG_FUNC, st.new_fast(ffid::XPCALL, "xpcall"));
        let h = TValue::gc(TAG_FUNC, st.new_native(traceback_handler, "traceback", ffid::NONE));
        let mut all = vec![f, h];
        all.extend_from_slice(args);
        let r = st.call_value(xp, &all, usize::MAX);
        let live = st.th().top;
        st.end_overflow(live);
        match r {
            Ok(mut r) if r.first() == Some(&TValue::TRUE) => {
                r.remove(0);
                Ok(r)
            }
            Ok(r) => Err(handler_result(st, r.get(1).copied().unwrap_or(TValue::NIL))),
            // Only a failure to even start the call (stack, C depth) gets here.
            Err(_) => Err(LuaError { message: st.error_message(st.errval), traceback: None, is_nil: false }),
        }
    }

    /// Loads and runs a chunk.
    pub fn exec(&mut self, src: &[u8], chunkname: &str) -> Result<Vec<TValue>, LuaError> {
        let f = self.load(src, chunkname)?;
        self.call(f, &[])
    }

    /// Runs a full collection.
    pub fn gc(&mut self) {
        self.st.full_gc();
    }

    /// Flushes the output.
    pub fn flush(&mut self) {
        self.st.flush_io();
        let _ = self.st.out.flush();
    }
}

/// Splits a handler result "msg\nstack traceback:..." into message and traceback.
fn handler_result(st: &mut State, v: TValue) -> LuaError {
    if !v.is_str() {
        return LuaError { message: st.error_message(v), traceback: None, is_nil: v.is_nil() };
    }
    let s = st.error_message(v);
    match s.find("\nstack traceback:") {
        Some(i) => {
            LuaError { message: s[..i].to_string(), traceback: Some(s[i + 1..].to_string()), is_nil: false }
        }
        None => LuaError { message: s, traceback: None, is_nil: false },
    }
}

/// The CLI's message handler (lua.c's `traceback`): string messages (or objects with
/// `__tostring`) get a traceback appended; other objects pass through.
fn traceback_handler(st: &mut State) -> LResult<usize> {
    let mut msg = st.arg(1);
    if !msg.is_str() && !msg.is_number() {
        let mm = st.get_mm(msg, super::meta::MM_TOSTRING);
        if msg.is_nil() || mm.is_nil() {
            return st.ret1(msg);
        }
        let r = st.call_value(mm, &[msg], 1)?;
        msg = r.first().copied().unwrap_or(TValue::NIL);
        if !msg.is_str() {
            return st.ret1(msg);
        }
    }
    let mut text = Vec::new();
    State::append_str_or_num(msg, &mut text);
    text.push(b'\n');
    text.extend_from_slice(st.traceback(1).as_bytes());
    let v = st.str_value(&text);
    st.ret1(v)
}

impl State {
    /// The text `luajit` prints for an uncaught error value.
    pub fn error_message(&self, v: TValue) -> String {
        if v.is_str() {
            // SAFETY: string values point at live strings.
            String::from_utf8_lossy(unsafe { (*v.ptr::<LStr>()).as_bytes() }).into_owned()
        } else if v.is_number() {
            let mut b = Vec::new();
            super::convert::number_to_str(v.as_number(), &mut b);
            String::from_utf8_lossy(&b).into_owned()
        } else {
            "(error object is not a string)".to_string()
        }
    }

    /// The current error value, as a message.
    pub fn take_error(&mut self) -> String {
        let m = self.error_message(self.errval);
        self.errval = TValue::NIL;
        m
    }

    /// Raises a plain message with the caller's position (natives' `error`-like throws).
    pub fn throw_value(&mut self, v: TValue) -> Throw {
        self.errval = v;
        Throw::Error
    }
}
