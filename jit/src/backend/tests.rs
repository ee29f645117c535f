//! The backend compiles trace after trace with one reused function-builder context: each
//! must come out as if compiled first, whatever was compiled (or failed) before it.

use super::*;

/// A snapshot at the trace's frame writing `entries` back.
fn snap(entries: Vec<(i32, IrRef)>) -> Snapshot {
    Snapshot {
        pc: 0,
        base: 0,
        framesize: 4,
        frames: Vec::new(),
        entries,
        ref_at: REF_BIAS,
        count: 0,
        loopchk: false,
        multres: None,
    }
}

/// A loop over slot 0: `x = op(x, k)` while `x < limit`. The type check leaves by
/// snapshot 0, the loop's guard by snapshot 1 (writing the failing `x` back), and the
/// back edge stores `x` as snapshot 2 says.
fn counting(limit: f64, op: IrOp, k: f64) -> (IrBuf, Vec<Snapshot>) {
    let mut ir = IrBuf::default();
    let x = ir.emit(IrOp::SLOAD, IrType::Num, REF_NONE, REF_NONE, REF_NONE, 0, 0);
    let kk = ir.knum(k);
    let x2 = ir.emit(op, IrType::Num, x, kk, REF_NONE, 0, 0);
    let lim = ir.knum(limit);
    ir.emit(IrOp::LT, IrType::Void, x2, lim, REF_NONE, 0, 1);
    ir.emit(IrOp::LOOP, IrType::Void, REF_NONE, REF_NONE, REF_NONE, 0, 2);
    (ir, vec![snap(Vec::new()), snap(vec![(0, x2)]), snap(vec![(0, x2)])])
}

/// Compiles a trace as trace number `no`, with no exit attached to a side trace.
fn compile(be: &mut Backend, no: u16, ir: &IrBuf, snaps: &[Snapshot], cells: &[u64]) -> Result<Code, String> {
    let sunk = vec![false; ir.ins.len()];
    let unsink = vec![Unsink::default(); snaps.len()];
    let tc = TraceCode {
        no,
        ir,
        snaps,
        cells: cells.as_ptr(),
        root: None,
        sunk: &sunk,
        unsink: &unsink,
        ret_exit: None,
        inherited: &[],
        parent_guard: None,
    };
    be.compile(tc, no.is_multiple_of(2))
}

/// Runs `code` on a one-slot stack holding `x`: the exit it left by and the slot.
fn run(be: &Backend, code: &Code, x: f64) -> (u64, f64) {
    let mut stack = [TValue::number(x), TValue::number(0.0), TValue::number(0.0), TValue::number(0.0)];
    let mut exitbuf = [0u64; 8];
    // SAFETY: the trace reads and writes slot 0 of `stack` and the first words of
    // `exitbuf` only; it has no LOOPCHK or call, so it never reads the state pointer.
    let exit = unsafe {
        be.trampoline()(code.entry(), stack.as_mut_ptr(), std::ptr::null_mut(), exitbuf.as_mut_ptr())
    };
    (exit, f64::from_bits(stack[0].0))
}

#[test]
fn traces_compiled_one_after_another_each_run_as_their_own() {
    let mut be = Backend::new().expect("backend");
    let cells = [0u64; 3];
    let (add, add_snaps) = counting(10.0, IrOp::ADD, 1.0);
    let (mul, mul_snaps) = counting(1000.0, IrOp::MUL, 2.0);
    let first = compile(&mut be, 1, &add, &add_snaps, &cells).expect("add");
    let second = compile(&mut be, 2, &mul, &mul_snaps, &cells).expect("mul");
    assert_eq!(run(&be, &first, 0.0), (1 << 16 | 1, 10.0));
    assert_eq!(run(&be, &second, 3.0), (2 << 16 | 1, 1536.0));
    // The same trace compiled again after another gives the same code.
    let again = compile(&mut be, 1, &add, &add_snaps, &cells).expect("add again");
    assert_eq!(again.bytes(), first.bytes());
    let mut fresh = Backend::new().expect("backend");
    let mul_fresh = compile(&mut fresh, 2, &mul, &mul_snaps, &cells).expect("mul fresh");
    assert_eq!(mul_fresh.bytes(), second.bytes());
}

#[test]
fn a_failed_lowering_leaves_the_backend_fit_for_the_next_trace() {
    let mut be = Backend::new().expect("backend");
    let cells = [0u64; 3];
    // No LOOP, LINK or EXIT: the lowering gives up half way through the function.
    let (mut open, snaps) = counting(10.0, IrOp::ADD, 1.0);
    open.ins.pop();
    assert!(compile(&mut be, 1, &open, &snaps, &cells).is_err());
    let (sub, sub_snaps) = counting(10.0, IrOp::SUB, -2.5);
    let code = compile(&mut be, 3, &sub, &sub_snaps, &cells).expect("sub");
    assert_eq!(run(&be, &code, 0.0), (3 << 16 | 1, 10.0));
}
