//! The coroutine library.
//!
//! A coroutine is a thread with its own stack. `resume` switches the running thread and
//! runs the interpreter on it (one level of Rust recursion per active resume, bounded
//! like any Rust-level call); `yield` is a native that returns `Throw::Yield`, which ends
//! that interpreter run with the coroutine's frames left in place. Resuming again
//! returns the resume arguments from the yield's native frame and continues.
//!
//! A yield is refused while a native of the coroutine is calling back into Lua
//! (`Thread::nccalls`): that native's Rust frame cannot be suspended.

use super::register_lib;
use crate::vm::frame::{FRAME_C, link};
use crate::vm::func::{Func, LResult, Throw, ffid};
use crate::vm::interp::Next;
use crate::vm::state::{CoStatus, MAX_CCALLS, State, Thread};
use crate::vm::value::*;

pub fn open(st: &mut State) {
    register_lib(
        st,
        "coroutine",
        &[
            ("create", create),
            ("resume", resume),
            ("yield", yield_),
            ("status", status),
            ("wrap", wrap),
            ("running", running),
            ("isyieldable", isyieldable),
        ],
    );
}

fn check_co(st: &mut State, n: usize) -> LResult<*mut Thread> {
    let v = st.arg(n);
    if v.tag() == TAG_THREAD { Ok(v.ptr()) } else { Err(st.arg_error(n, "coroutine expected")) }
}

fn new_thread(st: &mut State, f: TValue) -> *mut Thread {
    let env = st.th().env;
    let co = st.alloc(Thread::new(env));
    // SAFETY: fresh thread.
    unsafe {
        (&mut (*co).stack)[0] = f;
        (*co).top = 1;
    }
    co
}

fn create(st: &mut State) -> LResult<usize> {
    let f = st.check_func(1)?;
    let co = new_thread(st, f);
    st.ret1(TValue::gc(TAG_THREAD, co))
}

/// Why a resume failed before running anything.
fn resume_refusal(st: &mut State, co: *mut Thread) -> Option<&'static str> {
    // SAFETY: `co` is a live thread (held in the caller's arguments).
    match unsafe { (*co).status } {
        CoStatus::Dead => Some("cannot resume dead coroutine"),
        _ if co == st.cur => Some("cannot resume running coroutine"),
        CoStatus::Suspended => None,
        // LuaJIT words a normal coroutine like a running one.
        _ => Some("cannot resume running coroutine"),
    }
}

/// Runs `co` with the `nargs` values at the top of the current thread as resume
/// arguments (they are popped). Returns Ok(true) with the results pushed, or Ok(false)
/// with the error value in `errval`.
fn resume_thread(st: &mut State, co: *mut Thread, nargs: usize) -> LResult<bool> {
    if st.nccalls >= MAX_CCALLS {
        return Err(st.caller_error("C stack overflow"));
    }
    let caller = st.cur;
    // SAFETY: `caller` and `co` are live threads; `co` is suspended, so nothing else
    // runs on its stack while we copy into it.
    unsafe {
        let args_at = (*caller).top - nargs;
        let started = (*co).started;
        let dst = if started { (*co).top } else { 2 };
        if dst + nargs + crate::vm::state::MIN_STACK > (*co).stack.len() {
            st.cur = co;
            (*co).top = dst;
            let r = st.ensure_stack(nargs + crate::vm::state::MIN_STACK);
            st.cur = caller;
            r?;
        }
        for i in 0..nargs {
            (&mut (*co).stack)[dst + i] = (&(*caller).stack)[args_at + i];
        }
        (*caller).top = args_at;
        (*co).top = dst + nargs;
        (*caller).status = CoStatus::Normal;
        (*co).status = CoStatus::Running;
        st.cur = co;
        st.nccalls += 1;
        let r = if started {
            let b = (*co).base;
            st.execute(Next::Return { base: b, src: dst, n: nargs })
        } else {
            (*co).started = true;
            (*co).base = 0;
            (&mut (*co).stack)[1] = link(FRAME_C, 2, 0);
            st.execute(Next::Call { func: 0, nargs, slot: None })
        };
        st.nccalls -= 1;
        st.cur = caller;
        (*caller).status = CoStatus::Running;
        let (from, to) = match r {
            Ok(()) => {
                (*co).status = CoStatus::Dead;
                (0, (*co).top)
            }
            Err(Throw::Yield) => {
                (*co).status = CoStatus::Suspended;
                ((*co).base, (*co).top)
            }
            Err(Throw::Error) => {
                (*co).status = CoStatus::Dead;
                // Its frames are gone for good: close their upvalues now.
                st.cur = co;
                st.close_upvals(0);
                st.cur = caller;
                return Ok(false);
            }
        };
        let n = to - from;
        st.ensure_stack(n)?;
        for i in 0..n {
            let v = (&(*co).stack)[from + i];
            st.push(v)?;
        }
        if (*co).status == CoStatus::Dead {
            (*co).top = 0;
        }
        Ok(true)
    }
}

