//! Interpreter tests on hand-assembled bytecode (independent of the parser and
//! compiler): calls, loops, pcall, metamethod continuations, coroutines.

use twin_lua::bytecode::op::{Ins, NO_REG, Op};
use twin_lua::bytecode::proto::{Const, Proto, UpvalDesc};
use twin_lua::vm::api::Lua;
use twin_lua::vm::value::TValue;

mod common;
use common::Buf;

fn proto(code: Vec<Ins>, knum: Vec<f64>, kstr: &[&str], framesize: u8) -> Proto {
    Proto {
        lines: (0..code.len() as u32).map(|i| i + 1).collect(),
        code,
        knum,
        kgc: kstr.iter().map(|s| Const::Str(s.as_bytes().to_vec())).collect(),
        is_vararg: true,
        framesize,
        chunkname: "=asm".into(),
        ..Default::default()
    }
}

fn run(p: Proto) -> (Lua, Buf, Result<Vec<TValue>, String>) {
    let mut lua = Lua::new();
    let out = Buf::default();
    lua.set_output(Box::new(out.clone()));
    let f = lua.load_proto(p).unwrap();
    let r = lua.call(f, &[]).map_err(|e| e.message);
    (lua, out, r)
}

fn text(b: &Buf) -> String {
    String::from_utf8(b.0.borrow().clone()).unwrap()
}

#[test]
fn print_a_sum() {
    let p = proto(
        vec![
            Ins::ad(Op::FUNCV, 5, 0),
            Ins::ad(Op::GGET, 0, 0),
            Ins::ad(Op::KSHORT, 2, 10),
            Ins::abc(Op::ADDVN, 2, 2, 0),
            Ins::abc(Op::CALL, 0, 1, 2),
            Ins::ad(Op::RET0, 0, 1),
        ],
        vec![32.0],
        &["print"],
        5,
    );
    let (_l, out, r) = run(p);
    r.unwrap();
    assert_eq!(text(&out), "42\n");
}

#[test]
fn numeric_for_loop() {
    let p = proto(
        vec![
            Ins::ad(Op::FUNCV, 5, 0),
            Ins::ad(Op::KSHORT, 0, 0),
            Ins::ad(Op::KSHORT, 1, 1),
            Ins::ad(Op::KSHORT, 2, 100),
            Ins::ad(Op::KSHORT, 3, 1),
            Ins::jump(Op::FORI, 1, 5, 8),
            Ins::abc(Op::ADDVV, 0, 0, 4),
            Ins::jump(Op::FORL, 1, 7, 6),
            Ins::ad(Op::RET1, 0, 2),
        ],
        vec![],
        &[],
        6,
    );
    let (_l, _out, r) = run(p);
    assert_eq!(r.unwrap()[0].as_number(), 5050.0);
}

#[test]
fn pcall_catches_error() {
    let p = proto(
        vec![
            Ins::ad(Op::FUNCV, 6, 0),
            Ins::ad(Op::GGET, 0, 0),
            Ins::ad(Op::GGET, 2, 1),
            Ins::ad(Op::KSTR, 3, 2),
            Ins::abc(Op::CALL, 0, 0, 3),
            Ins::ad(Op::RETM, 0, 0),
        ],
        vec![],
        &["pcall", "error", "boom"],
        6,
    );
    let (_l, _out, r) = run(p);
    let r = r.unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0], TValue::FALSE);
    assert!(r[1].is_str());
}

#[test]
fn runtime_error_names_the_global() {
    // undefinedf()
    let p = proto(
        vec![
            Ins::ad(Op::FUNCV, 3, 0),
            Ins::ad(Op::GGET, 0, 0),
            Ins::abc(Op::CALL, 0, 1, 1),
            Ins::ad(Op::RET0, 0, 1),
        ],
        vec![],
        &["undefinedf"],
        3,
    );
    let (_l, _out, r) = run(p);
    assert_eq!(r.unwrap_err(), "asm:3: attempt to call global 'undefinedf' (a nil value)");
}

