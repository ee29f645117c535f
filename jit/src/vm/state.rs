//! The global state of one Lua universe, and threads (coroutines).
//!
//! `State` owns everything: the collector, the intern table, the registry, the main
//! thread. Each thread has one contiguous `TValue` stack holding its frames (see
//! [`super::frame`]). `cur` is the running thread; natives see their arguments as the
//! slots `base .. top` of `cur`'s stack and push results above them.
//!
//! Invariant between instructions: `top` of the running thread covers every live slot
//! of every frame on it (for a Lua frame, `base + framesize`), which is what the
//! collector marks; slots above it are dead.

use std::io::Write;

use super::func::{LResult, Throw, UpVal};
use super::gc::{Gc, GcHeader, GcKind, GcObject};
use super::meta::MM_N;
use super::string::{DEFAULT_SEED, LStr, StrTab};
use super::table::Table;
use super::value::*;

/// Largest stack (LuaJIT's LJ_STACK_MAX); beyond it calls raise "stack overflow".
pub const MAX_STACK: usize = 65500;
/// Extra slots granted past `MAX_STACK` so the overflow error itself can be handled.
pub const STACK_EXTRA: usize = 400;
/// Slots a native may always push without checking (LUA_MINSTACK).
pub const MIN_STACK: usize = 20;
/// Nesting of Rust-level calls into the interpreter (LuaJIT's LJ_MAX_CCALLS-ish).
pub const MAX_CCALLS: u32 = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoStatus {
    /// Created, or yielded.
    Suspended,
    Running,
    /// Resumed another coroutine and waits for it.
    Normal,
    Dead,
}

#[repr(C)]
pub struct Thread {
    pub hdr: GcHeader,
    pub stack: Vec<TValue>,
    /// Base of the innermost frame (Lua or native).
    pub base: usize,
    /// First free slot.
    pub top: usize,
    /// The current pc of the innermost frame, when it is a Lua frame.
    pub pc: usize,
    pub status: CoStatus,
    /// Whether the coroutine's function has been started.
    pub started: bool,
    pub openupval: *mut UpVal,
    pub env: *mut Table,
    /// Rust-level calls into the interpreter currently active on this thread; a yield
    /// is only possible when there are none.
    pub nccalls: u32,
}

impl GcObject for Thread {
    const KIND: GcKind = GcKind::Thread;
    fn size(&self) -> usize {
        std::mem::size_of::<Thread>() + self.stack.capacity() * 8
    }
}

impl Thread {
    pub fn new(env: *mut Table) -> Thread {
        Thread {
            hdr: GcHeader::new(GcKind::Thread),
            stack: vec![TValue::NIL; 64],
            base: 0,
            top: 0,
            pc: 0,
            status: CoStatus::Suspended,
            started: false,
            openupval: std::ptr::null_mut(),
            env,
            nccalls: 0,
        }
    }
}

/// `#[repr(C)]`: trace code reads `budget_left` and `gc` at their `offset_of!` offsets
/// (`backend::loopchk`).
#[repr(C)]
pub struct State {
    pub gc: Gc,
    pub strings: StrTab,
    pub main: *mut Thread,
    pub cur: *mut Thread,
    pub registry: *mut Table,
    pub globals: *mut Table,
    /// Metatables of non-table, non-userdata types, by [`Type`] order.
    pub basemt: [*mut Table; 11],
    pub mmname: [*mut LStr; MM_N],
    /// The value being thrown (valid while a `Throw::Error` propagates).
    pub errval: TValue,
    /// Extra roots held by Rust code across calls into Lua.
    pub pinned: Vec<TValue>,
    /// Rust-level interpreter nesting, all threads.
    pub nccalls: u32,
    /// Instructions (function entries and loop iterations) left before the run is
    /// aborted; `None` for unlimited.
    pub budget: Option<u64>,
    pub(crate) budget_left: u64,
    /// Where `print` writes.
    pub out: Box<dyn Write>,
    /// The interpreter's MULTRES register: how many values the last multi-value
    /// instruction left.
    pub(crate) multres: usize,
    /// A stack overflow is being handled (see `grow_stack`).
    pub(crate) overflow_handling: bool,
    /// Debug hooks' interpreter side (see `interp::hook`).
    pub(crate) hookstate: super::interp::HookState,
    /// State of the standard libraries (I/O handles, PRNG, hooks, sandbox options).
    pub lib: crate::lib::LibState,
    /// The trace compiler (see `trace`).
    pub jit: crate::trace::JitState,
}

