//! Callbacks: Lua functions called from C through function pointers.
//!
//! `ffi.cast("int (*)(int)", f)`, or passing a Lua function where a function pointer is
//! expected, takes a free *slot*. Each slot has a tiny machine-code stub (generated
//! below with `.rept`) that loads its slot number and jumps to one generic entry. The
//! entry spills the argument registers and the address of the stack arguments into a
//! [`CbFrame`] and calls [`twin_ffi_callback`], which converts the arguments by the
//! callback's C type, calls the Lua function, and converts its result back into the
//! frame's result registers, which the entry loads before returning to C.
//!
//! ```text
//!   CbFrame (#[repr(C)], written and read by the entry stubs)
//!  +0    slot
//!  +8    gpr[8]     x86-64: rdi rsi rdx rcx r8 r9 / arm64: x0..x7
//!  +72   fpr[8]     xmm0..7 / d0..d7 (low 64 bits)
//!  +136  stack      address of the first stack argument
//!  +144  ret_gpr[2] rax rdx / x0 x1
//!  +160  ret_fpr[4] xmm0 xmm1 / d0..d3
//! ```
//!
//! The Lua function of slot `i` lives at index `i + 1` of a registry table, so the
//! collector keeps it alive while the slot is in use; the slot's C type is kept in
//! [`super::FfiState`]. `cb:free()` releases the slot, `cb:set(f)` replaces the function.
//!
//! Which state a callback belongs to: the C call that leads to it was made by
//! [`State::ffi_call`] or by trace code (entered by `trace_enter`), which record the
//! state in a thread-local for the duration of the call (restoring the previous one afterwards, so nesting C -> Lua -> C -> Lua
//! works). A callback arriving on a thread with no C call in progress, or for a free
//! slot, cannot run Lua; it returns zero. (LuaJIT panics with "bad callback" there.)
//!
//! Errors: a Lua error in a callback never unwinds through the C frames. It is caught
//! at the callback boundary and recorded; the callback returns zero to C, later
//! callbacks of the same C call return zero without running Lua, and when the C
//! function returns, `ffi_call` raises the recorded error in the caller. LuaJIT instead
//! unwinds through the C frames (the C code after the failing callback does not run);
//! the Lua-visible outcome (`pcall` result and message, no further Lua code from that
//! C call) is the same, only C's own side effects after the failure can differ.

use std::cell::Cell;

use super::call::{Alloc, Loc};
use super::cdata::as_cdata;
use super::conv::Scalar;
use super::ctype::*;
use crate::vm::func::{LResult, Throw};
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::value::*;

/// Number of callback slots (LuaJIT's limit is of the same order).
pub const NSLOTS: usize = 1024;

#[repr(C)]
pub struct CbFrame {
    pub slot: u64,
    pub gpr: [u64; 8],
    pub fpr: [u64; 8],
    pub stack: u64,
    pub ret_gpr: [u64; 2],
    pub ret_fpr: [u64; 4],
}

const _: () = assert!(std::mem::offset_of!(CbFrame, gpr) == 8);
const _: () = assert!(std::mem::offset_of!(CbFrame, fpr) == 72);
const _: () = assert!(std::mem::offset_of!(CbFrame, stack) == 136);
const _: () = assert!(std::mem::offset_of!(CbFrame, ret_gpr) == 144);
const _: () = assert!(std::mem::offset_of!(CbFrame, ret_fpr) == 160);
const _: () = assert!(std::mem::size_of::<CbFrame>() == 192);

/// Bytes between consecutive slot stubs.
#[cfg(target_arch = "x86_64")]
const STUB_SIZE: usize = 16;
#[cfg(target_arch = "aarch64")]
const STUB_SIZE: usize = 8;

unsafe extern "C" {
    /// The first slot stub; slot `i` is at `twin_ffi_cb_stubs + i * STUB_SIZE`.
    static twin_ffi_cb_stubs: u8;
}

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl twin_ffi_cb_stubs",
    "twin_ffi_cb_stubs:",
    ".set twin_cb_n, 0",
    ".rept 1024",
    ".p2align 4",
    "mov eax, twin_cb_n",
    "jmp twin_ffi_cb_entry",
    ".set twin_cb_n, twin_cb_n + 1",
    ".endr",
    ".p2align 4",
    "twin_ffi_cb_entry:",
    "push rbp",
    "mov rbp, rsp",
    "sub rsp, 192",
    "mov [rsp], rax",
    "mov [rsp + 8], rdi",
    "mov [rsp + 16], rsi",
    "mov [rsp + 24], rdx",
    "mov [rsp + 32], rcx",
    "mov [rsp + 40], r8",
    "mov [rsp + 48], r9",
    "movq [rsp + 72], xmm0",
    "movq [rsp + 80], xmm1",
    "movq [rsp + 88], xmm2",
    "movq [rsp + 96], xmm3",
    "movq [rsp + 104], xmm4",
    "movq [rsp + 112], xmm5",
    "movq [rsp + 120], xmm6",
    "movq [rsp + 128], xmm7",
    "lea rax, [rbp + 16]",
    "mov [rsp + 136], rax",
    "mov rdi, rsp",
    "call {cb}",
    "mov rax, [rsp + 144]",
    "mov rdx, [rsp + 152]",
    "movq xmm0, [rsp + 160]",
    "movq xmm1, [rsp + 168]",
    "leave",
    "ret",
    cb = sym twin_ffi_callback,
);

