//! Loop instructions other than the one a root trace closes at: what a trace does when
//! it meets another loop (after LuaJIT's `rec_loop_interp` and `rec_loop_jit`).
//!
//! Every loop instruction is a *loop event* on the recorded path:
//!
//! ```text
//!   instruction            enters (loops back)            leaves / is not entered
//!   FORI                   idx within stop: body next     zero-trip: jump past FORL
//!   FORL                   idx + step within stop         falls through
//!   ITERL                  iterator result not nil        nil: falls through
//!   LOOP                   always (leaving is a branch)   -
//! ```
//!
//! and the loop is either *interpreted* (`FORL`, `ITERL`, `LOOP`; a `FORI` whose
//! `FORL` is one), *compiled* (`JFORL`, `JITERL`, `JLOOP`, whose D is the loop's
//! trace; a `FORI` whose `FORL` is a `JFORL`: twin never patches `FORI`, so `JFORI`
//! is that `FORI`), or *blacklisted* (`IFORL`, `IITERL`, `ILOOP`). What the trace does:
//!
//! ```text
//!                 root trace                      side or stitched trace
//!   leaves        carries on across it            carries on across it
//!   enters an     aborts "inner loop in root      unrolls it: one more pass through
//!   interpreted   trace", but unrolls a short     its body, at most `loopunroll`
//!   loop          loop (empty body, or one that   passes ("loop unroll limit
//!                 kept aborting for not looping   reached")
//!                 back: `JitState::inner_loop_left`)
//!                 within `loopunroll`
//!   enters a      at FORI: links (-> N) after FORI's work; at the loop instruction
//!   compiled      itself: a root trace aborts "inner loop in root trace", any other
//!   loop N        trace does the instruction's work and links (-> N)
//!   blacklisted   aborts "blacklisted"
//! ```
//!
//! Either way the instruction's work is recorded as the interpreter does it, with a
//! guard on the event (so another trip count exits there), and the budget check the
//! interpreter makes at `FORL`/`ITERL`/`LOOP` (`loopchk`, before any slot write, so
//! that its exit redoes the instruction). A link happens where the compiled loop's
//! trace starts, its body: linking at `FORI` means FORI's entry guard and its visible
//! index first, exactly the state the loop's own `FORL` would have left there.
//!
//! A link from an inlined frame moves the base up to that frame (the frames below are
//! written back first, as the interpreter has them), which the linked trace then runs
//! as its start frame; `STACKCHK` first makes sure the tree fits above it.
//!
//! Where this departs from LuaJIT, measured on recursive backtracking
//! (bench/programs/queens.lua, where which paths the traces take decides the time):
//! a side trace that gets back to its root's loop links to it, also where LuaJIT's
//! would form a loop of its own because the loop's body is where it started ("extra
//! loop"). LuaJIT's side traces often start there (a guard exits to the snapshot the
//! last effect left); ours start at the instruction whose guard failed, and making them
//! go round to close a loop at that instruction made four times the traces and ran
//! slower (queens 0.15 -> 0.20 s, and 0.55 -> 0.70 s at size 12): every such loop
//! gets side traces of its own, each one a Cranelift compile. Guards of effect-free
//! instructions in a row share one snapshot, as LuaJIT's do (`Recorder::resumable_snap`),
//! but for a nil or boolean type check, a branch's condition: shared too, those made
//! queens' side traces start at the loop's body and chain (mean over `-Oseed` 1..30
//! 0.133 s against 0.116 s).

use super::*;

/// Abort reasons the penalty cache remembers (LuaJIT's LJ_TRERR_LLEAVE, LJ_TRERR_LINNER):
/// a loop that keeps failing with these is a short inner loop.
pub(crate) const LOOP_LEFT: &str = "leaving loop in root trace";
pub(crate) const INNER_LOOP: &str = "inner loop in root trace";
const UNROLL_LIMIT: &str = "loop unroll limit reached";

/// Where `-jv` locates an abort at loop instruction `ins` at `pc`: a loop entered
/// (the inner-loop and unroll aborts) is reported at the body it enters, where
/// LuaJIT's recorder stands once it has recorded the loop's event.
pub(crate) fn abort_pc(jit: &crate::trace::JitState, ins: Ins, pc: usize, reason: &str) -> usize {
    if reason != INNER_LOOP && reason != UNROLL_LIMIT {
        return pc;
    }
    match ins.op() {
        Op::LOOP | Op::JLOOP => pc + 1,
        Op::FORL | Op::ITERL => ins.target(pc),
        Op::JFORL | Op::JITERL => jit.loop_ins(ins).target(pc),
        _ => pc,
    }
}

