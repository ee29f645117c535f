//! Trace stitching (LuaJIT's `LJ_TRLINK_STITCH`): a call of a native the recorder does
//! not compile ends the trace there, the interpreter makes the call, and a second trace,
//! recorded from the instruction after the call, carries on.
//!
//! ```text
//!   trace 1: ... | EXIT (snapshot at the CALL: every modified slot written back)
//!                     |
//!   interpreter:  CALL native ... native returns into the calling frame (poscall)
//!                     |  a pending stitch of trace 1 matches this return:
//!                     v
//!   trace 2 (1/stitch): starts at the instruction after the CALL, ends linked to the
//!                       loop's trace (`-> 1`), in another stitch, or in the interpreter
//! ```
//!
//! All state passes through the stack: the first trace's last exit writes back every
//! slot it changed, the native runs in the interpreter exactly as without the JIT (it
//! may run Lua, raise an error or yield), and the second trace starts from the stack
//! like a root trace, guarding every slot it reads.
//!
//! How the second trace is entered. LuaJIT puts a continuation frame under the native
//! whose return runs the stitched trace. Here the native's frame is left exactly as the
//! interpreter makes it (so error messages, tracebacks, `pcall` and yields across the
//! call see nothing new), and the stitch exit instead records a *pending stitch*: the
//! thread, the calling frame's base, its prototype and the return pc. When a call
//! returns into a Lua frame (`poscall`) and matches one, the interpreter enters the
//! stitched trace there (or starts recording it, the first time). The match is exact,
//! so a native that yields finds its pending stitch when its coroutine is resumed,
//! however much runs meanwhile, and one that raises an error leaves a stale entry that
//! can only match a later return to the same call site in the same frame position:
//! entering the stitched trace there is as correct as anywhere (it is a trace starting
//! at that pc, with every assumption guarded; the instruction after the call consumes
//! no variable result count, see `record::stitch`). Entries are few (a small ring).
//!
//! As in LuaJIT, a stitched trace that fails to record is not retried: the stitch is
//! blacklisted, and its exit is a plain exit to the interpreter from then on.

use super::record::Recorder;
use super::{JitState, LinkType, Trace};
use crate::bytecode::op::Op;
use crate::vm::frame::{FRAME_LUA, FRAME_VARG, link_delta, link_kind, link_pc};
use crate::vm::func::{LResult, ProtoObj};
use crate::vm::interp::Next;
use crate::vm::state::{State, Thread};
use crate::vm::value::TValue;

/// Most pending stitches kept (the oldest is dropped).
const MAX_PENDING: usize = 16;

/// What follows a trace's stitch exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StitchNext {
    /// Nothing yet: the next return from the native records it.
    Unrecorded,
    /// This stitched trace.
    Trace(u16),
    /// Its recording failed: the interpreter just continues.
    Blacklisted,
}

/// The stitch at the end of a trace.
#[derive(Clone, Debug)]
pub struct StitchExit {
    /// The snapshot of its `EXIT` (at the call).
    pub snap: u32,
    /// The native called there, as `-jv` names it.
    pub name: String,
    pub next: StitchNext,
}

impl StitchExit {
    /// The stitch a finished recording ends with, if it does (`ir` is its optimised IR,
    /// whose last instruction is the `EXIT`).
    pub(super) fn of(rec: &Recorder, ir: &super::ir::IrBuf) -> Option<StitchExit> {
        let name = rec.stitch_end.clone()?;
        let exit = ir.ins.iter().rev().find(|x| x.op == super::ir::IrOp::EXIT)?;
        Some(StitchExit { snap: exit.snap, name, next: StitchNext::Unrecorded })
    }
}

/// A stitch exit whose native call has not returned yet.
#[derive(Clone, Copy)]
struct Entry {
    thread: *mut Thread,
    /// The Lua frame the native returns into: its base (stack index), prototype and
    /// return pc.
    base: usize,
    proto: *const ProtoObj,
    retpc: usize,
    trace: u16,
}

#[derive(Default)]
pub struct Pending(Vec<Entry>);

impl Trace {
    /// The link as `-jv` prints it: a stitch names the native.
    pub(super) fn describe_link(&self) -> String {
        match &self.stitch {
            Some(s) if self.link == LinkType::Stitch => format!("stitch {}", s.name),
            _ => self.link.describe(),
        }
    }
}

impl JitState {
    /// Whether any stitch waits for its native to return (the interpreter's cheap test
    /// before [`State::trace_stitch_return`]).
    #[inline(always)]
    pub fn stitch_pending(&self) -> bool {
        !self.stitches.0.is_empty()
    }
}