#[cfg(target_arch = "aarch64")]
std::arch::global_asm!(
    ".text",
    ".p2align 3",
    ".globl twin_ffi_cb_stubs",
    "twin_ffi_cb_stubs:",
    ".set twin_cb_n, 0",
    ".rept 1024",
    "mov x9, #twin_cb_n",
    "b twin_ffi_cb_entry",
    ".set twin_cb_n, twin_cb_n + 1",
    ".endr",
    ".p2align 2",
    "twin_ffi_cb_entry:",
    "stp x29, x30, [sp, #-208]!",
    "mov x29, sp",
    "add x10, sp, #16",
    "str x9, [x10]",
    "stp x0, x1, [x10, #8]",
    "stp x2, x3, [x10, #24]",
    "stp x4, x5, [x10, #40]",
    "stp x6, x7, [x10, #56]",
    "stp d0, d1, [x10, #72]",
    "stp d2, d3, [x10, #88]",
    "stp d4, d5, [x10, #104]",
    "stp d6, d7, [x10, #120]",
    "add x11, x29, #208",
    "str x11, [x10, #136]",
    "mov x0, x10",
    "bl {cb}",
    "add x10, sp, #16",
    "ldp x0, x1, [x10, #144]",
    "ldp d0, d1, [x10, #160]",
    "ldp d2, d3, [x10, #176]",
    "ldp x29, x30, [sp], #208",
    "ret",
    cb = sym twin_ffi_callback,
);

thread_local! {
    /// The state whose C call is in progress on this thread (null: none).
    static CURRENT: Cell<*mut State> = const { Cell::new(std::ptr::null_mut()) };
}

/// Runs `f` with `st` recorded as the state callbacks on this thread belong to.
pub fn with_current<R>(st: &mut State, f: impl FnOnce(&mut State) -> R) -> R {
    let prev = CURRENT.with(|c| c.replace(st as *mut State));
    let r = f(st);
    CURRENT.with(|c| c.set(prev));
    r
}

/// The address of slot `i`'s stub.
fn stub_addr(i: usize) -> u64 {
    let base = &raw const twin_ffi_cb_stubs as u64;
    base + (i * STUB_SIZE) as u64
}

/// The slot whose stub is at `addr`, if any.
pub fn slot_of(addr: u64) -> Option<usize> {
    let base = stub_addr(0);
    let off = addr.checked_sub(base)? as usize;
    (off.is_multiple_of(STUB_SIZE) && off / STUB_SIZE < NSLOTS).then_some(off / STUB_SIZE)
}

/// Most parameters a callback may have (LuaJIT's limit: its Lua stack headroom).
const MAX_PARAMS: usize = 16;

/// Can a Lua function stand behind function type `fty`? As in LuaJIT: a fixed number of
/// at most [`MAX_PARAMS`] parameters, and parameters and result (or `void`) that are
/// scalars of at most 8 bytes (numbers, `bool`, enums, pointers), never aggregates by
/// value, complex or `long double`. Anything else is "cannot convert 'function'".
pub fn callable_from_c(cts: &CTypes, fty: CTypeId) -> bool {
    let Some(fd) = cts.func(fty) else { return false };
    let scalar = |t: CTypeId| {
        let ct = cts.get(t);
        matches!(ct.kind, Kind::Bool | Kind::Int { .. } | Kind::Float | Kind::Enum(_) | Kind::Ptr(_))
            && ct.size <= 8
    };
    !fd.varargs
        && fd.params.len() <= MAX_PARAMS
        && (matches!(cts.get(fd.ret).kind, Kind::Void) || scalar(fd.ret))
        && fd.params.iter().all(|&p| scalar(p))
}

/// Per-state callback bookkeeping.
#[derive(Default)]
pub struct Callbacks {
    /// The function type of each slot in use.
    pub slots: Vec<Option<CTypeId>>,
    /// A Lua error raised inside a callback of the C call in progress.
    pub pending: Option<TValue>,
}