/// How a loop instruction goes on the recorded path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LoopEvent {
    Leave,
    /// Entered with at most two iterations left (a numeric loop), which a root trace
    /// may unroll whatever the size of what it recorded since the last loop.
    EnterLow,
    Enter,
}

/// Most IR instructions a root trace may have recorded since it entered the previous
/// inner loop and still unroll another (LuaJIT's bound: only very short loops).
///
/// Counted on the IR as recorded, where LuaJIT counts what is left after its folding
/// and CSE on the fly (an upvalue or table read again is no new instruction there), so
/// the same loop reaches the bound sooner here. Counting as loosely (36) lets queens'
/// function trace unroll three levels of its recursion into an up-recursion trace of
/// some 300 bytecodes, as LuaJIT's sometimes does, and that ran slower than the loop
/// trace it displaces (mean of `-Oseed` 1..30: 0.127 s against 0.116 s).
const UNROLL_SPAN: IrRef = 24;

impl Recorder {
    /// Records loop instruction `ins` at `pc`, which is not the loop a root trace
    /// closes at. True when the trace ends here.
    pub(super) fn record_loop_event(&mut self, st: &mut State, pc: usize, ins: Ins) -> Result<bool, Abort> {
        let a = ins.a() as i32;
        let root = self.side.is_none() && self.stitch_parent.is_none();
        match ins.op() {
            Op::FORI | Op::JFORI => {
                let code = self.code();
                let forl_pc = ins.target(pc).wrapping_sub(1);
                let Some(forl) = code.get(forl_pc).copied() else { nyi!("FORI without FORL") };
                let ev = self.for_step(st, a, false)?;
                if ev == LoopEvent::Leave {
                    self.kill_above(self.fb + a);
                    return Ok(false);
                }
                if forl.op() == Op::JFORL {
                    // The body's locals are dead at its start (as at FORL's back edge).
                    self.kill_above(self.fb + a + 4);
                    self.link_loop(forl.d(), pc + 1)?;
                    return Ok(true);
                }
                self.loopref = self.ir.next_ref();
                Ok(false)
            }
            Op::FORL | Op::ITERL | Op::LOOP => {
                let ev = self.loop_step(st, pc, ins)?;
                if ev == LoopEvent::Leave {
                    self.kill_left(ins);
                }
                self.loop_interp(st, pc, ins, ev)?;
                Ok(false)
            }
            Op::JFORL | Op::JITERL | Op::JLOOP => {
                if root {
                    return Err(INNER_LOOP.into());
                }
                let ev = self.loop_step(st, pc, ins)?;
                if ev == LoopEvent::Leave {
                    self.kill_left(ins);
                    return Ok(false);
                }
                // Where the loop's trace starts: its body, whose locals are dead there
                // (as at the loop's own back edge).
                let body = match ins.op() {
                    Op::JLOOP => {
                        self.kill_above(self.fb + a);
                        pc + 1
                    }
                    Op::JFORL => {
                        self.kill_above(self.fb + a + 4);
                        self.jit_loop_ins(st, ins).target(pc)
                    }
                    _ => self.jit_loop_ins(st, ins).target(pc),
                };
                self.link_loop(ins.d(), body)?;
                Ok(true)
            }
            _ => Err("blacklisted".into()),
        }
    }