#[test]
fn budget_stops_infinite_loop() {
    let p = proto(
        vec![Ins::ad(Op::FUNCV, 1, 0), Ins::ad(Op::LOOP, 0, 0), Ins::jump(Op::JMP, NO_REG, 2, 1)],
        vec![],
        &[],
        1,
    );
    let mut lua = Lua::new();
    lua.set_budget(Some(10_000));
    let f = lua.load_proto(p).unwrap();
    let e = lua.call(f, &[]).unwrap_err();
    assert!(e.message.contains("instruction budget exceeded"), "{}", e.message);
    // Once spent, the budget stays spent: every later run stops at once.
    let e = lua.call(f, &[]).unwrap_err();
    assert!(e.message.contains("instruction budget exceeded"), "{}", e.message);
}

/// A fixed-arg child function.
fn func(code: Vec<Ins>, knum: Vec<f64>, kstr: &[&str], framesize: u8, numparams: u8) -> Proto {
    Proto {
        is_vararg: false,
        numparams,
        linedefined: 1,
        lastlinedefined: 1,
        ..proto(code, knum, kstr, framesize)
    }
}

fn local_uv(index: u8) -> UpvalDesc {
    UpvalDesc { in_parent_local: true, index, immutable: false }
}

#[test]
fn closures_share_and_close_upvalues() {
    let mut inner = func(
        vec![
            Ins::ad(Op::FUNCF, 1, 0),
            Ins::ad(Op::UGET, 0, 0),
            Ins::abc(Op::ADDVN, 0, 0, 0),
            Ins::ad(Op::USETV, 0, 0),
            Ins::ad(Op::RET1, 0, 2),
        ],
        vec![1.0],
        &[],
        2,
        0,
    );
    inner.uvdesc = vec![local_uv(0)];
    inner.uvnames = vec!["n".into()];
    let mut mk = func(
        vec![
            Ins::ad(Op::FUNCF, 2, 0),
            Ins::ad(Op::KSHORT, 0, 0),
            Ins::ad(Op::FNEW, 1, 0),
            Ins::jump(Op::UCLO, 0, 3, 4),
            Ins::ad(Op::RET1, 1, 2),
        ],
        vec![],
        &[],
        3,
        0,
    );
    mk.protos = vec![inner];
    let mut main = proto(
        vec![
            Ins::ad(Op::FUNCV, 8, 0),
            Ins::ad(Op::FNEW, 0, 0),
            Ins::abc(Op::CALL, 0, 2, 1),
            Ins::ad(Op::MOV, 2, 0),
            Ins::abc(Op::CALL, 2, 1, 1),
            Ins::ad(Op::MOV, 2, 0),
            Ins::abc(Op::CALL, 2, 2, 1),
            Ins::ad(Op::RET1, 2, 2),
        ],
        vec![],
        &[],
        8,
    );
    main.protos = vec![mk];
    let (_l, _o, r) = run(main);
    assert_eq!(r.unwrap()[0].as_number(), 2.0);
}

#[test]
fn index_metamethod_runs_in_a_continuation() {
    let idx = func(
        vec![
            Ins::ad(Op::FUNCF, 3, 0),
            Ins::ad(Op::KSTR, 2, 0),
            Ins::abc(Op::CAT, 0, 1, 2),
            Ins::ad(Op::RET1, 0, 2),
        ],
        vec![],
        &["!"],
        3,
        2,
    );
    let mut main = proto(
        vec![
            Ins::ad(Op::FUNCV, 8, 0),
            Ins::ad(Op::TNEW, 0, 0),
            Ins::ad(Op::TNEW, 1, 0),
            Ins::ad(Op::FNEW, 2, 0),
            Ins::abc(Op::TSETS, 2, 1, 0),
            Ins::ad(Op::GGET, 3, 1),
            Ins::ad(Op::MOV, 5, 0),
            Ins::ad(Op::MOV, 6, 1),
            Ins::abc(Op::CALL, 3, 1, 3),
            Ins::abc(Op::TGETS, 2, 0, 2),
            Ins::ad(Op::RET1, 2, 2),
        ],
        vec![],
        &["__index", "setmetatable", "x"],
        8,
    );
    main.protos = vec![idx];
    let (mut l, _o, r) = run(main);
    let v = r.unwrap()[0];
    assert_eq!(l.state().error_message(v), "x!");
}

