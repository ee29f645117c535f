//! The IR optimiser: passes over a recorded trace, each one switchable by its `-O` flag
//! so that a divergence can be bisected to a pass.
//!
//! ```text
//!   recorder --> narrow --> fold --> fwd --> cse --> loop (peel) --> dce --> sink --> nodes
//!   (IR + snapshots)                                   |                     (marks only)
//!                                                      +--> pre-roll | HEAD | loop | PHIs | LOOP
//! ```
//!
//! `nodes` (`fwd::mark_nodes`, with `-Ofwd`) runs on the trace the backend gets: it
//! marks which hash-node checks of `HLOAD`/`HSTORE` an earlier access already made.
//!
//! The local passes run before peeling, so the loop is a copy of an already optimised
//! iteration; peeling itself hoists what is invariant. No pass runs on the pre-roll
//! after peeling: merging two pre-roll refs there could give a ref with a `PHI` a
//! second, pre-roll meaning inside the loop (see below).
//!
//! Every pass reads the buffer and writes a new one ([`Rebuild`]): instructions are
//! re-emitted in order with their operands renamed, or replaced by an earlier ref (a
//! constant, an equal instruction). The result stays in SSA order, so the backend's
//! single forward pass still works, and snapshots are renamed with the instructions.
//!
//! Invariants the passes keep, because exits depend on them:
//!
//! * A snapshot entry always names a live ref: DCE treats every snapshot entry as a use,
//!   so an exit restores exactly the values the recorder saw, even ones nothing on
//!   trace reads any more.
//! * A guard is never removed unless an earlier guard (or the constants) already
//!   decides it: the trace leaves at the same point with the same state.
//! * After peeling, a ref before `HEAD` that has a `PHI` means, when used after `HEAD`,
//!   the value of the current iteration, not the pre-roll's. So no pass matches an
//!   instruction after `HEAD` with one before it (that is loop peeling's job alone, and
//!   it only hoists what depends on invariant refs): CSE and forwarding work within one
//!   region.
//!
//! Which instructions a pass may touch follows from [`class`]: an opcode it does not
//! know (one added after this was written) is `Other`, which no pass moves, merges or
//! removes.

pub mod cse;
pub mod dce;
pub mod fold;
pub mod fwd;
pub mod loop_;
pub mod narrow;
pub mod sink;

use super::JitParams;
use super::ir::*;
use super::snap::Snapshot;

/// What a pass may do with an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// No effect, no guard: equal instructions are equal values; removable when unused.
    Pure,
    /// A guard whose outcome depends only on its operands (and immutable data): an
    /// equal earlier guard decides it; hoistable when its operands are invariant.
    Check,
    /// Reads VM memory that stores may change (and may exit).
    Load,
    /// Writes VM memory (and may exit).
    Store,
    /// Everything else: allocations, loop bookkeeping, trace ends, unknown opcodes.
    Other,
}

pub fn class(op: IrOp) -> Class {
    use IrOp::*;
    match op {
        ADD | SUB | MUL | DIV | NEG | ABS | SQRT | FLOOR | CEIL | MOD | POW | TONUM => Class::Pure,
        CDPTR | IADD | ISUB | IMUL | INEG | ISDIV | I64ARITH | CONV | CDNUM => Class::Pure,
        BFEXT | BFINS => Class::Pure,
        LT | GE | LE | GT | EQ | NE | EQV | NEV | EQPROTO | TYPE | SLOAD => Class::Check,
        ADDOV | SUBOV | MULOV => Class::Check,
        CDTYPE | ICMP => Class::Check,
        TGET | TGETR | GGET | UGET | LEN | ALOAD | HLOAD | NOMT | MTLOAD | FENV => Class::Load,
        TSET | GSET | USET | ASTORE | HSTORE | SETMT => Class::Store,
        _ => Class::Other,
    }
}