    /// Whether a root trace of a loop is about to record `pc` outside its loop while in
    /// its start frame (LuaJIT's bytecode range check, `bc_min`/`bc_extent`): it must
    /// loop back, and the interpreter's run after the loop is another trace's business.
    /// Without the check a recording that finds the loop left would carry on into the
    /// code after it, up to some enclosing loop, and form a root trace there that
    /// duplicates the outer loop's and keeps the inner loop from tracing (its aborts
    /// for not looping back are what lets an outer trace unroll a short inner loop).
    ///
    /// ```text
    ///   FORL, ITERL   body .. the loop instruction itself
    ///   LOOP (while)  cond; LOOP; body; JMP -> cond    (the JMP before LOOP's exit)
    ///   LOOP (repeat) no range: its back edge is a conditional jump
    /// ```
    ///
    /// Function traces, traces started at a return, side and stitched traces have no
    /// range. A tail call out of the start frame leaves it too.
    pub(super) fn outside_root_loop(&self, pc: usize) -> bool {
        if self.side.is_some() || self.stitch_parent.is_some() || self.frames.len() > 1 {
            return false;
        }
        // SAFETY: the traced prototype is live (the interpreter is running it).
        let code = unsafe { &(*self.proto).code };
        let Some(&ins) = code.get(self.loop_pc) else { return false };
        let (lo, hi) = match ins.op() {
            Op::FORL | Op::ITERL => (ins.target(self.loop_pc), self.loop_pc),
            Op::LOOP => {
                let jpc = ins.target(self.loop_pc).wrapping_sub(1);
                match code.get(jpc) {
                    Some(j) if j.op() == Op::JMP && j.target(jpc) < jpc => (j.target(jpc), jpc),
                    _ => return false,
                }
            }
            _ => return false,
        };
        self.cur_proto() != self.proto || !(lo..=hi).contains(&pc)
    }

    /// A loop left at its loop instruction `ins`: its own slots are dead after it (the
    /// numeric loop's four from A up, the generic loop's from its generator at A - 3),
    /// and exits need not write them back (LuaJIT's `maxslot` after the event).
    fn kill_left(&mut self, ins: Ins) {
        let a = ins.a() as i32;
        match ins.op() {
            Op::FORL | Op::JFORL => self.kill_above(self.fb + a),
            Op::ITERL | Op::JITERL => self.kill_above(self.fb + a - 3),
            _ => {}
        }
    }

    /// The code of the innermost frame's prototype.
    fn code(&self) -> &[Ins] {
        // SAFETY: frames on trace run live prototypes, which the recording keeps alive.
        unsafe { &(*self.cur_proto()).code }
    }

    /// The original loop instruction behind `J*` instruction `ins` (its jump).
    fn jit_loop_ins(&self, st: &State, ins: Ins) -> Ins {
        st.jit.loop_ins(ins)
    }

    /// Records a `FORL`, `ITERL` or `LOOP` (plain or compiled) as the interpreter runs
    /// it: the guard on its event, the budget check, its slot writes.
    fn loop_step(&mut self, st: &mut State, pc: usize, ins: Ins) -> Result<LoopEvent, Abort> {
        let a = ins.a() as i32;
        match ins.op() {
            Op::FORL | Op::JFORL => self.for_step(st, a, true),
            Op::ITERL | Op::JITERL => {
                // The type guard of the iterator's result decides.
                let v = self.get(st, a)?;
                self.loopchk()?;
                if v.1 == IrType::Nil {
                    return Ok(LoopEvent::Leave);
                }
                self.set(a - 1, v.0);
                Ok(LoopEvent::Enter)
            }
            _ => {
                debug_assert!(matches!(ins.op(), Op::LOOP | Op::JLOOP), "{pc}");
                self.loopchk()?;
                Ok(LoopEvent::Enter)
            }
        }
    }

    /// Records a `FORI` (`forl` false) or `FORL` of the loop at slot `a`: the step's
    /// direction and the test of the (next) index against the stop, guarded as they
    /// come out now, then the slot writes of the event.
    fn for_step(&mut self, st: &mut State, a: i32, forl: bool) -> Result<LoopEvent, Abort> {
        let idx = self.get(st, a)?;
        let lim = self.get(st, a + 1)?;
        let step = self.get(st, a + 2)?;
        let (idx, lim, step) = (self.num(idx, "for")?, self.num(lim, "for")?, self.num(step, "for")?);
        let (li, ll, ls) = (
            self.live(st, a).as_number(),
            self.live(st, a + 1).as_number(),
            self.live(st, a + 2).as_number(),
        );
        let up = ls >= 0.0;
        if self.ir.const_value(step).is_none() {
            let zero = self.ir.knum(0.0);
            self.guard(if up { IrOp::LE } else { IrOp::GT }, zero, step)?;
        }
        let (i, iv) = if forl {
            (self.ir.emit(IrOp::ADD, IrType::Num, idx, step, REF_NONE, 0, 0), li + ls)
        } else {
            (idx, li)
        };
        let enter = if up { iv <= ll } else { iv >= ll };
        // `i <= lim` going up, `lim <= i` going down; the negation otherwise (NaN
        // fails both guards, and exits).
        let (x, y) = if up { (i, lim) } else { (lim, i) };
        self.guard(if enter { IrOp::LE } else { IrOp::GT }, x, y)?;
        if forl {
            self.loopchk()?;
        }
        if !enter {
            return Ok(LoopEvent::Leave);
        }
        if forl {
            self.set(a, i);
        }
        self.set(a + 3, i);
        let low = if up { iv + 2.0 * ls > ll } else { iv + 2.0 * ls < ll };
        Ok(if low { LoopEvent::EnterLow } else { LoopEvent::Enter })
    }

