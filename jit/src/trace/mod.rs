//! The trace compiler's lifecycle: hot counting, recording, compiling, entering and
//! leaving traces, aborts, penalties and blacklisting (LuaJIT's lj_trace/lj_dispatch).
//!
//! ```text
//!   interpreter                      JitState                        backend
//!   FORL/LOOP taken --hot()--> counter hits 0 --> Recorder (record.rs)
//!   each instruction --trace_record()--> IR + snapshots --stop--> compile (Cranelift)
//!                                        |                          |
//!                                        abort: penalty /           patch FORL -> JFORL
//!                                        blacklist (IFORL)          (D = trace number)
//!   JFORL/JLOOP --trace_enter()--> push activation, run trace, pop, snap_restore
//! ```
//!
//! Root traces start at a loop's body and end at the same loop's `FORL`/`LOOP`, with a
//! back edge to their start. The interpreter keeps owning the stack: a trace reads its
//! frame's slots, keeps new values in registers, writes them back at every exit
//! (through the snapshot the exit names), and, unless its loop is peeled, at its back
//! edge.
//!
//! Hot counters are LuaJIT's: a small table of counters hashed by instruction address,
//! so an untraced program pays one decrement per loop iteration and nothing when the
//! JIT is off. Aborts penalise the start instruction with a randomised, growing backoff
//! (a seeded PRNG, `-Oseed`, so runs replay); past `PENALTY_MAX` the loop instruction
//! is blacklisted by patching in its `I*` variant, which the interpreter never counts.
//!
//! Activations are a stack: every entry into trace code pushes one (trace, base, exit
//! buffer with the bail header) and every exit pops it. Nothing consults a global
//! "current trace". A callback arriving while trace code is in a C call bails the
//! innermost activation, one arriving while the interpreter makes a C call just
//! recorded suspends the recording until the callback returns (`bail`).
//!
//! A finished recording goes through the IR passes of `opt` (each one switched by its
//! `-O` flag; loop peeling makes a loop keep its values in registers across iterations
//! and write the stack only at exits), then to the backend.
//!
//! Function traces start at a hot `FUNCF` (function entry, counted like a loop, in
//! LuaJIT's units) and end where the function returns, leaving the return to the
//! interpreter. `ITERL` loops trace like `FORL`/`LOOP` ones.
//!
//! A call of a native the recorder does not compile ends a trace with a stitch; the
//! stitched trace that continues after the call is entered when the call returns
//! (`stitch`).

pub mod bail;
pub mod helpers;
pub mod helpers_ffi;
pub mod ir;
pub mod opt;
pub mod perfmap;
pub mod record;
pub mod snap;
pub mod stitch;

use std::io::Write;

use crate::bytecode::op::{Ins, Op};
use crate::lib::jit::JitSettings;
use crate::vm::func::{LResult, ProtoObj};
use crate::vm::interp::Next;
use crate::vm::state::{MAX_STACK, State};
use crate::vm::value::*;
use record::{RecStatus, Recorder};
use snap::Snapshot;

/// Number of hot counters (a power of two), LuaJIT's HOTCOUNT_SIZE.
const HOTCOUNT_SIZE: usize = 64;
/// Hot-counter units a loop iteration and a function call spend (LuaJIT's
/// HOTCOUNT_LOOP, HOTCOUNT_CALL): counters start at `2 * hotloop - 1`, so a loop is
/// hot after `hotloop` iterations and a function after about twice as many calls.
const HOTCOUNT_LOOP: u16 = 2;
const HOTCOUNT_CALL: u16 = 1;
/// Penalty cache size and bounds (LuaJIT's PENALTY_SLOTS, PENALTY_MIN, PENALTY_MAX).
const PENALTY_SLOTS: usize = 64;
const PENALTY_MIN: u32 = 36 * 2;
const PENALTY_MAX: u32 = 60000;
/// Stack an entry provides above the trace's frames (the interpreter's frame slack
/// for metamethod continuations, with room to spare).
const STACK_SLACK: usize = 16;
/// Random part of a penalty increase: `prng() & PENALTY_RNDBITS_MASK`.
const PENALTY_RNDBITS_MASK: u32 = (1 << 4) - 1;

/// The options a trace is compiled under (`-O`, `jit.opt.start`), plus the PRNG seed.
#[derive(Clone, Debug, PartialEq)]
pub struct JitParams {
    pub hotloop: u32,
    pub hotexit: u32,
    pub maxtrace: u32,
    pub maxrecord: u32,
    pub maxirconst: u32,
    pub maxside: u32,
    pub maxsnap: u32,
    pub tryside: u32,
    pub loopunroll: u32,
    pub instunroll: u32,
    pub callunroll: u32,
    pub recunroll: u32,
    pub seed: u64,
    pub fold: bool,
    pub cse: bool,
    pub dce: bool,
    pub fwd: bool,
    pub narrow: bool,
    pub loop_: bool,
    pub sink: bool,
}

impl JitParams {
    pub fn from_settings(s: &JitSettings, seed: u64) -> JitParams {
        let p = |name: &str| s.params.get(name).copied().unwrap_or(0).max(0) as u32;
        let f = |name: &str| s.flags.contains(&name);
        JitParams {
            hotloop: p("hotloop"),
            hotexit: p("hotexit"),
            maxtrace: p("maxtrace"),
            maxrecord: p("maxrecord"),
            maxirconst: p("maxirconst"),
            maxside: p("maxside"),
            maxsnap: p("maxsnap"),
            tryside: p("tryside"),
            loopunroll: p("loopunroll"),
            instunroll: p("instunroll"),
            callunroll: p("callunroll"),
            recunroll: p("recunroll"),
            seed,
            fold: f("fold"),
            cse: f("cse"),
            dce: f("dce"),
            fwd: f("fwd"),
            narrow: f("narrow"),
            loop_: f("loop"),
            sink: f("sink"),
        }
    }
}

/// How a trace ends (LuaJIT's link types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkType {
    /// Loops back to its own start.
    Loop,
    /// A side trace continuing in the root trace of its tree; or a trace started at a
    /// return that reached the return another one starts at, which its exit enters.
    Root(u16),
    /// Leaves to the interpreter (a tail call out of the trace's start frame).
    Interp,
    /// Leaves to the interpreter at a call of a native it does not record; a stitched
    /// trace continues after the call (see `stitch`).
    Stitch,
    /// Leaves to the interpreter at a return from the trace's start frame, which the
    /// interpreter then does (function traces, and side traces that get there).
    Return,
    /// A function trace that recorded calls of its own function `recunroll` deep: each
    /// iteration runs one more frame above the last (`RLOOP`, see `record::call`).
    UpRec,
    /// The same through tail calls: each iteration replaces the frame.
    TailRec,
    /// A root trace started at a return that returned `recunroll` times into frames of
    /// its own function: each iteration runs one frame further down (`RETF`).
    DownRec,
}

