//! Snapshots: what an exit must write back so the interpreter can resume.
//!
//! A trace keeps Lua values in machine registers and only writes stack slots back at
//! its loop edge. A snapshot, taken before an instruction that has guards, lists every
//! slot whose value differs from the stack at that point (`slot -> ref`) and the pc to
//! resume at (the guarded instruction itself, which the interpreter then re-executes:
//! every recorded instruction has its guards before its effects, so that is safe).
//!
//! ```text
//!   Snapshot { pc, entries: [(slot, ref), ...] }       exit buffer (u64 per entry)
//!                          |                           +--------+--------+-----
//!   exit block for snap #n: store each entry's value -> | bits 0 | bits 1 | ...
//!   (boxed TValue bits; doubles are their own bits)     +--------+--------+-----
//!   then return n.  snap_restore: slot[base + entry.slot] = buffer[i]; pc = snap.pc
//! ```
//!
//! Slots never written on trace need no entry: the stack still holds them. All slots
//! are relative to the trace's start frame. Inlined frames need nothing special: their
//! function and link slots are slot values like any other (the link a constant), so
//! restoring the entries rebuilds every frame, and the snapshot's `base` names the
//! innermost one, where the interpreter resumes. A metamethod's continuation frame is
//! the same (its continuation data a number constant, its link a `CONT` one): after
//! the exit the metamethod returns into it and the interpreter finishes the
//! instruction that called it.

use super::ir::IrRef;
use crate::vm::func::ProtoObj;

/// A frame on trace: where it is and how it returns.
#[derive(Clone, Copy, Debug)]
pub struct SnapFrame {
    /// Base, relative to the trace's base.
    pub fb: i32,
    pub proto: *mut ProtoObj,
    /// Where the caller continues (the instruction after its CALL); 0 for the start
    /// frame.
    pub retpc: usize,
}

#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The pc the interpreter resumes at, in the innermost frame.
    pub pc: usize,
    /// Base of the innermost frame (relative to the trace's base) and its frame size:
    /// the interpreter's base and top after the exit.
    pub base: i32,
    pub framesize: u32,
    /// The frames on trace at this point, outermost first (a side trace starting at
    /// this exit starts with them).
    pub frames: Vec<SnapFrame>,
    /// Slots to restore, in ascending slot order.
    pub entries: Vec<(i32, IrRef)>,
    /// The first instruction ref recorded after the snapshot was taken.
    pub ref_at: IrRef,
    /// How often this exit was taken (`-jv` statistics, hot exits).
    pub count: u32,
    /// The snapshot of a budget/GC check (`LOOPCHK`) or of a trace's end in the
    /// interpreter (`EXIT`): its exits never start side traces.
    pub loopchk: bool,
    /// The count of values the instruction before `pc` left for `pc` to consume
    /// (`CALLM`, `CALLMT`, `RETM`, `TSETM` take "C/D + multres" operands): the
    /// interpreter's multres after the exit.
    pub multres: Option<u32>,
}

/// Writes an exit's values back: `stack[base + slot] = buffer[i]`.
///
/// `stack` must cover every slot named by `snap` (the recorder only names slots below
/// the frame size of the frame at `base`).
pub fn restore(snap: &Snapshot, stack: &mut [crate::vm::value::TValue], base: usize, buffer: &[u64]) {
    for (i, &(slot, _)) in snap.entries.iter().enumerate() {
        stack[(base as isize + slot as isize) as usize] = crate::vm::value::TValue(buffer[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::value::TValue;

    #[test]
    fn restore_writes_listed_slots_only() {
        let snap = Snapshot {
            pc: 7,
            base: 0,
            framesize: 4,
            frames: vec![],
            entries: vec![(0, 0), (3, 0)],
            ref_at: 0,
            count: 0,
            loopchk: false,
            multres: None,
        };
        let mut stack = vec![TValue::NIL; 8];
        restore(&snap, &mut stack, 2, &[1.5f64.to_bits(), TValue::TRUE.bits()]);
        assert_eq!(stack[2].as_number(), 1.5);
        assert_eq!(stack[5], TValue::TRUE);
        assert!(stack[3].is_nil() && stack[4].is_nil());
    }
}