impl State {
    /// The registry table holding callback functions.
    fn cb_table(&mut self) -> TValue {
        let k = self.str_value(b"ffi_callbacks");
        // SAFETY: the registry is live.
        let t = unsafe { (*self.registry).get(k) };
        if t.is_table() {
            return t;
        }
        let t = self.new_table(0, 0);
        let r = TValue::gc(TAG_TABLE, self.registry);
        self.raw_set(r, k, t);
        t
    }

    /// A new callback for Lua function `f` with function type `fty`: the stub address.
    pub fn new_callback(&mut self, fty: CTypeId, f: TValue) -> LResult<u64> {
        let cbs = &mut self.ffi().callbacks;
        let slot = match cbs.slots.iter().position(Option::is_none) {
            Some(i) => i,
            None if cbs.slots.len() < NSLOTS => {
                cbs.slots.push(None);
                cbs.slots.len() - 1
            }
            None => return Err(self.rt_error("too many callbacks")),
        };
        self.ffi().callbacks.slots[slot] = Some(fty);
        let t = self.cb_table();
        self.raw_set(t, TValue::number((slot + 1) as f64), f);
        Ok(stub_addr(slot))
    }

    /// `cb:free()` / `cb:set(f)`: `f` nil frees the slot.
    pub fn set_callback(&mut self, addr: u64, f: TValue) -> LResult<()> {
        let slot = match slot_of(addr) {
            Some(s) if self.ffi().callbacks.slots.get(s).copied().flatten().is_some() => s,
            _ => return Err(self.caller_error("bad callback")),
        };
        if f.is_nil() {
            self.ffi().callbacks.slots[slot] = None;
        }
        let t = self.cb_table();
        self.raw_set(t, TValue::number((slot + 1) as f64), f);
        Ok(())
    }

    /// Runs one callback: converts the arguments from `frame`, calls the Lua function,
    /// stores the converted result. Errors are returned to the caller (the boundary).
    fn run_callback(&mut self, frame: &mut CbFrame) -> LResult<()> {
        let slot = frame.slot as usize;
        let Some(fty) = self.ffi().callbacks.slots.get(slot).copied().flatten() else {
            return Ok(());
        };
        if self.ffi().callbacks.pending.is_some() {
            return Ok(());
        }
        let Some(fd) = self.ffi().cts.func(fty).cloned() else { return Ok(()) };
        let t = self.cb_table();
        // SAFETY: the callback table is a live table.
        let f = unsafe { (*t.ptr::<Table>()).get(TValue::number((slot + 1) as f64)) };
        let mut args = Vec::with_capacity(fd.params.len());
        let mut alloc = Alloc::default();
        for &p in &fd.params {
            let mut word = [0u64; 2];
            match alloc.arg(&self.ffi().cts, p) {
                Some(Loc::Regs(regs)) if regs.len() == 1 => {
                    let (fp, r, _) = regs[0];
                    word[0] = if fp { frame.fpr[r] } else { frame.gpr[r] };
                }
                Some(Loc::Stack(at)) => {
                    // SAFETY: the caller passed this argument on its stack at slot `at`.
                    word[0] = unsafe { *((frame.stack as *const u64).add(at)) };
                }
                _ => return Err(self.rt_error("NYI: cannot call this C function (yet)")),
            }
            // SAFETY: `word` holds a scalar of type `p` in its low bytes.
            let v = unsafe { self.c_to_lua(p, word.as_ptr() as *const u8)? };
            args.push(v);
        }
        let r = self.call_value(f, &args, 1)?;
        let rv = r.first().copied().unwrap_or(TValue::NIL);
        let ct = *self.ffi().cts.get(fd.ret);
        let mut out = [0u64; 2];
        match ct.kind {
            Kind::Void => {}
            Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Ptr(_) | Kind::Float => {
                let pos = Some(return_position(f));
                let prev = std::mem::replace(&mut self.ffi().conv_pos, pos);
                // SAFETY: `out` has room for any scalar.
                let r = unsafe { self.lua_to_c(fd.ret, out.as_mut_ptr() as *mut u8, rv, false) };
                self.ffi().conv_pos = prev;
                r?;
                // Small integer results are widened as C compilers do for the caller.
                if matches!(ct.kind, Kind::Int { .. } | Kind::Enum(_) | Kind::Bool) && ct.size < 8 {
                    // SAFETY: reading back the value just written.
                    let s = unsafe { self.ffi().read_scalar(fd.ret, out.as_ptr() as *const u8) };
                    out[0] = s.map_or(0, Scalar::to_u64);
                }
                if matches!(ct.kind, Kind::Float) {
                    frame.ret_fpr[0] = out[0];
                } else {
                    frame.ret_gpr[0] = out[0];
                }
            }
            _ => return Err(self.rt_error("NYI: cannot call this C function (yet)")),
        }
        Ok(())
    }
}