impl LinkType {
    /// As `-jv` prints it after the start location.
    pub fn describe(self) -> String {
        match self {
            LinkType::Loop => "loop".into(),
            LinkType::Root(n) => format!("-> {n}"),
            LinkType::Interp => "interpreter".into(),
            LinkType::Stitch => "stitch".into(),
            LinkType::Return => "return".into(),
            LinkType::UpRec => "up-recursion".into(),
            LinkType::TailRec => "tail-recursion".into(),
            LinkType::DownRec => "down-recursion".into(),
        }
    }
}

/// A compiled trace.
pub struct Trace {
    pub no: u16,
    pub proto: *mut ProtoObj,
    pub start_pc: usize,
    /// The loop instruction patched to enter this trace, and what it was before.
    pub loop_pc: usize,
    pub startins: Ins,
    pub ir: ir::IrBuf,
    pub snaps: Vec<Snapshot>,
    pub link: LinkType,
    pub code: crate::backend::Code,
    /// Largest snapshot: the exit buffer's size in slots.
    pub exitbuf_len: usize,
    /// Slots above the base the trace's frames use (inlined frames included).
    pub max_slot: usize,
    /// Every prototype on the trace: the start frame's and the inlined ones.
    pub protos: Vec<*mut ProtoObj>,
    /// Set for a side trace: where it is attached.
    pub side: Option<record::SideStart>,
    /// Exit cells, one per snapshot: 0, or the entry of the side trace attached to
    /// that exit. The code reads them at their (fixed) heap address.
    cells: Box<[u64]>,
    /// Failed side trace recordings per exit.
    side_tries: Vec<u8>,
    /// The instructions allocation sinking marked (`opt::sink`), and per snapshot
    /// what its exit makes of them. The code names each plan at its (fixed) heap
    /// address, as it does the cells.
    sunk: Vec<bool>,
    unsink: Box<[snap::Unsink]>,
    /// For a root trace, what its whole tree needs: slots above the base and exit
    /// buffer entries; and how many side traces it has.
    tree_max_slot: usize,
    tree_exitbuf_len: usize,
    nsides: u32,
    /// For a trace that ends with a stitch: its exit there and what continues.
    stitch: Option<stitch::StitchExit>,
    /// For a stitched trace: the trace whose stitch it continues.
    stitched_from: Option<u16>,
    /// For a root trace: some trace of its tree links into another tree (whose
    /// stack and exit buffer needs an entry must provide too).
    links_out: bool,
    /// The exit at a return that ends the trace (`return`) with the return's
    /// prototype and pc, which a down-recursive trace compiled later continues
    /// (`State::bind_return_exits`).
    ret_exit: Option<(u32, *mut ProtoObj, usize)>,
}

/// Counters the harness reads (`JitState::stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    pub traces: u64,
    pub aborts: u64,
    pub exits: u64,
    pub side_traces: u64,
    pub blacklisted: u64,
    pub flushes: u64,
    /// Activations bailed by a callback in a compiled C call.
    pub bails: u64,
}

/// What running one trace came to (`State::trace_run`).
enum Ran {
    /// It left through an exit of the tree of root trace `.0`; the interpreter's state
    /// is restored.
    Exited(u16),
    /// It did not run, or a bailed C call was finished: what the interpreter does next.
    Done(Next),
}

/// One live entry into trace code.
struct Activation {
    trace: u16,
    /// The bail header (`bail::HDR` words: published exit, bailed flag, result) and
    /// the exit buffer of this activation (one per nesting depth, reused).
    exitbuf: Vec<u64>,
}

pub struct JitState {
    pub params: JitParams,
    /// Prototypes loaded so far (see `next_hotkey_base`).
    protos_loaded: usize,
    /// `-jv`: one line per trace event on stderr.
    pub verbose: bool,
    /// `-jdump`: the bytecode, IR, snapshots and machine code of every compiled trace on stderr.
    pub dump: bool,
    /// `-jperf`: trace names for `perf` (see `perfmap`).
    pub perf: Option<perfmap::PerfMap>,
    pub stats: JitStats,
    hotcount: [u16; HOTCOUNT_SIZE],
    /// Penalised trace starts: hot key, penalty, and whether the last abort was the
    /// loop's not looping back (see `record::loops`).
    penalty: [(usize, u32, bool); PENALTY_SLOTS],
    penalty_slot: usize,
    prng: u64,
    /// `traces[n - 1]` is trace number `n`.
    traces: Vec<Trace>,
    rec: Option<Box<Recorder>>,
    /// Recordings suspended by callbacks, innermost last (`bail`).
    suspended: Vec<Recorder>,
    activations: Vec<Activation>,
    /// Exit buffers of finished activations, for reuse.
    spare_bufs: Vec<Vec<u64>>,
    backend: Option<crate::backend::Backend>,
    /// Stitch exits whose native call has not returned yet.
    stitches: stitch::Pending,
    /// The largest stack (slots above the base) and exit buffer any trace needs: what
    /// an entry into a tree that links into other trees provides.
    max_need: (usize, usize),
    /// The highest stack address a trace's base may move to (recursion, links) with
    /// the tree's frames still fitting the running thread's stack; set by each entry
    /// for its activation (`STACKCHK` reads it at its `offset_of!` offset).
    pub(crate) stack_limit: usize,
    /// Down-recursive traces by the return instruction (prototype, pc) they start at.
    downrec: Vec<(*mut ProtoObj, usize, u16)>,
    /// Return instructions blacklisted as trace starts (they have no `I*` variant).
    downrec_black: Vec<(*mut ProtoObj, usize)>,
}

impl Default for JitState {
    fn default() -> Self {
        let params = JitParams::from_settings(&JitSettings::default(), 0);
        let mut j = JitState {
            protos_loaded: 0,
            hotcount: [0; HOTCOUNT_SIZE],
            penalty: [(usize::MAX, 0, false); PENALTY_SLOTS],
            penalty_slot: 0,
            prng: 0,
            params,
            verbose: false,
            dump: false,
            perf: None,
            stats: JitStats::default(),
            traces: Vec::new(),
            rec: None,
            suspended: Vec::new(),
            activations: Vec::new(),
            spare_bufs: Vec::new(),
            backend: None,
            stitches: stitch::Pending::default(),
            max_need: (0, 0),
            stack_limit: 0,
            downrec: Vec::new(),
            downrec_black: Vec::new(),
        };
        j.reset_counters();
        j
    }
}