/// Runs the passes `p` enables, in order, over a recorded trace. `forl`: the numeric
/// `for` loop a root trace closes, with its live values (narrowing keys on them).
/// Returns which instructions allocation sinking marked (indexed by instruction; all
/// false without `-Osink`, which, as in LuaJIT, also needs fold, cse, dce and fwd).
pub fn optimize(
    ir: &mut IrBuf,
    snaps: &mut Vec<Snapshot>,
    p: &JitParams,
    forl: Option<narrow::ForLoop>,
) -> Vec<bool> {
    if p.narrow {
        narrow::run(ir, snaps, forl);
    }
    if p.fold {
        fold::run(ir, snaps);
    }
    if p.fwd {
        // Equal keys must be one ref for forwarding to see that they are equal:
        // `c[r + 1] = c[r + 1] - 1` computes `r + 1` twice.
        if p.cse {
            cse::run(ir, snaps);
        }
        fwd::run(ir, snaps);
    }
    if p.cse {
        cse::run(ir, snaps);
    }
    if p.loop_ {
        loop_::run(ir, snaps, p.fwd);
    }
    if p.dce {
        dce::run(ir, snaps);
    }
    let sunk = if p.sink && p.fold && p.cse && p.dce && p.fwd {
        sink::run(ir, snaps)
    } else {
        vec![false; ir.ins.len()]
    };
    if p.fwd {
        fwd::mark_nodes(ir, &sunk);
    }
    sunk
}

/// The index of the `HEAD` instruction of a peeled trace.
pub fn head(ir: &IrBuf) -> Option<usize> {
    ir.ins.iter().position(|x| x.op == IrOp::HEAD)
}

/// A new IR buffer built from an old one, instruction by instruction.
pub struct Rebuild {
    pub out: IrBuf,
    /// `map[i]`: what old instruction `i` became (a new ref, or its replacement).
    map: Vec<IrRef>,
    /// `pos[i]`: the new buffer's length when old instruction `i` was visited (where a
    /// snapshot taken before it now points).
    pos: Vec<u32>,
}

impl Rebuild {
    pub fn new(ir: &IrBuf) -> Rebuild {
        Rebuild {
            out: IrBuf { kins: ir.kins.clone(), ins: Vec::with_capacity(ir.ins.len()) },
            map: Vec::with_capacity(ir.ins.len()),
            pos: Vec::with_capacity(ir.ins.len()),
        }
    }

    /// An old ref's new name.
    pub fn rename(&self, r: IrRef) -> IrRef {
        if r == REF_NONE || IrBuf::is_const(r) { r } else { self.map[(r - REF_BIAS) as usize] }
    }

    /// The old instruction with its operands renamed.
    pub fn renamed(&mut self, x: &IrIns) -> IrIns {
        self.pos.push(self.out.ins.len() as u32);
        IrIns { a: self.rename(x.a), b: self.rename(x.b), c: self.rename(x.c), ..*x }
    }

    /// The current old instruction becomes `x` in the new buffer.
    pub fn keep(&mut self, x: IrIns) -> IrRef {
        self.out.ins.push(x);
        let r = self.out.next_ref() - 1;
        self.map.push(r);
        r
    }

    /// The current old instruction is replaced by `r` (a ref of the new buffer, or
    /// `REF_NONE` for an instruction without a value or without uses).
    pub fn replace(&mut self, r: IrRef) {
        self.map.push(r);
    }

    /// The new buffer; snapshots are renamed to match it.
    pub fn finish(self, snaps: &mut [Snapshot]) -> IrBuf {
        let n = self.out.ins.len() as u32;
        for s in snaps {
            for e in &mut s.entries {
                e.1 = self.rename(e.1);
                debug_assert!(e.1 != REF_NONE, "a snapshot names a removed instruction");
            }
            let at = (s.ref_at.saturating_sub(REF_BIAS)) as usize;
            s.ref_at = REF_BIAS + self.pos.get(at).copied().unwrap_or(n);
        }
        self.out
    }
}

/// The refs that have a `PHI` (see the module invariants), as a mask over instructions.
pub fn phi_refs(ir: &IrBuf) -> Vec<bool> {
    let mut m = vec![false; ir.ins.len()];
    for x in ir.ins.iter().filter(|x| x.op == IrOp::PHI) {
        if !IrBuf::is_const(x.a) {
            m[(x.a - REF_BIAS) as usize] = true;
        }
    }
    m
}

/// The listing tests compare: the IR as `-jdump` prints it, then the snapshots.
#[cfg(test)]
pub fn listing(ir: &IrBuf, snaps: &[Snapshot]) -> String {
    let mut dump = String::new();
    ir.dump(&mut dump);
    // Without trailing blanks (an instruction with no operands has some).
    let mut s: String = dump.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    for (i, sn) in snaps.iter().enumerate() {
        let ents: Vec<String> =
            sn.entries.iter().map(|&(slot, r)| format!("{slot}:{}", ir.fmt_ref(r))).collect();
        s.push_str(&format!("SNAP #{i} [ {} ]\n", ents.join(" ")));
    }
    s
}

/// Small IR sequences for the passes' tests.
#[cfg(test)]
pub mod build {
    use super::*;

    pub struct B {
        pub ir: IrBuf,
        pub snaps: Vec<Snapshot>,
    }