/// Where a callback's result conversion error is reported: LuaJIT converts the result
/// in the frame the Lua function returned from, which it reports at the function's last
/// line (its `end`).
fn return_position(f: TValue) -> String {
    let frame = crate::vm::error::FrameInfo { base: 0, func: f, pc: None };
    match frame.proto() {
        Some(p) => format!("{}:{}: ", crate::vm::error::short_src(&p.chunkname), p.lastlinedefined),
        None => String::new(),
    }
}

/// The Rust side of every callback (called by the entry stub).
///
/// # Safety
/// Called only by `twin_ffi_cb_entry` with a frame it filled.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn twin_ffi_callback(frame: *mut CbFrame) {
    // SAFETY: the entry stub passes its own, fully written frame.
    let frame = unsafe { &mut *frame };
    frame.ret_gpr = [0; 2];
    frame.ret_fpr = [0; 4];
    let st = CURRENT.with(|c| c.get());
    if st.is_null() {
        return;
    }
    // SAFETY: CURRENT is set only while `ffi_call` holds `&mut State` for a C call on
    // this thread, or `trace_enter` for trace code that makes C calls; that C call is
    // what invoked us, so the state is live and nothing else uses it until we return
    // (a trace in a C call touches nothing until the call returns).
    let st = unsafe { &mut *st };
    // From trace code in a compiled C call: the trace bails, and the interpreter's view
    // of the stack becomes the one it would have in this C call; from the interpreter
    // making a C call the recorder has just recorded: the recording is suspended
    // (`trace::bail`).
    let suspended = st.trace_callback();
    // The interpreter's view of the stack must survive the nested call untouched.
    let (base, top) = {
        let th = st.th();
        (th.base, th.top)
    };
    let r = st.run_callback(frame);
    {
        let th = st.th();
        th.base = base;
        th.top = top;
    }
    st.trace_callback_return(suspended, r.is_err());
    match r {
        Ok(()) => {}
        Err(Throw::Error) => {
            let e = st.errval;
            st.ffi().callbacks.pending = Some(e);
        }
        Err(Throw::Yield) => {
            let e = st.str_value(b"attempt to yield across C-call boundary");
            st.ffi().callbacks.pending = Some(e);
        }
    }
}

/// `cb:free()` and `cb:set(f)` for callback pointers.
pub fn cb_method(st: &mut State, name: &[u8]) -> Option<TValue> {
    let f: crate::vm::func::NativeFn = match name {
        b"free" => cb_free,
        b"set" => cb_set,
        _ => return None,
    };
    let n = if name == b"free" { "free" } else { "set" };
    Some(TValue::gc(TAG_FUNC, st.new_native(f, n, crate::vm::func::ffid::NONE)))
}

fn cb_addr(st: &mut State) -> LResult<u64> {
    let v = st.arg(1);
    match as_cdata(v) {
        // SAFETY: a function-pointer cdata's payload holds the address.
        Some(c) => Ok(unsafe { std::ptr::read_unaligned(c.ptr as *const u64) }),
        None => Err(st.arg_type_error(1, "cdata")),
    }
}

fn cb_free(st: &mut State) -> LResult<usize> {
    let a = cb_addr(st)?;
    st.set_callback(a, TValue::NIL)?;
    Ok(0)
}

fn cb_set(st: &mut State) -> LResult<usize> {
    let a = cb_addr(st)?;
    let f = st.check_func(2)?;
    st.set_callback(a, f)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_map_to_their_stubs() {
        for i in [0, 1, 17, NSLOTS - 1] {
            assert_eq!(slot_of(stub_addr(i)), Some(i));
        }
        assert_eq!(slot_of(stub_addr(3) + 1), None);
        assert_eq!(slot_of(stub_addr(NSLOTS)), None);
        assert_eq!(slot_of(0), None);
    }

    #[test]
    fn a_callback_without_a_c_call_in_progress_returns_zero() {
        let mut f = CbFrame { slot: 0, gpr: [1; 8], fpr: [1; 8], stack: 0, ret_gpr: [7; 2], ret_fpr: [7; 4] };
        // SAFETY: the frame is fully initialised; no state is current on this thread.
        unsafe { twin_ffi_callback(&mut f) };
        assert_eq!((f.ret_gpr, f.ret_fpr), ([0; 2], [0; 4]));
    }
}