/// The hot counter of instruction key `key` (`ProtoObj::hotkey`): the instructions of
/// one prototype spread over consecutive counters, as LuaJIT's (hashed by address) do,
/// and prototypes start at scattered ones (the top bits of a Fibonacci hash of the
/// prototype's number: a fixed stride between consecutive prototypes would make the
/// entry of one function and the first loops of the next share a counter every time).
fn counter(key: usize) -> usize {
    let start =
        ((key >> 32) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HOTCOUNT_SIZE.trailing_zeros());
    (start as usize).wrapping_add(key) & (HOTCOUNT_SIZE - 1)
}

impl JitState {
    /// The `ProtoObj::hotkey_base` of the next prototype loaded.
    pub(crate) fn next_hotkey_base(&mut self) -> usize {
        self.protos_loaded += 1;
        self.protos_loaded << 32
    }

    /// A hot counter's start: `hotloop` loop iterations (or twice as many calls).
    fn hot_start(&self) -> u16 {
        (self.params.hotloop.clamp(1, (u16::MAX / HOTCOUNT_LOOP) as u32) as u16) * HOTCOUNT_LOOP - 1
    }

    fn reset_counters(&mut self) {
        self.hotcount = [self.hot_start(); HOTCOUNT_SIZE];
        self.penalty = [(usize::MAX, 0, false); PENALTY_SLOTS];
        self.penalty_slot = 0;
        self.prng = self.params.seed;
    }

    /// Adopts new options (after `-O`, `-Oseed`); restarts the hot counters and PRNG.
    pub fn set_params(&mut self, p: JitParams) {
        if p != self.params {
            self.params = p;
            self.reset_counters();
        }
    }

    /// One tick of the hot counter of the loop instruction at address `key`; true when
    /// it became hot (the counter is reset).
    #[inline(always)]
    pub fn hot(&mut self, key: usize) -> bool {
        self.tick(key, HOTCOUNT_LOOP)
    }

    /// One tick of the hot counter of the function entry (`FUNCF`) at address `key`.
    #[inline(always)]
    pub fn hot_call(&mut self, key: usize) -> bool {
        self.tick(key, HOTCOUNT_CALL)
    }

    /// LuaJIT's `hotloop`/`hotcall`: the counter drops by `units` and fires when that
    /// would take it below zero; a fired counter restarts one unit above its initial
    /// value (`lj_trace_hot`), unless an abort's penalty sets it.
    #[inline(always)]
    fn tick(&mut self, key: usize, units: u16) -> bool {
        let start = self.hot_start();
        let c = &mut self.hotcount[counter(key)];
        if *c < units {
            *c = start + 1;
            return true;
        }
        *c -= units;
        false
    }

    #[inline(always)]
    pub fn is_recording(&self) -> bool {
        self.rec.is_some()
    }

    pub fn trace(&self, no: u16) -> Option<&Trace> {
        self.traces.get((no as usize).wrapping_sub(1))
    }

    /// The original loop instruction behind a `J*` instruction (whose D is its trace).
    /// A `J*` instruction exists only while its trace does (flushing unpatches it).
    #[inline]
    pub fn loop_ins(&self, j: Ins) -> Ins {
        self.trace(j.d()).map_or(j, |t| t.startins)
    }

    /// The root trace that starts at return instruction `pc` of `p`, if any
    /// (down-recursion).
    pub fn downrec_trace(&self, p: *mut ProtoObj, pc: usize) -> Option<u16> {
        self.downrec.iter().find(|d| d.0 == p && d.1 == pc).map(|d| d.2)
    }

    pub fn num_traces(&self) -> usize {
        self.traces.len()
    }

    /// Objects compiled traces depend on, which the collector keeps alive: the
    /// prototypes they patch and inline (guards compare prototype addresses, so a
    /// freed and reused address would pass them) and every GC constant (strings,
    /// native functions guarded by identity).
    pub fn gc_refs(&self) -> Vec<TValue> {
        let mut out = Vec::new();
        for t in &self.traces {
            out.extend(t.protos.iter().map(|&p| TValue::gc(TAG_PROTO, p)));
            out.extend(t.ir.kins.iter().map(|k| TValue(k.k)).filter(|v| v.is_gc()));
        }
        for r in self.rec.as_deref().into_iter().chain(&self.suspended) {
            out.extend(r.protos().map(|p| TValue::gc(TAG_PROTO, p)));
            out.extend(r.ir.kins.iter().map(|k| TValue(k.k)).filter(|v| v.is_gc()));
        }
        out
    }

    /// LuaJIT's PRNG step (a 64-bit xorshift), seeded by `-Oseed`.
    fn prng(&mut self) -> u32 {
        let mut x = self.prng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x ^= x >> 30;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 27;
        self.prng = x;
        (x >> 32) as u32
    }

    /// Penalises the start of an aborted trace (`left`: it aborted for not looping
    /// back); true when it is to be blacklisted.
    fn penalize(&mut self, key: usize, left: bool) -> bool {
        let rnd = self.prng() & PENALTY_RNDBITS_MASK;
        let hot = &mut self.hotcount[counter(key)];
        if let Some(e) = self.penalty.iter_mut().find(|e| e.0 == key) {
            let val = (e.1 << 1) + rnd;
            if val > PENALTY_MAX {
                return true;
            }
            e.1 = val;
            e.2 = left;
            *hot = val as u16;
            return false;
        }
        let slot = self.penalty_slot;
        self.penalty_slot = (slot + 1) & (PENALTY_SLOTS - 1);
        self.penalty[slot] = (key, PENALTY_MIN, left);
        *hot = PENALTY_MIN as u16;
        false
    }

    /// Whether the loop at hot key `key` repeatedly failed to become a trace because
    /// it did not loop back (LuaJIT's `innerloopleft`): a short inner loop, worth
    /// unrolling into the trace around it.
    pub(crate) fn inner_loop_left(&self, key: usize) -> bool {
        self.penalty.iter().find(|e| e.0 == key).is_some_and(|e| e.2 && e.1 >= 2 * PENALTY_MIN)
    }
}

/// `file:line` of `pc` in `p`, as LuaJIT's `-jv` prints locations.
fn location(p: &ProtoObj, pc: usize) -> String {
    format!("{}:{}", crate::vm::error::short_src(&p.chunkname), p.line_at(pc))
}

fn loop_variants(op: Op) -> Option<(Op, Op)> {
    match op {
        Op::FORL => Some((Op::JFORL, Op::IFORL)),
        Op::LOOP => Some((Op::JLOOP, Op::ILOOP)),
        Op::ITERL => Some((Op::JITERL, Op::IITERL)),
        Op::FUNCF => Some((Op::JFUNCF, Op::IFUNCF)),
        _ => None,
    }
}