#[test]
fn coroutine_wrap_yields_and_resumes() {
    let body = func(
        vec![
            Ins::ad(Op::FUNCF, 5, 0),
            Ins::ad(Op::GGET, 1, 0),
            Ins::abc(Op::TGETS, 1, 1, 1),
            Ins::abc(Op::ADDVN, 3, 0, 0),
            Ins::abc(Op::CALL, 1, 2, 2),
            Ins::abc(Op::MULVN, 1, 1, 1),
            Ins::ad(Op::RET1, 1, 2),
        ],
        vec![1.0, 2.0],
        &["coroutine", "yield"],
        5,
        1,
    );
    let mut main = proto(
        vec![
            Ins::ad(Op::FUNCV, 10, 0),
            Ins::ad(Op::GGET, 0, 0),
            Ins::abc(Op::TGETS, 0, 0, 1),
            Ins::ad(Op::FNEW, 2, 0),
            Ins::abc(Op::CALL, 0, 2, 2),
            Ins::ad(Op::MOV, 2, 0),
            Ins::ad(Op::KSHORT, 4, 10),
            Ins::abc(Op::CALL, 2, 2, 2),
            Ins::ad(Op::MOV, 4, 0),
            Ins::ad(Op::KSHORT, 6, 5),
            Ins::abc(Op::CALL, 4, 2, 2),
            Ins::abc(Op::ADDVV, 2, 2, 4),
            Ins::ad(Op::RET1, 2, 2),
        ],
        vec![],
        &["coroutine", "wrap"],
        10,
    );
    main.protos = vec![body];
    let (_l, _o, r) = run(main);
    assert_eq!(r.unwrap()[0].as_number(), 21.0);
}

#[test]
fn deep_recursion_is_a_catchable_stack_overflow() {
    let f = func(
        vec![
            Ins::ad(Op::FUNCF, 3, 0),
            Ins::ad(Op::GGET, 0, 0),
            Ins::abc(Op::CALL, 0, 2, 1),
            Ins::abc(Op::ADDVN, 0, 0, 0),
            Ins::ad(Op::RET1, 0, 2),
        ],
        vec![1.0],
        &["f"],
        3,
        0,
    );
    let mut main = proto(
        vec![
            Ins::ad(Op::FUNCV, 6, 0),
            Ins::ad(Op::FNEW, 0, 0),
            Ins::ad(Op::GSET, 0, 0),
            Ins::ad(Op::GGET, 0, 1),
            Ins::ad(Op::GGET, 2, 0),
            Ins::abc(Op::CALL, 0, 0, 2),
            Ins::ad(Op::RETM, 0, 0),
        ],
        vec![],
        &["f", "pcall"],
        6,
    );
    main.protos = vec![f];
    let (mut l, _o, r) = run(main);
    let r = r.unwrap();
    assert_eq!(r[0], TValue::FALSE);
    assert_eq!(l.state().error_message(r[1]), "stack overflow");
}

#[test]
fn garbage_is_collected_during_loops() {
    let main = proto(
        vec![
            Ins::ad(Op::FUNCV, 8, 0),
            Ins::ad(Op::KSHORT, 1, 1),
            Ins::ad(Op::KNUM, 2, 0),
            Ins::ad(Op::KSHORT, 3, 1),
            Ins::jump(Op::FORI, 1, 4, 7),
            Ins::ad(Op::TNEW, 5, 3),
            Ins::jump(Op::FORL, 1, 6, 5),
            Ins::ad(Op::GGET, 5, 0),
            Ins::ad(Op::KSTR, 7, 1),
            Ins::abc(Op::CALL, 5, 2, 2),
            Ins::ad(Op::RET1, 5, 2),
        ],
        vec![200000.0],
        &["collectgarbage", "count"],
        8,
    );
    let (_l, _o, r) = run(main);
    let kb = r.unwrap()[0].as_number();
    assert!(kb > 0.0 && kb < 4096.0, "{kb} KB in use");
}

#[test]
fn budget_cannot_be_caught_forever() {
    let mut lua = Lua::new();
    lua.set_budget(Some(100_000));
    let src = b"while true do pcall(function() while true do end end) end";
    let e = lua.exec(src, "=budget").unwrap_err();
    assert!(e.message.contains("instruction budget exceeded"), "{}", e.message);
}