    impl B {
        pub fn new() -> B {
            B { ir: IrBuf::default(), snaps: Vec::new() }
        }

        /// A snapshot with these entries; returns its number.
        pub fn snap(&mut self, entries: &[(i32, IrRef)]) -> u32 {
            self.snaps.push(Snapshot {
                pc: 0,
                base: 0,
                framesize: 8,
                frames: Vec::new(),
                entries: entries.to_vec(),
                ref_at: self.ir.next_ref(),
                count: 0,
                loopchk: false,
                multres: None,
            });
            self.snaps.len() as u32 - 1
        }

        pub fn sload(&mut self, slot: i32, t: IrType, snap: u32) -> IrRef {
            self.ir.emit(IrOp::SLOAD, t, REF_NONE, REF_NONE, REF_NONE, slot as i64 as u64, snap)
        }

        pub fn op(&mut self, op: IrOp, t: IrType, a: IrRef, b: IrRef) -> IrRef {
            self.ir.emit(op, t, a, b, REF_NONE, 0, 0)
        }

        pub fn op3(&mut self, op: IrOp, t: IrType, a: IrRef, b: IrRef, c: IrRef) -> IrRef {
            self.ir.emit(op, t, a, b, c, 0, 0)
        }

        pub fn guard(&mut self, op: IrOp, t: IrType, a: IrRef, b: IrRef, snap: u32) -> IrRef {
            self.ir.emit(op, t, a, b, REF_NONE, 0, snap)
        }

        pub fn guard3(&mut self, op: IrOp, a: IrRef, b: IrRef, c: IrRef, snap: u32) -> IrRef {
            self.ir.emit(op, IrType::Void, a, b, c, 0, snap)
        }

        /// Ends the trace with a back edge storing `entries`.
        pub fn close(&mut self, entries: &[(i32, IrRef)]) {
            let s = self.snap(entries);
            self.ir.emit(IrOp::LOOP, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, s);
        }

        pub fn listing(&self) -> String {
            listing(&self.ir, &self.snaps)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::build::B;
    use super::*;

    /// `s = 0; for i = 1, n do s = s + i end` as the recorder writes it.
    fn sum_loop() -> B {
        let mut b = B::new();
        let s0 = b.snap(&[]);
        let s = b.sload(0, IrType::Num, s0);
        let i = b.sload(1, IrType::Num, s0);
        let n = b.sload(2, IrType::Num, s0);
        let s2 = b.op(IrOp::ADD, IrType::Num, s, i);
        let one = b.ir.knum(1.0);
        let i2 = b.op(IrOp::ADD, IrType::Num, i, one);
        let s1 = b.snap(&[(0, s2)]);
        b.guard(IrOp::LE, IrType::Void, i2, n, s1);
        b.close(&[(0, s2), (1, i2)]);
        b
    }

    #[test]
    fn level_3_peels_the_loop_and_carries_values_in_phis() {
        let mut b = sum_loop();
        optimize(&mut b.ir, &mut b.snaps, &level(3), None);
        assert_eq!(
            b.listing(),
            "\
0001 > num SLOAD   #0  -> 0
0002 > num SLOAD   #1  -> 0
0003 > num SLOAD   #2  -> 0
0004   num ADD     0001  0002
0005   num ADD     0002  +1
0006 >     LE      0005  0003  -> 1
0007       HEAD
0008   num ADD     0004  0005
0009   num ADD     0005  +1
0010 >     LE      0009  0003  -> 3
0011   num PHI     0004  0008
0012   num PHI     0005  0009
0013       LOOP    snap #2
SNAP #0 [  ]
SNAP #1 [ 0:0004 ]
SNAP #2 [ 0:0004 1:0005 ]
SNAP #3 [ 0:0008 1:0005 ]
"
        );
    }

    fn level(n: u8) -> JitParams {
        let mut s = crate::lib::jit::JitSettings::default();
        s.set_level(n);
        JitParams::from_settings(&s, 0)
    }

    #[test]
    fn levels_0_and_1_do_not_peel() {
        // -O1 is fold, cse and dce (LuaJIT's grouping): nothing to do on this loop.
        for n in [0, 1] {
            let mut b = sum_loop();
            let before = b.listing();
            optimize(&mut b.ir, &mut b.snaps, &level(n), None);
            assert_eq!(b.listing(), before, "-O{n}");
        }
        let p = level(2);
        assert!(p.loop_ && p.fwd && p.cse && p.dce, "-O2 peels, forwards, merges and removes");
    }
}