impl State {
    /// The loop instruction at `loop_pc` of the frame at `base` became hot; the loop
    /// body starts at `start_pc`. Starts recording unless something forbids it.
    pub(crate) fn trace_hot(&mut self, base: usize, loop_pc: usize, start_pc: usize) {
        if self.jit.is_recording() || self.lib.hook.mask != 0 || self.lib.hook.count > 0 {
            return;
        }
        let p = JitParams::from_settings(&self.lib.jit, self.jit.params.seed);
        self.jit.set_params(p);
        // SAFETY: the frame at `base` is a live Lua frame of the running thread.
        let proto = unsafe { (*(&(*self.cur).stack)[base - 2].ptr::<crate::vm::func::Func>()).proto };
        let rec = Recorder::new(self.cur, proto, base, start_pc, loop_pc, &self.jit.params);
        self.jit.rec = Some(Box::new(rec));
    }

    /// Records the instruction at `pc` of the frame at `base`, before it executes.
    pub(crate) fn trace_record(&mut self, base: usize, pc: usize) {
        let Some(mut rec) = self.jit.rec.take() else { return };
        match rec.record(self, base, pc) {
            RecStatus::Continue => self.jit.rec = Some(rec),
            RecStatus::Stop => {
                if let Err(e) = self.trace_finish(&rec) {
                    self.trace_abort(&rec, &e, pc);
                }
            }
            RecStatus::Abort(e) => {
                self.trace_abort(&rec, &e, pc);
                // A new root trace starts at this instruction, which it records now.
                if rec.restart {
                    self.trace_hot(base, pc, pc);
                    self.trace_record(base, pc);
                }
            }
        }
    }

    /// `-jv`'s start location of a recording: `(parent/exit) file:line`.
    fn start_location(rec: &Recorder) -> String {
        // SAFETY: the recorded prototypes are live.
        let (p, sp) = unsafe { (&*rec.proto, &*rec.start_proto) };
        match (rec.side, rec.stitch_parent) {
            (Some(s), _) => format!("({}/{}) {}", s.parent, s.exit, location(sp, rec.start_pc)),
            // A stitched trace is located at the call it continues after.
            (None, Some(parent)) => format!("({parent}/stitch) {}", location(p, rec.start_pc - 1)),
            (None, None) => location(p, rec.loop_pc),
        }
    }

    /// The numeric `for` loop a root trace closes, with the values the interpreter has
    /// in its slots now (the `FORL` has been recorded, not yet run).
    fn closing_for_loop(&self, rec: &Recorder) -> Option<opt::narrow::ForLoop> {
        // SAFETY: the recorded prototype is live (the interpreter is running it).
        let ins = unsafe { (&(*rec.proto).code)[rec.loop_pc] };
        if rec.side.is_some() || rec.ends_in_interp || !matches!(ins.op(), Op::FORL | Op::JFORL | Op::IFORL) {
            return None;
        }
        let slot = ins.a() as i32;
        // SAFETY: the recording thread is running, and the loop's slots are in its frame.
        let stack = unsafe { &(*rec.thread).stack };
        let num = |i: i32| stack.get(rec.base + i as usize).filter(|v| v.is_number()).map(|v| v.as_number());
        Some(opt::narrow::ForLoop { slot, idx: num(slot)?, stop: num(slot + 1)?, step: num(slot + 2)? })
    }