impl State {
    pub fn new() -> Box<State> {
        let mut st = Box::new(State {
            gc: Gc::default(),
            strings: StrTab::new(DEFAULT_SEED),
            main: std::ptr::null_mut(),
            cur: std::ptr::null_mut(),
            registry: std::ptr::null_mut(),
            globals: std::ptr::null_mut(),
            basemt: [std::ptr::null_mut(); 11],
            mmname: [std::ptr::null_mut(); MM_N],
            errval: TValue::NIL,
            pinned: Vec::new(),
            nccalls: 0,
            budget: None,
            budget_left: u64::MAX,
            // Fully buffered, as C stdio is for pipes and files; flushed at exit, before
            // error reports, by io.flush/os.exit, and when the state is dropped.
            out: Box::new(std::io::BufWriter::new(std::io::stdout())),
            multres: 0,
            overflow_handling: false,
            hookstate: Default::default(),
            lib: crate::lib::LibState::default(),
            jit: Default::default(),
        });
        st.gc.stopped = true;
        st.registry = st.alloc(Table::new(0, 4));
        st.globals = st.alloc(Table::new(0, 64));
        let g = st.globals;
        st.main = st.alloc(Thread::new(g));
        st.cur = st.main;
        // SAFETY: the main thread was just allocated.
        unsafe { (*st.main).status = CoStatus::Running };
        for (i, name) in super::meta::MM_NAMES.iter().enumerate() {
            st.mmname[i] = st.intern(name.as_bytes());
        }
        let (r, gv) = (TValue::gc(TAG_TABLE, st.registry), TValue::gc(TAG_TABLE, st.globals));
        let k = st.str_value(b"_G");
        st.raw_set(r, k, gv);
        st.gc.stopped = false;
        st
    }

    /// The running thread.
    #[inline(always)]
    pub fn th(&mut self) -> &mut Thread {
        // SAFETY: `cur` always points at a live thread (it is a GC root).
        unsafe { &mut *self.cur }
    }

    pub fn intern(&mut self, s: &[u8]) -> *mut LStr {
        let (p, size) = self.strings.intern(s);
        self.gc.total += size;
        p
    }

    pub fn str_value(&mut self, s: &[u8]) -> TValue {
        let p = self.intern(s);
        TValue::gc(TAG_STR, p)
    }

    pub fn new_table(&mut self, asize: usize, hsize: usize) -> TValue {
        let t = self.alloc(Table::new(asize, hsize));
        TValue::gc(TAG_TABLE, t)
    }

    /// Raw set into a table value; the key must be valid (not nil or NaN).
    pub fn raw_set(&mut self, t: TValue, k: TValue, v: TValue) {
        // SAFETY: callers pass table values.
        let grown = unsafe { (*t.ptr::<Table>()).set(k, v) };
        self.gc.total += grown;
    }

    /// Raw set that raises the key errors of Lua.
    pub fn raw_set_checked(&mut self, t: TValue, k: TValue, v: TValue) -> LResult<()> {
        if k.is_nil() {
            return Err(self.rt_error("table index is nil"));
        }
        if k.is_number() && k.as_number().is_nan() {
            return Err(self.rt_error("table index is NaN"));
        }
        self.raw_set(t, k, v);
        Ok(())
    }

    // ---- The stack. -------------------------------------------------------------

    /// Makes room for `n` more slots above `top` of the current thread.
    #[inline]
    pub fn ensure_stack(&mut self, n: usize) -> LResult<()> {
        let th = self.th();
        if th.top + n > th.stack.len() {
            self.grow_stack(n)?;
        }
        Ok(())
    }

    /// Grows the current thread's stack so that `top + n` slots fit, rebasing open
    /// upvalues. Raises "stack overflow" beyond `MAX_STACK`.
    #[cold]
    pub fn grow_stack(&mut self, n: usize) -> LResult<()> {
        let th = self.cur;
        // SAFETY: `cur` is live; open upvalues point into its stack and are rebased
        // to the new allocation before anyone reads them.
        unsafe {
            let need = (*th).top + n;
            let len = (*th).stack.len();
            if need <= len {
                return Ok(());
            }
            if need > MAX_STACK {
                // The first overflow raises "stack overflow" and grants the reserve, so
                // that handling the error (xpcall handlers, tracebacks) has room; while
                // it is being handled the reserve may be used, and past it nothing grows.
                if need > MAX_STACK + STACK_EXTRA || !self.overflow_handling {
                    self.overflow_handling = true;
                    if len < MAX_STACK + STACK_EXTRA {
                        self.resize_stack(MAX_STACK + STACK_EXTRA);
                    }
                    let msg = self.str_value(b"stack overflow");
                    self.errval = msg;
                    return Err(Throw::Error);
                }
            }
            let newlen = (len * 2).max(need).min(if self.overflow_handling {
                MAX_STACK + STACK_EXTRA
            } else {
                MAX_STACK
            });
            self.resize_stack(newlen);
        }
        Ok(())
    }