impl State {
    /// Trace `tno` left through its stitch exit; the interpreter is about to make the
    /// call at its pc (thread base and pc are set).
    pub(super) fn stitch_exit(&mut self, tno: u16) {
        let th = self.th();
        let (base, pc) = (th.base, th.pc);
        let proto_of = |f: TValue| {
            // SAFETY: the function slot of a Lua frame holds its live closure.
            unsafe { (*f.ptr::<crate::vm::func::Func>()).proto }
        };
        let p = proto_of(th.stack[base - 2]);
        // SAFETY: the exit rebuilt the Lua frame at `base`; `pc` is its call instruction.
        let ins = unsafe { (&(*p).code)[pc] };
        let (caller, proto, retpc) = match ins.op() {
            Op::CALLT | Op::CALLMT => {
                // The native replaces the frame (below its varargs) and returns
                // through the frame's link to its caller.
                let mut fb = base;
                if link_kind(th.stack[fb - 1]) == FRAME_VARG {
                    fb -= link_delta(th.stack[fb - 1]);
                }
                let l = th.stack[fb - 1];
                if link_kind(l) != FRAME_LUA {
                    return;
                }
                let caller = fb - link_delta(l);
                (caller, proto_of(th.stack[caller - 2]), link_pc(l))
            }
            _ => (base, p, pc + 1),
        };
        let e = Entry { thread: self.cur, base: caller, proto, retpc, trace: tno };
        let list = &mut self.jit.stitches.0;
        // A frame has one call in flight: a new stitch from it replaces an old one.
        list.retain(|x| x.thread != e.thread || x.base != e.base);
        if list.len() >= MAX_PENDING {
            list.remove(0);
        }
        list.push(e);
    }

    /// A call returned into the Lua frame whose base and pc the running thread holds.
    /// If that call is a pending stitch, continues in its stitched trace, or starts
    /// recording it. What the interpreter does next.
    pub(crate) fn trace_stitch_return(&mut self) -> LResult<Next> {
        let cur = self.cur;
        let th = self.th();
        let (cb, retpc) = (th.base, th.pc);
        let f = th.stack[cb - 2];
        // SAFETY: the function slot of a Lua frame holds its live closure.
        let proto = unsafe { (*f.ptr::<crate::vm::func::Func>()).proto } as *const ProtoObj;
        let list = &mut self.jit.stitches.0;
        let Some(i) =
            list.iter().position(|e| e.thread == cur && e.base == cb && e.proto == proto && e.retpc == retpc)
        else {
            return Ok(Next::Run);
        };
        let e = list.remove(i);
        if !self.lib.jit.enabled
            || self.jit.is_recording()
            || self.lib.hook.mask != 0
            || self.lib.hook.count > 0
        {
            return Ok(Next::Run);
        }
        let Some(next) = self.jit.trace(e.trace).and_then(|t| t.stitch.as_ref()).map(|s| s.next) else {
            return Ok(Next::Run);
        };
        match next {
            StitchNext::Trace(n) => return self.trace_enter(n, cb),
            StitchNext::Unrecorded => {
                let p = super::JitParams::from_settings(&self.lib.jit, self.jit.params.seed);
                self.jit.set_params(p);
                let rec = Recorder::new_stitch(
                    cur,
                    proto as *mut ProtoObj,
                    cb,
                    retpc - 1,
                    e.trace,
                    &self.jit.params,
                );
                self.jit.rec = Some(Box::new(rec));
            }
            StitchNext::Blacklisted => {}
        }
        Ok(Next::Run)
    }

    /// A stitched trace (`no`, continuing `rec.stitch_parent`'s stitch) was compiled:
    /// the stitch continues in it from now on. Its link type.
    pub(super) fn stitch_finish(
        &mut self,
        rec: &Recorder,
        no: u16,
        stitches: bool,
        link_target: Option<u16>,
    ) -> LinkType {
        if let Some(s) = rec
            .stitch_parent
            .and_then(|p| self.jit.traces.get_mut((p as usize).wrapping_sub(1)))
            .and_then(|t| t.stitch.as_mut())
        {
            s.next = StitchNext::Trace(no);
        }
        match link_target {
            _ if stitches => LinkType::Stitch,
            _ if rec.ends_in_interp => LinkType::Interp,
            Some(n) => LinkType::Root(n),
            None => LinkType::Interp,
        }
    }

    /// The recording of the trace continuing `parent`'s stitch failed: never again.
    pub(super) fn stitch_blacklist(&mut self, parent: u16) {
        if let Some(s) =
            self.jit.traces.get_mut((parent as usize).wrapping_sub(1)).and_then(|t| t.stitch.as_mut())
        {
            s.next = StitchNext::Blacklisted;
        }
    }
}