    /// Compiles a completed recording and patches its loop instruction (a root trace)
    /// or attaches it to its parent's exit (a side trace).
    fn trace_finish(&mut self, rec: &Recorder) -> Result<(), String> {
        if self.jit.traces.len() >= self.jit.params.maxtrace as usize
            || self.jit.traces.len() >= u16::MAX as usize
        {
            self.trace_flush();
            return Err("trace limit reached: flushed".into());
        }
        let no = self.jit.traces.len() as u16 + 1;
        if self.jit.backend.is_none() {
            let backend = crate::backend::Backend::new()?;
            if let Some(pm) = &mut self.jit.perf {
                let code = backend.trampoline_code();
                pm.add(code.entry() as u64, code.bytes().len(), "twin_trace_entry");
            }
            self.jit.backend = Some(backend);
        }
        // The trace a LINK continues in: the root of a side trace's tree, or the
        // compiled loop a stitched (or side) trace got to.
        let link_target = rec.link_to.or(rec.side.map(|s| s.root));
        let root_entry = match link_target {
            Some(n) => Some(self.jit.trace(n).ok_or("NYI: side trace of a flushed tree")?.code.entry()),
            None => None,
        };
        let (mut ir, mut snaps) = (rec.ir.clone(), rec.snaps.clone());
        let forl = self.closing_for_loop(rec);
        let sunk = opt::optimize(&mut ir, &mut snaps, &self.jit.params, forl);
        let unsink: Box<[snap::Unsink]> = snaps.iter().map(|s| snap::Unsink::plan(&ir, &sunk, s)).collect();
        let cells = vec![0u64; snaps.len()].into_boxed_slice();
        let ret_exit = Self::return_exit(rec, &ir, &snaps);
        // Cranelift's optimiser for root traces only (see `backend`'s essay).
        let opt = (self.jit.params.cse || self.jit.params.loop_) && rec.side.is_none();
        // What a side trace's entry knows from its parent's exit (`backend::inherit`).
        let parent = rec.side.and_then(|s| Some((self.jit.trace(s.parent)?, s.exit)));
        let parent_exit = parent.and_then(|(p, e)| Some((p, e, p.snaps.get(e as usize)?)));
        let inherited = parent_exit.map_or(Vec::new(), |(p, _, snap)| {
            crate::backend::Inherited::entries(&p.ir, &p.sunk, &snap.entries)
        });
        let parent_guard =
            parent_exit.and_then(|(p, e, snap)| crate::backend::ParentGuard::of(&p.ir, e, &snap.entries));
        let Some(be) = self.jit.backend.as_mut() else { return Err("no backend".into()) };
        let tc = crate::backend::TraceCode {
            no,
            ir: &ir,
            snaps: &snaps,
            cells: cells.as_ptr(),
            root: root_entry,
            sunk: &sunk,
            unsink: &unsink,
            ret_exit: ret_exit.map(|e| e.0),
            inherited: &inherited,
            parent_guard,
        };
        let code = be.compile(tc, opt)?;
        // SAFETY: the recorded prototype is live (the interpreter is running it).
        let p = unsafe { &mut *rec.proto };
        let startins = p.code[rec.loop_pc];
        // An exit stores its snapshot's entries, the base word, then the plan's values.
        let exitbuf_len = snaps
            .iter()
            .zip(unsink.iter())
            .map(|(s, u)| snap::Unsink::vals_at(s.entries.len()) + u.vals.len())
            .max()
            .unwrap_or(0);
        let max_slot = rec.max_slot.max(0) as usize;
        self.jit.max_need = (self.jit.max_need.0.max(max_slot), self.jit.max_need.1.max(exitbuf_len));
        let stitch = stitch::StitchExit::of(rec, &ir);
        let tree = rec.side.map_or(no, |s| s.root);
        if link_target.is_some_and(|n| n != tree)
            && let Some(root) = self.jit.traces.get_mut((tree as usize).wrapping_sub(1))
        {
            root.links_out = true;
        }
        let link = match rec.side {
            Some(s) => {
                // Attach: the parent's exit now continues in this trace, and the tree's
                // entry provides the stack and exit buffer this trace needs.
                let entry = code.entry() as u64;
                let Some(parent) = self.jit.traces.get_mut(s.parent as usize - 1) else {
                    return Err("NYI: side trace of a flushed tree".into());
                };
                parent.cells[s.exit as usize] = entry;
                if let Some(root) = self.jit.traces.get_mut(s.root as usize - 1) {
                    root.tree_max_slot = root.tree_max_slot.max(max_slot);
                    root.tree_exitbuf_len = root.tree_exitbuf_len.max(exitbuf_len);
                    root.nsides += 1;
                }
                self.jit.stats.side_traces += 1;
                if stitch.is_some() {
                    LinkType::Stitch
                } else {
                    let root = LinkType::Root(link_target.unwrap_or(s.root));
                    rec.link.unwrap_or(if rec.ends_in_interp { LinkType::Interp } else { root })
                }
            }
            // A trace started at a return is entered where traces exit at that return.
            None if matches!(startins.op(), Op::RET0 | Op::RET1 | Op::RET) => {
                self.jit.downrec.push((rec.proto, rec.loop_pc, no));
                rec.link.unwrap_or(LinkType::Return)
            }
            None if rec.stitch_parent.is_some() => self.stitch_finish(rec, no, stitch.is_some(), link_target),
            None => {
                let Some((jop, _)) = loop_variants(startins.op()) else {
                    return Err("NYI: loop instruction".into());
                };
                p.code[rec.loop_pc] = startins.with_op(jop).with_d(no);
                if stitch.is_some() {
                    LinkType::Stitch
                } else {
                    rec.link.unwrap_or(if rec.ends_in_interp { LinkType::Interp } else { LinkType::Loop })
                }
            }
        };
        let t = Trace {
            no,
            proto: rec.proto,
            start_pc: rec.start_pc,
            loop_pc: rec.loop_pc,
            startins,
            ir,
            snaps,
            link,
            code,
            exitbuf_len,
            max_slot,
            protos: rec.protos().collect(),
            side: rec.side,
            side_tries: vec![0; cells.len()],
            cells,
            sunk,
            unsink,
            tree_max_slot: max_slot,
            tree_exitbuf_len: exitbuf_len,
            nsides: 0,
            links_out: rec.side.is_none() && link_target.is_some_and(|n| n != no),
            stitch,
            stitched_from: rec.stitch_parent,
            ret_exit,
        };
        self.jit.stats.traces += 1;
        let start = Self::start_location(rec);
        if let Some(pm) = &mut self.jit.perf {
            pm.add(t.code.entry() as u64, t.code.bytes().len(), &format!("TRACE_{no} {start}"));
        }
        if self.jit.dump {
            let mut s = format!("---- TRACE {no} start {start}\n");
            for &(bp, pc) in &rec.bytecodes {
                // SAFETY: recorded prototypes are live (the trace keeps them).
                let bp = unsafe { &*bp };
                s.push_str(&format!("{pc:04} {:?}  ; {}\n", bp.code[pc], location(bp, pc)));
            }
            s.push_str(&format!("---- TRACE {no} IR\n"));
            let mut ir = String::new();
            t.ir.dump(&mut ir);
            // Sunk instructions as LuaJIT marks them.
            for (l, sunk) in ir.lines().zip(t.sunk.iter().chain(std::iter::repeat(&false))) {
                s.push_str(if *sunk { l.trim_end() } else { l });
                s.push_str(if *sunk { "  {sink}\n" } else { "\n" });
            }
            s.push_str(&format!("---- TRACE {no} snapshots\n"));
            for (i, sn) in t.snaps.iter().enumerate() {
                let ents: Vec<String> =
                    sn.entries.iter().map(|&(slot, r)| format!("{slot}:{}", t.ir.fmt_ref(r))).collect();
                s.push_str(&format!(
                    "....        SNAP   #{i:<3} base {} pc {} [ {} ]\n",
                    sn.base,
                    sn.pc,
                    ents.join(" ")
                ));
            }
            let mcode = t.code.bytes();
            s.push_str(&format!("---- TRACE {no} mcode {}\n", mcode.len()));
            s.push_str(&crate::backend::disasm::listing(mcode, t.code.entry() as u64));
            // LuaJIT's `stop -> 2` for a link, `stop -> loop` and the like otherwise.
            let link = t.describe_link();
            s.push_str(&format!("---- TRACE {no} stop -> {}\n\n", link.strip_prefix("-> ").unwrap_or(&link)));
            let _ = std::io::stderr().write_all(s.as_bytes());
        }
        if self.jit.verbose {
            eprintln!("[TRACE {no:>3} {start} {}]", t.describe_link());
        }
        self.jit.traces.push(t);
        self.bind_return_exits();
        Ok(())
    }

    /// The exit at a return a finished recording ends with, which a down-recursive
    /// trace that starts at that return may continue (see `bind_return_exits`): the
    /// end of a trace that leaves the return to the interpreter, on the frame at the
    /// trace's base (the one a link runs on), but for a trace that starts at that
    /// very return (a side trace of the down-recursive trace's failed entry: the two
    /// would loop without progress, as `Recorder::downrec_target` says).
    fn return_exit(
        rec: &Recorder,
        ir: &ir::IrBuf,
        snaps: &[Snapshot],
    ) -> Option<(u32, *mut ProtoObj, usize)> {
        if rec.link != Some(LinkType::Return) || rec.stitch_parent.is_some() {
            return None;
        }
        let sno = ir.ins.iter().rev().find(|x| x.op == ir::IrOp::EXIT)?.snap;
        let s = snaps.get(sno as usize)?;
        let p = s.frames.last().map_or(rec.proto, |f| f.proto);
        // SAFETY: the recorded prototypes are live.
        let op = unsafe { (&(*p).code).get(s.pc)?.op() };
        let again = p == rec.start_proto && s.pc == rec.start_pc;
        (s.base == 0 && matches!(op, Op::RET0 | Op::RET1 | Op::RET) && !again).then_some((sno, p, s.pc))
    }