    /// A stack overflow has been handled and every slot from `live_top` up is dead:
    /// give the reserve back, so the next overflow is detected at `MAX_STACK` again.
    pub(crate) fn end_overflow(&mut self, live_top: usize) {
        if self.overflow_handling {
            self.overflow_handling = false;
            let th = self.th();
            if th.stack.len() > MAX_STACK && live_top <= MAX_STACK {
                th.stack.truncate(MAX_STACK);
                th.top = th.top.min(MAX_STACK);
            }
        }
    }

    fn resize_stack(&mut self, newlen: usize) {
        let th = self.cur;
        // SAFETY: as in `grow_stack`.
        unsafe {
            let old = (*th).stack.capacity();
            if newlen > (*th).stack.len() {
                (*th).stack.resize(newlen, TValue::NIL);
            }
            self.gc.total += ((*th).stack.capacity() - old) * 8;
            let p = (*th).stack.as_mut_ptr();
            let mut u = (*th).openupval;
            while !u.is_null() {
                (*u).v = p.add((*u).slot);
                u = (*u).next_open;
            }
        }
    }

    /// Pushes a value (natives).
    #[inline]
    pub fn push(&mut self, v: TValue) -> LResult<()> {
        self.ensure_stack(1)?;
        let th = self.th();
        th.stack[th.top] = v;
        th.top += 1;
        Ok(())
    }

    /// Number of arguments of the running native.
    #[inline]
    pub fn nargs(&mut self) -> usize {
        let th = self.th();
        th.top - th.base
    }

    /// Argument `i` (1-based) of the running native, nil when absent.
    #[inline]
    pub fn arg(&mut self, i: usize) -> TValue {
        let th = self.th();
        let idx = th.base + i - 1;
        if idx < th.top { th.stack[idx] } else { TValue::NIL }
    }

    /// Overwrites argument `i` (1-based, must exist).
    pub fn set_arg(&mut self, i: usize, v: TValue) {
        let th = self.th();
        let idx = th.base + i - 1;
        th.stack[idx] = v;
    }

    /// Sets the number of arguments (dropping extra ones, padding with nil).
    pub fn set_nargs(&mut self, n: usize) -> LResult<()> {
        let cur = self.nargs();
        if n > cur {
            self.ensure_stack(n - cur)?;
        }
        let th = self.th();
        for i in th.top..th.base + n {
            th.stack[i] = TValue::NIL;
        }
        th.top = th.base + n;
        Ok(())
    }

    /// Returns the last `n` values as the native's results (the common `Ok(n)` tail).
    #[inline]
    pub fn ret1(&mut self, v: TValue) -> LResult<usize> {
        self.push(v)?;
        Ok(1)
    }

    /// A safe point: collects if the allocation debt demands it. `top` of the running
    /// thread must cover every live slot.
    #[inline]
    pub fn gc_check(&mut self) {
        if self.gc.total >= self.gc.threshold && !self.gc.stopped {
            self.full_gc();
        }
    }

    /// Type metatable (`basemt`) index for a value.
    pub fn basemt_index(v: TValue) -> usize {
        v.type_of() as usize
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.free_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_growth_rebases_open_upvalues() {
        let mut st = State::new();
        st.th().top = 10;
        st.th().stack[5] = TValue::number(42.0);
        let u = st.find_upval(5);
        assert_eq!(st.find_upval(5), u, "one open upvalue per slot");
        st.ensure_stack(10_000).unwrap();
        // SAFETY: `u` is live (reachable from the thread's open list).
        unsafe {
            assert_eq!((*(*u).v).as_number(), 42.0);
            st.th().stack[5] = TValue::number(7.0);
            assert_eq!((*(*u).v).as_number(), 7.0);
            st.close_upvals(0);
            st.th().stack[5] = TValue::NIL;
            assert_eq!((*(*u).v).as_number(), 7.0);
        }
    }

    #[test]
    fn stack_overflow_is_an_error() {
        let mut st = State::new();
        assert!(st.ensure_stack(MAX_STACK + 1).is_err());
        assert_eq!(st.error_message(st.errval), "stack overflow");
    }
}
