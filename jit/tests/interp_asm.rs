//! Interpreter tests on hand-assembled bytecode (independent of the parser and
//! compiler): calls, loops, pcall, metamethod continuations, coroutines.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use twin_lua::bytecode::op::{Ins, NO_REG, Op};
use twin_lua::bytecode::proto::{Const, Proto};
use twin_lua::vm::api::Lua;
use twin_lua::vm::value::TValue;

#[derive(Clone, Default)]
struct Buf(Rc<RefCell<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

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
}