fn resume(st: &mut State) -> LResult<usize> {
    let co = check_co(st, 1)?;
    if let Some(msg) = resume_refusal(st, co) {
        st.push(TValue::FALSE)?;
        let m = st.str_value(msg.as_bytes());
        st.push(m)?;
        return Ok(2);
    }
    let nargs = st.nargs() - 1;
    let before = st.th().top - nargs;
    if resume_thread(st, co, nargs)? {
        // Results were pushed at `before`; put `true` in front.
        let th = st.th();
        let n = th.top - before;
        st.push(TValue::NIL)?;
        let th = st.th();
        th.stack.copy_within(before..before + n, before + 1);
        th.stack[before] = TValue::TRUE;
        Ok(n + 1)
    } else {
        let e = st.errval;
        st.push(TValue::FALSE)?;
        st.push(e)?;
        Ok(2)
    }
}

fn yield_(st: &mut State) -> LResult<usize> {
    if st.cur == st.main || st.th().nccalls > 0 {
        return Err(st.caller_error("attempt to yield across C-call boundary"));
    }
    Err(Throw::Yield)
}

fn status(st: &mut State) -> LResult<usize> {
    let co = check_co(st, 1)?;
    let s = if co == st.cur {
        "running"
    } else {
        // SAFETY: live thread from the arguments.
        match unsafe { (*co).status } {
            CoStatus::Suspended => "suspended",
            CoStatus::Running | CoStatus::Normal => "normal",
            CoStatus::Dead => "dead",
        }
    };
    let v = st.str_value(s.as_bytes());
    st.ret1(v)
}

fn wrap_aux(st: &mut State) -> LResult<usize> {
    let th = st.th();
    let me = th.stack[th.base - 2];
    // SAFETY: a running native's function slot holds its closure; wrap closures carry
    // their thread as the first upvalue.
    let cov = unsafe { (&(*me.ptr::<Func>()).cuvs)[0] };
    let co: *mut Thread = cov.ptr();
    if let Some(msg) = resume_refusal(st, co) {
        return Err(st.caller_error(msg));
    }
    let nargs = st.nargs();
    let before = st.th().top - nargs;
    if resume_thread(st, co, nargs)? {
        return Ok(st.th().top - before);
    }
    // A string error gets the position of the wrapper's caller prepended.
    let e = st.errval;
    if e.is_str() || e.is_number() {
        let mut s = st.where_(1).into_bytes();
        State::append_str_or_num(e, &mut s);
        st.errval = st.str_value(&s);
    }
    Err(Throw::Error)
}

fn wrap(st: &mut State) -> LResult<usize> {
    let f = st.check_func(1)?;
    let co = new_thread(st, f);
    let w = st.new_native(wrap_aux, "wrap", ffid::NONE);
    // SAFETY: fresh closure.
    unsafe { (*w).cuvs.push(TValue::gc(TAG_THREAD, co)) };
    st.ret1(TValue::gc(TAG_FUNC, w))
}

fn running(st: &mut State) -> LResult<usize> {
    if st.cur == st.main {
        return st.ret1(TValue::NIL);
    }
    let c = st.cur;
    st.ret1(TValue::gc(TAG_THREAD, c))
}

fn isyieldable(st: &mut State) -> LResult<usize> {
    let y = st.cur != st.main && st.th().nccalls == 0;
    st.ret1(TValue::boolean(y))
}