    /// Points the exits at a return (`Trace::ret_exit`) not yet continued at the
    /// down-recursive trace that starts at that return, once there is one: the exit
    /// then links there, as a trace recorded after it does (`Recorder::link_at_return`),
    /// instead of leaving for `trace_enter` to enter it. Its entry guards the frame
    /// returned to; where they fail, it exits at its start. The tree whose exit links
    /// out needs the stack and exit buffer of any tree at its entries from now on.
    fn bind_return_exits(&mut self) {
        for i in 0..self.jit.traces.len() {
            let t = &self.jit.traces[i];
            let Some((sno, p, pc)) = t.ret_exit else { continue };
            if t.cells.get(sno as usize) != Some(&0) {
                continue;
            }
            let Some(entry) =
                self.jit.downrec_trace(p, pc).and_then(|n| self.jit.trace(n)).map(|d| d.code.entry())
            else {
                continue;
            };
            let tree = t.side.map_or(t.no, |s| s.root);
            self.jit.traces[i].cells[sno as usize] = entry as u64;
            if let Some(root) = self.jit.traces.get_mut((tree as usize).wrapping_sub(1)) {
                root.links_out = true;
            }
        }
    }

    fn trace_abort(&mut self, rec: &Recorder, reason: &str, pc: usize) {
        self.jit.stats.aborts += 1;
        // SAFETY: the recorded prototype is live.
        let p = unsafe { &mut *rec.proto };
        if self.jit.verbose {
            let start = Self::start_location(rec);
            // The abort location is where recording stopped, in the innermost frame.
            // SAFETY: frames on trace run live prototypes.
            let cur = unsafe { &*rec.cur_proto() };
            let here = match cur.code.get(pc) {
                Some(&ins) => location(cur, record::abort_pc(&self.jit, ins, pc, reason)),
                None => start.clone(),
            };
            if !start.ends_with(&here) {
                eprintln!("[TRACE --- {start} -- {reason} at {here}]");
            } else {
                eprintln!("[TRACE --- {start} -- {reason}]");
            }
        }
        if let Some(parent) = rec.stitch_parent {
            self.stitch_blacklist(parent);
            return;
        }
        if let Some(t) = rec.flush {
            self.trace_unpatch(t);
        }
        if let Some(s) = rec.side {
            // A side trace's penalty: its exit is tried `tryside` times at most.
            if let Some(parent) = self.jit.traces.get_mut(s.parent as usize - 1) {
                let tries = &mut parent.side_tries[s.exit as usize];
                *tries = tries.saturating_add(1);
            }
            return;
        }
        let left = matches!(reason, record::LOOP_LEFT | record::INNER_LOOP);
        if self.jit.penalize(p.hotkey(rec.loop_pc), left) {
            let ins = p.code[rec.loop_pc];
            if let Some((_, iop)) = loop_variants(ins.op()) {
                p.code[rec.loop_pc] = ins.with_op(iop);
                self.jit.stats.blacklisted += 1;
            } else if !self.jit.downrec_black.contains(&(rec.proto, rec.loop_pc)) {
                self.jit.downrec_black.push((rec.proto, rec.loop_pc));
                self.jit.stats.blacklisted += 1;
            }
        }
    }

    /// Takes root trace `no` out of use (LuaJIT's per-trace flush, for a function trace
    /// that only returns where recursion wants a recursive trace): its instruction is
    /// restored, with a small random hot count so that it is retried soon. The trace
    /// itself stays (live activations may run it; numbers stay stable).
    fn trace_unpatch(&mut self, no: u16) {
        let Some(t) = self.jit.trace(no) else { return };
        let (p, pc, startins) = (t.proto, t.loop_pc, t.startins);
        if t.side.is_some() {
            return;
        }
        // SAFETY: the collector keeps prototypes with traces alive (`protos`).
        let code = unsafe { &mut (*p).code };
        if code[pc].op() == loop_variants(startins.op()).map_or(startins.op(), |v| v.0) && code[pc].d() == no
        {
            code[pc] = startins;
            let rnd = (self.jit.prng() & 15) as u16;
            // SAFETY: as above.
            let key = unsafe { (*p).hotkey(pc) };
            self.jit.hotcount[counter(key)] = rnd;
        }
    }

    /// `jit.flush()`: unpatches and forgets every trace (blacklisting stays).
    pub fn trace_flush(&mut self) {
        if !self.jit.activations.is_empty() {
            return;
        }
        // Only root loop traces patched an instruction (a side trace's `startins` is its
        // root's patched one; a stitched trace patches nothing).
        for t in self.jit.traces.drain(..).filter(|t| t.side.is_none() && t.stitched_from.is_none()) {
            // SAFETY: the collector keeps prototypes with traces alive (`protos`).
            unsafe { (&mut (*t.proto).code)[t.loop_pc] = t.startins };
        }
        self.jit.rec = None;
        self.jit.suspended.clear();
        self.jit.stitches = stitch::Pending::default();
        self.jit.downrec.clear();
        self.jit.stats.flushes += 1;
        if self.jit.verbose {
            eprintln!("[TRACE flush]");
        }
    }

    /// The loop instruction (`J*`) of trace `no` at the frame at `base` of the running
    /// thread, whose base, pc (the loop body) and top are saved: runs the trace, then
    /// restores the exit's state into the stack and sets base, pc and top to where
    /// the interpreter resumes.
    ///
    /// An exit at a return into a frame of the same function continues in the
    /// down-recursive trace that starts there (a loop, not Rust recursion), never into
    /// the tree just left: its exit there failed a guard at its start.
    ///
    /// After a bailed C call (`bail`) it finishes the call instead, as the interpreter
    /// would: what comes next is the return from the call's native frame.
    pub(crate) fn trace_enter(&mut self, mut no: u16, mut base: usize) -> LResult<Next> {
        loop {
            let left = match self.trace_run(no, base)? {
                Ran::Exited(left) => left,
                Ran::Done(next) => return Ok(next),
            };
            match self.downrec_at_exit() {
                Some(next) if next != left => no = next,
                _ => return Ok(Next::Run),
            }
            base = self.th().base;
        }
    }

    /// Where an exit left the interpreter at a return into a frame of the same
    /// function: the down-recursive trace that starts at that return, if there is one;
    /// else the return is hot counted, and a hot one starts recording such a trace.
    fn downrec_at_exit(&mut self) -> Option<u16> {
        use crate::vm::frame::{FRAME_LUA, link_delta, link_kind};
        let th = self.th();
        let (base, pc) = (th.base, th.pc);
        let proto_of = |v: TValue| {
            // SAFETY: a Lua frame's function slot holds its live Lua closure.
            v.is_func().then(|| unsafe { (*v.ptr::<crate::vm::func::Func>()).proto }).filter(|p| !p.is_null())
        };
        let p = proto_of(*th.stack.get(base.checked_sub(2)?)?)?;
        // SAFETY: the frame runs `p`, live; its pc is in range.
        let (ins, closures) = unsafe { (*(&(*p).code).get(pc)?, !(*p).protos.is_empty()) };
        // Down-recursion stays away from functions that make closures (see
        // `Recorder::record_ret_below`).
        if closures {
            return None;
        }
        let link = *th.stack.get(base - 1)?;
        if !matches!(ins.op(), Op::RET0 | Op::RET1 | Op::RET)
            || !link.is_frame()
            || link_kind(link) != FRAME_LUA
        {
            return None;
        }
        let caller = base.checked_sub(link_delta(link) + 2).and_then(|i| th.stack.get(i));
        if caller.and_then(|&f| proto_of(f)) != Some(p) {
            return None;
        }
        if let Some(no) = self.jit.downrec_trace(p, pc) {
            return Some(no);
        }
        if self.jit.downrec_black.contains(&(p, pc)) {
            return None;
        }
        // SAFETY: as above.
        let key = unsafe { (*p).hotkey(pc) };
        if !self.jit.is_recording() && self.jit.hot(key) {
            self.trace_hot(base, pc, pc);
        }
        None
    }