    /// An interpreted loop instruction at `pc` had event `ev` (recorded): whether the
    /// trace may go on into another pass through its body.
    fn loop_interp(&mut self, st: &State, pc: usize, ins: Ins, ev: LoopEvent) -> Result<(), Abort> {
        if ev == LoopEvent::Leave {
            return Ok(());
        }
        let root = self.side.is_none() && self.stitch_parent.is_none();
        if root {
            // The loop's own trace is better, unless its body is empty or it kept
            // failing for not looping back.
            let jit_body = match ins.op() {
                Op::LOOP => pc + 1,
                _ => ins.target(pc),
            };
            // SAFETY: frames on trace run live prototypes.
            let key = unsafe { (*self.cur_proto()).hotkey(pc) };
            if jit_body != pc && !st.jit.inner_loop_left(key) {
                return Err(INNER_LOOP.into());
            }
            let span = self.ir.next_ref().saturating_sub(self.loopref);
            if ev != LoopEvent::EnterLow && self.loopref != 0 && span > UNROLL_SPAN {
                return Err(UNROLL_LIMIT.into());
            }
        }
        if self.loopunroll == 0 {
            return Err(UNROLL_LIMIT.into());
        }
        self.loopunroll -= 1;
        self.loopref = self.ir.next_ref();
        Ok(())
    }

    /// Ends the trace by continuing in trace `no`, whose loop body starts at `pc` of
    /// the current (base) frame. Every modified slot is written back first.
    fn link_loop(&mut self, no: u16, pc: usize) -> Result<(), Abort> {
        if self.snaps.len() + 2 > self.maxsnap {
            return Err("too many snapshots".into());
        }
        if self.fb != 0 {
            // The loop's trace runs on the inlined frame's base: the tree's frames must
            // fit above it (as at a recursive call's). Where they do not, the
            // interpreter takes over at the body, the loop instruction done.
            let mut s = self.take_snapshot(pc);
            s.loopchk = true;
            self.snaps.push(s);
            let n = self.snaps.len() as u32 - 1;
            self.ir.emit(
                IrOp::STACKCHK,
                IrType::Void,
                REF_NONE,
                REF_NONE,
                REF_NONE,
                self.fb as i64 as u64,
                n,
            );
        }
        let s = self.take_snapshot(pc);
        self.snaps.push(s);
        self.loop_snap = self.snaps.len() as u32 - 1;
        self.snap_pc = None;
        self.link_to = Some(no);
        self.link = Some(crate::trace::LinkType::Root(no));
        self.ir.emit(IrOp::LINK, IrType::Void, REF_NONE, REF_NONE, REF_NONE, no as u64, self.loop_snap);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{off_and_on, string, traces_cleanly};

    #[test]
    fn nested_numeric_loops_link_into_the_inner_trace() {
        // Changing bounds, zero-trip entries, negative and fractional steps.
        traces_cleanly(
            "local s = 0 for i = 1, 200 do for j = 7.5, i % 9 - 1, -0.75 do s = s + j end \
             for k = i % 3, 4 do s = s - k end end return tostring(s)",
        );
    }

    #[test]
    fn while_repeat_and_iterator_inner_loops_link() {
        // The outer loop's root trace meets the compiled `while` loop at its JLOOP (no
        // FORI before it): that one aborts, as LuaJIT's does; the inner loops' exits
        // get side traces that link on to the next inner loop.
        let src = "local t = {} for i = 1, 40 do t[i] = i end local s = 0 \
             for i = 1, 120 do local n = i % 5 + 30 while n > 0 do s = s + n n = n - 1 end \
             repeat n = n + 2 s = s + n until n > 40 \
             for _, v in ipairs(t) do s = s + v % 3 end end return tostring(s)";
        let (off, on, s) = off_and_on(src, string);
        assert_eq!(off, on);
        assert!(s.side_traces >= 3 && s.aborts == 1, "{s:?}");
    }
}