    /// `trace_enter` of one trace.
    fn trace_run(&mut self, no: u16, base: usize) -> LResult<Ran> {
        let Some(t) = self.jit.trace(no) else { return Ok(Ran::Done(Next::Run)) };
        let (entry, mut need, mut slots) = (t.code.entry(), t.tree_exitbuf_len, t.tree_max_slot);
        if t.links_out {
            (slots, need) = self.jit.max_need;
        }
        // Inlined frames need stack above the start frame; without it, the interpreter
        // runs the loop (it raises the overflow itself if it comes to that).
        // SAFETY: the running thread is live.
        let len = unsafe { (*self.cur).stack.len() };
        let want = base + slots + STACK_SLACK;
        let top = self.th().top;
        if want > len && (want > MAX_STACK || self.grow_stack(want - top).is_err()) {
            return Ok(Ran::Done(Next::Run));
        }
        let mut exitbuf = self.jit.spare_bufs.pop().unwrap_or_default();
        exitbuf.clear();
        // The header, then an exit's values (see `bail` and `snap::Unsink::vals_at`).
        exitbuf.resize(bail::HDR + need, 0);
        self.jit.activations.push(Activation { trace: no, exitbuf });
        let Some(act) = self.jit.activations.last_mut() else { return Ok(Ran::Done(Next::Run)) };
        // SAFETY: the buffer has `HDR` header words before the entries.
        let buf = unsafe { act.exitbuf.as_mut_ptr().add(bail::HDR) };
        // The base may move up while the tree's frames still fit: `len` covers
        // `base + slots + STACK_SLACK` (made so above), so the limit is at least `base`.
        // A nested activation sets its own limit (perhaps on another thread's stack),
        // so the outer one's is put back after.
        // SAFETY: the running thread is live.
        let (stack, len) = unsafe { ((*self.cur).stack.as_mut_ptr() as usize, (*self.cur).stack.len()) };
        let outer_limit =
            std::mem::replace(&mut self.jit.stack_limit, stack + (len - slots - STACK_SLACK) * 8);
        // SAFETY: `base` is a live Lua frame of the running thread; the trace was
        // compiled for this frame's prototype and reads/writes only slots below its
        // frame size, and at most `exitbuf_len` buffer entries. Nothing the trace calls
        // reallocates the stack or runs Lua code, except a C call's callback, after
        // which the trace leaves at once without touching the stack (`bail`). The
        // state is current for callbacks while the trace runs.
        let exitno = crate::ffi::callback::with_current(self, |st| unsafe {
            let bp = (*st.cur).stack.as_mut_ptr().add(base);
            let be = st.jit.backend.as_ref().map(|b| b.trampoline());
            match be {
                Some(tramp) => tramp(entry, bp, st as *mut State, buf),
                None => 0,
            }
        });
        self.jit.stack_limit = outer_limit;
        let Some(act) = self.jit.activations.pop() else { return Ok(Ran::Done(Next::Run)) };
        debug_assert_eq!(act.trace, no);
        if exitno == bail::BAILED_EXIT {
            let raw = act.exitbuf[bail::RESULT];
            self.jit.spare_bufs.push(act.exitbuf);
            let n = self.ffi_finish_bailed(raw)?;
            let th = self.th();
            return Ok(Ran::Done(Next::Return { base: th.base, src: th.top - n, n }));
        }
        self.jit.stats.exits += 1;
        // The exit names the trace of the tree it left from and its snapshot.
        let (tno, sno) = ((exitno >> 16) as u16, (exitno & 0xffff) as usize);
        let done = Ok(Ran::Done(Next::Run));
        let Some(t) = self.jit.traces.get_mut((tno as usize).wrapping_sub(1)) else { return done };
        let Some(snap) = t.snaps.get_mut(sno) else { return done };
        snap.count += 1;
        let (count, tries, loopchk) = (snap.count, t.side_tries[sno], snap.loopchk);
        let stitched = t.stitch.as_ref().is_some_and(|s| s.snap as usize == sno);
        let tree = t.side.map_or(tno, |s| s.root);
        let vals = &act.exitbuf[bail::HDR..];
        let nentries = snap.entries.len();
        // The base the exit left from, which recursion and links may have moved up
        // from the entry's (the stack was not reallocated meanwhile).
        let Some(&at) = vals.get(nentries) else { return done };
        let base = (at as usize).wrapping_sub(stack) / 8;
        // The exit wrote the snapshot's values into their slots (`backend::exits`).
        // SAFETY: the running thread is live.
        let th = unsafe { &mut *self.cur };
        let plan: *const snap::Unsink = &t.unsink[sno];
        th.base = (base as isize + snap.base as isize) as usize;
        th.pc = snap.pc;
        th.top = th.base + snap.top();
        if let Some(n) = snap.multres {
            self.multres = n as usize;
        }
        // The tables and cdata sinking left out, made now that the interpreter's state is back,
        // before the collector may run.
        // SAFETY: the plan lives with trace `tno`, which nothing frees during an exit;
        // the running thread's stack covers every slot of the trace's frames (checked
        // at entry), and `base` is the frame the exit left from.
        unsafe {
            if !(*plan).is_empty() {
                let bp = (*self.cur).stack.as_mut_ptr().add(base);
                let at = bail::HDR + snap::Unsink::vals_at(nentries);
                (*plan).materialise(self, bp, act.exitbuf.get(at..).unwrap_or(&[]));
            }
        }
        self.jit.spare_bufs.push(act.exitbuf);
        if stitched {
            self.stitch_exit(tno);
        }
        self.gc_check();
        let p = &self.jit.params;
        if !loopchk && count >= p.hotexit && (tries as u32) < p.tryside && !self.jit.is_recording() {
            self.trace_side(tree, tno, sno as u32, base);
        }
        Ok(Ran::Exited(tree))
    }

    /// Exit `exit` of trace `parent` (in the tree of root trace `root`, left at
    /// `base`) is hot: records a side trace from where the interpreter now resumes.
    fn trace_side(&mut self, root: u16, parent: u16, exit: u32, base: usize) {
        if self.lib.hook.mask != 0 || self.lib.hook.count > 0 {
            return;
        }
        let Some(r) = self.jit.trace(root) else { return };
        if r.nsides >= self.jit.params.maxside {
            return;
        }
        let Some(snap) = self.jit.trace(parent).and_then(|t| t.snaps.get(exit as usize)) else { return };
        let side = record::SideStart { parent, exit, root };
        let mut rec = Recorder::new_side(self.cur, r.proto, base, r.loop_pc, snap, side, &self.jit.params);
        // A side trace of a stitched trace that links to a loop links to that loop too.
        if let (Some(_), LinkType::Root(n)) = (r.stitched_from, r.link) {
            rec.link_to = Some(n);
        }
        self.jit.rec = Some(Box::new(rec));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::api::Lua;

    fn lua_with(opts: &[&str]) -> Lua {
        let mut lua = Lua::new();
        let st = lua.state();
        for o in opts {
            assert!(st.lib.jit.apply(o), "{o}");
        }
        let p = JitParams::from_settings(&st.lib.jit, 7);
        st.jit.set_params(p);
        lua
    }

    fn global(lua: &mut Lua, name: &str) -> TValue {
        let st = lua.state();
        let k = st.str_value(name.as_bytes());
        // SAFETY: the globals table is live.
        unsafe { (*st.globals).get(k) }
    }

    #[test]
    fn a_hot_loop_becomes_a_trace_and_leaves_it() {
        let mut lua = lua_with(&["hotloop=1"]);
        let r = lua.exec(b"local s = 0 for i = 1, 100 do s = s + i end return s", "=t").expect("runs");
        assert_eq!(r[0].as_number(), 5050.0);
        let s = lua.state().jit.stats;
        assert_eq!(s.traces, 1);
        assert!(s.exits >= 1 && s.aborts == 0, "{s:?}");
    }

    #[test]
    fn the_budget_runs_out_inside_traces_where_the_interpreter_stops() {
        let mut seen = Vec::new();
        for on in [false, true] {
            let mut lua = lua_with(&["hotloop=1"]);
            lua.state().lib.jit.enabled = on;
            lua.set_budget(Some(5000));
            let src = b"n = 0 local function f(x) return x + 1 end while true do n = f(n) end";
            let e = lua.exec(src, "=t").expect_err("the budget runs out");
            seen.push((e.message, global(&mut lua, "n").as_number()));
            assert_eq!(lua.state().jit.stats.traces, on as u64);
        }
        assert_eq!(seen[0], seen[1]);
    }

    #[test]
    fn collections_happen_at_exits_and_values_survive_them() {
        let mut out = Vec::new();
        for on in [false, true] {
            let mut lua = lua_with(&["hotloop=1", "hotexit=1"]);
            lua.state().lib.jit.enabled = on;
            lua.set_gc_stress(true);
            let src = b"local t = {} for i = 1, 300 do t[i] = 'v' .. i; t[i + 1000] = {i} end \
                        local s = 0 for i = 1, 300 do s = s + #t[i] + t[i + 1000][1] end return s";
            out.push(lua.exec(src, "=t").expect("runs")[0].as_number());
        }
        assert_eq!(out[0], out[1]);
    }

    #[test]
    fn values_a_multres_exit_leaves_above_the_frame_survive_a_collection() {
        // Exits at the `CALLM` of `select(i, ...)` (its index guarded constant), with
        // the values `VARG` left reaching above the frame, and a collection at every
        // exit: found by the fuzzer as a `nil` in the middle of a vararg list.
        for on in [false, true] {
            let mut lua = lua_with(&["hotloop=1", "hotexit=1"]);
            lua.state().lib.jit.enabled = on;
            lua.set_gc_stress(true);
            let src = b"local function out(...) local p, i = {}, 1 \
                          while i <= select('#', ...) do p[i] = tostring((select(i, ...))) i = i + 1 end \
                          return table.concat(p, ' ') end \
                        local bad = 0 \
                        for k = 1, 40 do \
                          local s = out(k, 'x', k * 2, 'z', 5, 6, 7, 8, 9, 10) \
                          if s ~= k .. ' x ' .. k * 2 .. ' z 5 6 7 8 9 10' then bad = bad + 1 end \
                        end \
                        return bad";
            let r = lua.exec(src, "=t").expect("runs");
            assert_eq!(r[0].as_number(), 0.0, "jit on: {on}");
            assert_eq!(lua.state().jit.stats.traces > 0, on);
        }
    }

    #[test]
    fn aborting_loops_are_penalised_then_blacklisted() {
        let mut lua = lua_with(&["hotloop=1"]);
        lua.exec(b"local t = {} for i = 1, 100000 do t[1] = function() return i end end", "=t")
            .expect("runs");
        let s = lua.state().jit.stats;
        assert_eq!((s.traces, s.blacklisted), (0, 1), "{s:?}");
        assert!(s.aborts > 1 && s.aborts < 20, "{s:?}");
    }

    #[test]
    fn flushing_unpatches_and_traces_form_again() {
        let mut lua = lua_with(&["hotloop=1"]);
        let src = b"function run() local s = 0 for i = 1, 50 do s = s + i end return s end return run()";
        assert_eq!(lua.exec(src, "=t").expect("runs")[0].as_number(), 1275.0);
        lua.state().trace_flush();
        assert_eq!(lua.state().jit.num_traces(), 0);
        assert_eq!(lua.exec(b"return run()", "=t").expect("runs")[0].as_number(), 1275.0);
        assert_eq!(lua.state().jit.num_traces(), 1);
        assert_eq!(lua.state().jit.stats.traces, 2);
    }

    #[test]
    fn counters_fire_below_zero_and_restart_one_above_as_luajits() {
        // hotloop 56: a counter starts at 111 and a loop iteration spends 2, so the 56th
        // fires (at 1); it restarts at 112, so the next fires 57 iterations later (at 0).
        let mut j = JitState::default();
        assert_eq!(j.params.hotloop, 56);
        let key = (3usize << 32) | 17;
        let mut fired = Vec::new();
        for tick in 1..=200 {
            if j.hot(key) {
                fired.push(tick);
            }
        }
        assert_eq!(fired, [56, 113, 170]);
        // A call spends 1: 112 calls, then 113.
        let key = (4usize << 32) | 1;
        let calls: Vec<u32> = (1..=240).filter(|_| j.hot_call(key)).collect();
        assert_eq!(calls, [112, 225]);
    }

    #[test]
    fn penalties_replay_with_the_same_seed() {
        let run = || {
            let mut lua = lua_with(&["hotloop=1"]);
            lua.exec(b"for j = 1, 30 do for i = 1, 40 do local x = string.format('%d', i) end end", "=t")
                .expect("runs");
            lua.state().jit.stats
        };
        assert_eq!(run(), run());
    }
}
