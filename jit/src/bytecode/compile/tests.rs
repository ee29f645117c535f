//! Compiler tests: golden listings for key shapes (written by reasoning about the
//! instruction set, not copied from any other compiler) and structural invariants
//! checked on every prototype.

use super::compile;
use crate::bytecode::dump::listing_one;
use crate::bytecode::op::{MAX_SLOTS, NO_REG, Op};
use crate::bytecode::proto::Proto;
use crate::syntax::ast::*;

// ---- Tree builders (until the parser lands; every node on line 1 unless told). ----

fn ex(kind: ExprKind) -> Expr {
    Expr::new(kind, Line(1))
}
fn st(kind: StatKind) -> Stat {
    Stat::new(kind, Line(1))
}
fn name(n: &str) -> Expr {
    ex(ExprKind::Name(n.into()))
}
fn num(n: f64) -> Expr {
    ex(ExprKind::Number(n))
}
fn s(v: &str) -> Expr {
    ex(ExprKind::String(v.as_bytes().to_vec()))
}
fn nil() -> Expr {
    ex(ExprKind::Nil)
}
fn tru() -> Expr {
    ex(ExprKind::True)
}
fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
    ex(ExprKind::BinOp(op, Box::new(a), Box::new(b)))
}
fn un(op: UnOp, a: Expr) -> Expr {
    ex(ExprKind::UnOp(op, Box::new(a)))
}
fn idx(t: Expr, k: Expr) -> Expr {
    ex(ExprKind::Index(Box::new(t), Box::new(k)))
}
fn call(f: Expr, args: Vec<Expr>) -> Expr {
    ex(ExprKind::Call(Box::new(f), args))
}
fn mcall(o: Expr, m: &str, args: Vec<Expr>) -> Expr {
    ex(ExprKind::MethodCall(Box::new(o), m.into(), args))
}
fn vararg() -> Expr {
    ex(ExprKind::Vararg)
}
fn func(params: &[&str], vararg: bool, body: Vec<Stat>) -> FuncBody {
    FuncBody {
        params: params.iter().map(|p| p.to_string()).collect(),
        vararg,
        body: Block { stats: body },
        line: Line(1),
        end_line: Line(1),
    }
}
fn fexpr(params: &[&str], body: Vec<Stat>) -> Expr {
    ex(ExprKind::Function(Box::new(func(params, false, body))))
}
fn local(names: &[&str], exprs: Vec<Expr>) -> Stat {
    st(StatKind::Local { names: names.iter().map(|n| n.to_string()).collect(), exprs })
}
fn assign(targets: Vec<Expr>, exprs: Vec<Expr>) -> Stat {
    st(StatKind::Assign { targets, exprs })
}
fn scall(e: Expr) -> Stat {
    st(StatKind::Call(e))
}
fn ret(exprs: Vec<Expr>) -> Stat {
    st(StatKind::Return(exprs))
}
fn block(stats: Vec<Stat>) -> Block {
    Block { stats }
}
fn chunk(stats: Vec<Stat>) -> Chunk {
    Chunk { body: block(stats), end_line: Line(0) }
}

fn compiled(stats: Vec<Stat>) -> Proto {
    let p = compile(&chunk(stats), "=test").unwrap_or_else(|e| panic!("{e}"));
    check_tree(&p);
    p
}

/// The main function's listing without the header line.
fn list(stats: Vec<Stat>) -> String {
    let p = compiled(stats);
    body(&p)
}

fn body(p: &Proto) -> String {
    listing_one(p).lines().skip(1).map(|l| format!("{}\n", l.trim_end())).collect()
}

/// Compares listings ignoring the line column and runs of spaces.
#[track_caller]
fn assert_listing(got: &str, want: &str) {
    let norm = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| {
                l.split_whitespace()
                    .enumerate()
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, w)| w)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect()
    };
    assert_eq!(norm(got), norm(want), "\n--- got ---\n{got}--- want ---\n{want}");
}

// ---- Invariants. ------------------------------------------------------------------

/// Structural invariants every prototype must satisfy for the VM.
fn check_tree(p: &Proto) {
    let mut work = vec![p];
    while let Some(p) = work.pop() {
        check_proto(p);
        work.extend(&p.protos);
    }
}

fn check_proto(p: &Proto) {
    let n = p.code.len();
    assert_eq!(p.lines.len(), n, "lines per instruction");
    assert!((p.framesize as u32) < MAX_SLOTS);
    let fs = p.framesize as u32;
    let header = p.code[0].op();
    assert!(matches!(header, Op::FUNCF | Op::FUNCV));
    assert_eq!(p.code[0].a() as u32, fs);
    assert_eq!(header == Op::FUNCV, p.is_vararg);
    let last = p.code[n - 1].op();
    assert!(
        matches!(last, Op::RET0 | Op::RET1 | Op::RET | Op::RETM | Op::CALLT | Op::CALLMT),
        "ends in return"
    );
    let reg = |r: u8, what: &str, pc: usize| {
        assert!((r as u32) < fs, "{what} {r} >= framesize {fs} at {pc}:\n{}", listing_one(p))
    };
    for pc in 1..n {
        let i = p.code[pc];
        let op = i.op();
        let (a, b, c, d) = (i.a(), i.b(), i.c(), i.d());
        match op {
            Op::ISLT | Op::ISGE | Op::ISLE | Op::ISGT | Op::ISEQV | Op::ISNEV => {
                reg(a, "A", pc);
                reg(d as u8, "D", pc);
                assert!(d < 256);
            }
            Op::ISEQS | Op::ISNES | Op::ISEQN | Op::ISNEN | Op::ISEQP | Op::ISNEP => reg(a, "A", pc),
            Op::ISTC | Op::ISFC | Op::MOV | Op::NOT | Op::UNM | Op::LEN => {
                reg(a, "A", pc);
                reg(d as u8, "D", pc);
            }
            Op::IST | Op::ISF => reg(d as u8, "D", pc),
            Op::KSTR
            | Op::KCDATA
            | Op::KSHORT
            | Op::KNUM
            | Op::KPRI
            | Op::UGET
            | Op::FNEW
            | Op::TNEW
            | Op::TDUP
            | Op::GGET
            | Op::GSET => reg(a, "A", pc),
            Op::KNIL => {
                reg(a, "A", pc);
                reg(d as u8, "D", pc);
                assert!(d >= a as u16);
            }
            Op::USETV => reg(d as u8, "D", pc),
            Op::TGETV | Op::TSETV | Op::ADDVV | Op::SUBVV | Op::MULVV | Op::DIVVV | Op::MODVV | Op::POW => {
                reg(a, "A", pc);
                reg(b, "B", pc);
                reg(c, "C", pc);
            }
            Op::CAT => {
                reg(a, "A", pc);
                reg(c, "C", pc);
                assert!(b < c, "CAT range");
            }
            Op::TGETS | Op::TGETB | Op::TSETS | Op::TSETB => {
                reg(a, "A", pc);
                reg(b, "B", pc);
            }
            Op::CALL | Op::CALLM => {
                // Callee, link, then C (+MULTRES) arguments.
                let top = a as u32 + 1 + if op == Op::CALL { c as u32 } else { c as u32 + 1 };
                assert!(top <= fs, "call frame beyond framesize at {pc}");
                if b > 0 {
                    assert!(a as u32 + b as u32 - 1 <= fs);
                }
            }
            Op::ITERC => {
                assert!(a as u32 + 4 <= fs && a as u32 + b as u32 - 1 <= fs && a >= 3);
                assert_eq!(c, 3);
            }
            Op::VARG => assert!(b == 0 || a as u32 + b as u32 - 1 <= fs),
            Op::TSETM => reg(a - 1, "A-1", pc),
            Op::RET1 => reg(a, "A", pc),
            Op::FORI | Op::FORL => assert!(a as u32 + 4 <= fs),
            _ => {}
        }
        if matches!(op, Op::UCLO | Op::FORI | Op::FORL | Op::ITERL | Op::LOOP | Op::JMP | Op::ISNEXT) {
            let t = i.target(pc);
            assert!(t < n, "jump target {t} out of range at {pc}:\n{}", listing_one(p));
            assert!(t > 0);
        }
        if pc > 0 && matches!(op as u8, 0..=15) {
            assert_eq!(p.code[pc + 1].op(), Op::JMP, "test at {pc} not followed by JMP:\n{}", listing_one(p));
        }
        assert_ne!(a, NO_REG, "unpatched NO_REG at {pc}:\n{}", listing_one(p));
    }
    for v in &p.varinfo {
        assert!(v.startpc <= v.endpc && v.endpc as usize <= n, "varinfo {v:?}");
        assert!((v.slot as u32) < fs);
    }
    assert_eq!(p.uvdesc.len(), p.uvnames.len());
}

// ---- Golden listings. -------------------------------------------------------------

#[test]
fn hello() {
    let got = list(vec![scall(call(name("print"), vec![s("hi")]))]);
    assert_listing(
        &got,
        "0000 1 FUNCV 3
         0001 1 GGET 0 0 ; \"print\"
         0002 1 KSTR 2 1 ; \"hi\"
         0003 1 CALL 0 1 2
         0004 1 RET0 0 1",
    );
}

fn err(stats: Vec<Stat>) -> String {
    match compile(&chunk(stats), "=test") {
        Ok(p) => panic!("compiled:\n{}", listing_one(&p)),
        Err(e) => e.to_string(),
    }
}

fn at(line: u32, mut s: Stat) -> Stat {
    s.line = Line(line);
    s
}

fn goto(l: &str) -> Stat {
    st(StatKind::Goto(l.into()))
}

fn label(l: &str) -> Stat {
    st(StatKind::Label(l.into()))
}

fn doblock(stats: Vec<Stat>) -> Stat {
    st(StatKind::Do(block(stats)))
}

#[test]
fn and_or_value() {
    use BinOp::*;
    assert_listing(
        &list(vec![local(&["x"], vec![bin(Or, bin(And, name("a"), name("b")), name("c"))])]),
        "0000 0 FUNCV 1
         0001 1 GGET 0 0 ; \"a\"
         0002 1 ISF 0 0
         0003 1 JMP 1 32771 ; => 0007
         0004 1 GGET 0 1 ; \"b\"
         0005 1 IST 0 0
         0006 1 JMP 1 32769 ; => 0008
         0007 1 GGET 0 2 ; \"c\"
         0008 1 RET0 0 1",
    );
    // A constant operand that always jumps carries its value through a KPRI whose
    // register is filled in when the result register is known.
    assert_listing(
        &list(vec![local(&["x"], vec![]), assign(vec![name("x")], vec![bin(And, nil(), num(1.0))])]),
        "0000 0 FUNCV 1
         0001 1 KPRI 0 0 ; nil
         0002 1 KPRI 0 0 ; nil
         0003 1 JMP 1 32769 ; => 0005
         0004 1 KSHORT 0 1
         0005 1 RET0 0 1",
    );
}

#[test]
fn comparisons() {
    use BinOp::*;
    let cmp = |e: Expr| list(vec![local(&["x"], vec![e])]);
    assert_listing(
        &cmp(bin(Lt, name("a"), name("b"))),
        "0000 0 FUNCV 2
         0001 1 GGET 0 0 ; \"a\"
         0002 1 GGET 1 1 ; \"b\"
         0003 1 ISLT 0 1
         0004 1 JMP 0 32770 ; => 0007
         0005 1 KPRI 0 1 ; false
         0006 1 JMP 1 32769 ; => 0008
         0007 1 KPRI 0 2 ; true
         0008 1 RET0 0 1",
    );
    // `y > 1` is `1 < y`: the constant goes to a register, operands swap.
    assert_listing(
        &cmp(bin(Gt, name("y"), num(1.0))),
        "0000 0 FUNCV 2
         0001 1 GGET 0 0 ; \"y\"
         0002 1 KSHORT 1 1
         0003 1 ISLT 1 0
         0004 1 JMP 0 32770 ; => 0007
         0005 1 KPRI 0 1 ; false
         0006 1 JMP 1 32769 ; => 0008
         0007 1 KPRI 0 2 ; true
         0008 1 RET0 0 1",
    );
    // Equality with constants specialises; `not` inverts the comparison.
    assert_listing(
        &cmp(un(UnOp::Not, bin(Eq, name("x"), num(1.0)))),
        "0000 0 FUNCV 1
         0001 1 GGET 0 0 ; \"x\"
         0002 1 ISNEN 0 0 ; 1
         0003 1 JMP 0 32770 ; => 0006
         0004 1 KPRI 0 1 ; false
         0005 1 JMP 1 32769 ; => 0007
         0006 1 KPRI 0 2 ; true
         0007 1 RET0 0 1",
    );
    let p = compiled(vec![local(
        &["a", "b", "c"],
        vec![bin(Eq, s("k"), name("z")), bin(Ne, name("z"), nil()), bin(Eq, name("z"), name("w"))],
    )]);
    let ops: Vec<Op> = p.code.iter().map(|i| i.op()).collect();
    assert!(ops.contains(&Op::ISEQS) && ops.contains(&Op::ISNEP) && ops.contains(&Op::ISEQV), "{ops:?}");
}

#[test]
fn arithmetic_forms_and_folding() {
    use BinOp::*;
    assert_listing(
        &list(vec![
            local(&["a", "b"], vec![num(1.0)]),
            local(&["c"], vec![bin(Add, name("a"), bin(Mul, name("b"), num(2.0)))]),
            ret(vec![name("c")]),
        ]),
        "0000 0 FUNCV 3
         0001 1 KSHORT 0 1
         0002 1 KPRI 1 0 ; nil
         0003 1 MULVN 2 1 0 ; 2
         0004 1 ADDVV 2 0 2
         0005 1 RET1 2 2",
    );
    assert_listing(
        &list(vec![local(&["x"], vec![bin(Sub, num(1.0), name("y"))])]),
        "0000 0 FUNCV 1
         0001 1 GGET 0 0 ; \"y\"
         0002 1 SUBNV 0 0 0 ; 1
         0003 1 RET0 0 1",
    );
    // Folded: -(2^2), 1/0. Not folded: 0/0 (NaN), -(0) (-0).
    assert_listing(
        &list(vec![local(
            &["a", "b", "c", "d"],
            vec![
                un(UnOp::Neg, bin(Pow, num(2.0), num(2.0))),
                bin(Div, num(1.0), num(0.0)),
                bin(Div, num(0.0), num(0.0)),
                un(UnOp::Neg, num(0.0)),
            ],
        )]),
        "0000 0 FUNCV 4
         0001 1 KSHORT 0 -4
         0002 1 KNUM 1 0 ; inf
         0003 1 KSHORT 2 0
         0004 1 DIVVN 2 2 1 ; 0
         0005 1 KSHORT 3 0
         0006 1 UNM 3 3
         0007 1 RET0 0 1",
    );
}

#[test]
fn concat_chain_is_one_cat() {
    use BinOp::*;
    assert_listing(
        &list(vec![local(&["a"], vec![bin(Concat, s("x"), bin(Concat, name("b"), name("c")))])]),
        "0000 0 FUNCV 3
         0001 1 KSTR 0 0 ; \"x\"
         0002 1 GGET 1 1 ; \"b\"
         0003 1 GGET 2 2 ; \"c\"
         0004 1 CAT 0 0 2
         0005 1 RET0 0 1",
    );
}

#[test]
fn tables() {
    let t = |fields| ex(ExprKind::Table(fields));
    use TableField::*;
    assert_listing(
        &list(vec![local(
            &["t"],
            vec![t(vec![
                Positional(num(1.0)),
                Positional(num(2.0)),
                Named("x".into(), num(3.0)),
                Positional(call(name("f"), vec![])),
            ])],
        )]),
        "0000 0 FUNCV 3
         0001 1 TDUP 0 0 ; {1, 2, nil, [\"x\"]=3}
         0002 1 GGET 1 1 ; \"f\"
         0003 1 CALL 1 0 1
         0004 1 TSETM 1 0 ; 3
         0005 1 RET0 0 1",
    );
    assert_listing(
        &list(vec![local(
            &["a"],
            vec![t(vec![
                Positional(call(name("f"), vec![])),
                Positional(call(name("g"), vec![])),
                Positional(vararg()),
            ])],
        )]),
        "0000 0 FUNCV 3
         0001 1 TNEW 0 4
         0002 1 GGET 1 0 ; \"f\"
         0003 1 CALL 1 2 1
         0004 1 TSETB 1 0 1
         0005 1 GGET 1 1 ; \"g\"
         0006 1 CALL 1 2 1
         0007 1 TSETB 1 0 2
         0008 1 VARG 1 0 0
         0009 1 TSETM 1 0 ; 3
         0010 1 RET0 0 1",
    );
    // Later constant entries replace earlier ones; positional entries win over keyed
    // ones for the same index; computed values are stored after the TDUP.
    let p = compiled(vec![local(
        &["a"],
        vec![t(vec![
            Keyed(num(1.0), num(5.0)),
            Positional(num(7.0)),
            Keyed(num(0.0), num(1.0)),
            Keyed(num(3.0), num(2.0)),
            Named("x".into(), name("g")),
            Named("y".into(), num(1.0)),
            Named("y".into(), num(2.0)),
        ])],
    )]);
    let crate::bytecode::proto::Const::Table(tt) = &p.kgc[0] else { panic!("{:?}", p.kgc) };
    use crate::bytecode::proto::KValue::*;
    // LuaJIT's template: created with no array part and 2 hash nodes; [3]=2 finds the
    // hash part full and the rehash moves keys 0, 1, 3 to a 5-slot array part.
    assert_eq!(tt.array, vec![Num(1.0), Num(7.0), Nil, Num(2.0), Nil]);
    assert_eq!(tt.hash, vec![(Str(b"y".to_vec()), Num(2.0))]);
    assert_eq!(p.code[1].op(), Op::TDUP);
    assert!(p.code.iter().any(|i| i.op() == Op::TSETS));
}

#[test]
fn calls_methods_varargs_tailcalls() {
    assert_listing(
        &list(vec![scall(mcall(name("o"), "m", vec![num(1.0)]))]),
        "0000 0 FUNCV 4
         0001 1 GGET 0 0 ; \"o\"
         0002 1 MOV 2 0
         0003 1 TGETS 0 0 1 ; \"m\"
         0004 1 KSHORT 3 1
         0005 1 CALL 0 1 3
         0006 1 RET0 0 1",
    );
    assert_listing(
        &list(vec![ret(vec![call(name("f"), vec![vararg()])])]),
        "0000 0 FUNCV 3
         0001 1 GGET 0 0 ; \"f\"
         0002 1 VARG 2 0 0
         0003 1 CALLMT 0 0",
    );
    assert_listing(
        &list(vec![local(&["a", "b"], vec![vararg()]), ret(vec![vararg()])]),
        "0000 0 FUNCV 3
         0001 1 VARG 0 3 0
         0002 1 VARG 2 0 0
         0003 1 RETM 2 0",
    );
    // `return (f())` is not a tail call.
    let p = compiled(vec![ret(vec![ex(ExprKind::Paren(Box::new(call(name("f"), vec![]))))])]);
    assert_eq!(p.code.last().map(|i| i.op()), Some(Op::RET1));
}

#[test]
fn assignment_hazard() {
    assert_listing(
        &list(vec![
            local(&["t", "i"], vec![]),
            assign(vec![idx(name("t"), name("i")), name("i")], vec![num(1.0), num(2.0)]),
        ]),
        "0000 0 FUNCV 4
         0001 1 KNIL 0 1
         0002 1 MOV 2 1
         0003 1 KSHORT 3 1
         0004 1 KSHORT 1 2
         0005 1 TSETV 3 0 2
         0006 1 RET0 0 1",
    );
}

#[test]
fn closures_in_loops_close_upvalues() {
    use BinOp::*;
    assert_listing(
        &list(vec![st(StatKind::NumericFor {
            var: "i".into(),
            start: num(1.0),
            limit: num(3.0),
            step: None,
            body: block(vec![
                local(&["x"], vec![name("i")]),
                assign(vec![idx(name("fs"), name("i"))], vec![fexpr(&[], vec![ret(vec![name("x")])])]),
            ]),
        })]),
        "0000 0 FUNCV 7
         0001 1 KSHORT 0 1
         0002 1 KSHORT 1 3
         0003 1 KSHORT 2 1
         0004 1 FORI 0 32774 ; => 0011
         0005 1 MOV 4 3
         0006 1 GGET 5 0 ; \"fs\"
         0007 1 FNEW 6 0 ; =test:1
         0008 1 TSETV 6 5 3
         0009 1 UCLO 4 32768 ; => 0010
         0010 1 FORL 0 32762 ; => 0005
         0011 1 RET0 0 1",
    );
    // repeat: the condition sees the body's locals; with a captured local both exits
    // close it.
    assert_listing(
        &list(vec![st(StatKind::Repeat {
            body: block(vec![
                local(&["x"], vec![call(name("g"), vec![])]),
                scall(call(name("h"), vec![fexpr(&[], vec![ret(vec![name("x")])])])),
            ]),
            cond: name("x"),
        })]),
        "0000 0 FUNCV 4
         0001 1 LOOP 0 32777 ; => 0011
         0002 1 GGET 0 0 ; \"g\"
         0003 1 CALL 0 2 1
         0004 1 GGET 1 1 ; \"h\"
         0005 1 FNEW 3 0 ; =test:1
         0006 1 CALL 1 1 2
         0007 1 ISF 0 0
         0008 1 JMP 1 32769 ; => 0010
         0009 1 UCLO 0 32769 ; => 0011
         0010 1 UCLO 0 32758 ; => 0001
         0011 1 RET0 0 1",
    );
    // break out of a scope with a captured local closes it.
    assert_listing(
        &list(vec![st(StatKind::While {
            cond: tru(),
            body: block(vec![
                local(&["x"], vec![]),
                assign(vec![name("f")], vec![fexpr(&[], vec![ret(vec![name("x")])])]),
                st(StatKind::If { arms: vec![(name("c"), block(vec![st(StatKind::Break)]))], orelse: None }),
            ]),
        })]),
        "0000 0 FUNCV 2
         0001 1 LOOP 0 32776 ; => 0010
         0002 1 KPRI 0 0 ; nil
         0003 1 FNEW 1 0 ; =test:1
         0004 1 GSET 1 0 ; \"f\"
         0005 1 GGET 1 1 ; \"c\"
         0006 1 ISF 0 1
         0007 1 JMP 2 32769 ; => 0009
         0008 1 UCLO 0 32769 ; => 0010
         0009 1 UCLO 0 32759 ; => 0001
         0010 1 RET0 0 1",
    );
    // Returns close upvalues in functions that create closures.
    assert_listing(
        &list(vec![
            local(&["x"], vec![num(1.0)]),
            ret(vec![fexpr(
                &[],
                vec![assign(vec![name("x")], vec![bin(Add, name("x"), num(1.0))]), ret(vec![name("x")])],
            )]),
        ]),
        "0000 0 FUNCV 2
         0001 1 KSHORT 0 1
         0002 1 FNEW 1 0 ; =test:1
         0003 1 UCLO 0 32768 ; => 0004
         0004 1 RET1 1 2",
    );
}

#[test]
fn loops() {
    use BinOp::*;
    assert_listing(
        &list(vec![
            local(&["i"], vec![num(0.0)]),
            st(StatKind::While {
                cond: bin(Lt, name("i"), num(10.0)),
                body: block(vec![assign(vec![name("i")], vec![bin(Add, name("i"), num(1.0))])]),
            }),
        ]),
        "0000 0 FUNCV 2
         0001 1 KSHORT 0 0
         0002 1 KSHORT 1 10
         0003 1 ISGE 0 1
         0004 1 JMP 1 32771 ; => 0008
         0005 1 LOOP 1 32770 ; => 0008
         0006 1 ADDVN 0 0 0 ; 1
         0007 1 JMP 1 32762 ; => 0002
         0008 1 RET0 0 1",
    );
    assert_listing(
        &list(vec![st(StatKind::GenericFor {
            names: vec!["k".into(), "v".into()],
            exprs: vec![call(name("pairs"), vec![name("t")])],
            body: block(vec![st(StatKind::If {
                arms: vec![(name("v"), block(vec![st(StatKind::Break)]))],
                orelse: None,
            })]),
        })]),
        "0000 0 FUNCV 7
         0001 1 GGET 0 0 ; \"pairs\"
         0002 1 GGET 2 1 ; \"t\"
         0003 1 CALL 0 4 2
         0004 1 JMP 3 32771 ; => 0008
         0005 1 ISF 0 4
         0006 1 JMP 5 32769 ; => 0008
         0007 1 JMP 0 32770 ; => 0010
         0008 1 ITERC 3 3 3
         0009 1 ITERL 3 32763 ; => 0005
         0010 1 RET0 0 1",
    );
    let p = compiled(vec![st(StatKind::GenericFor {
        names: vec!["k".into(), "v".into()],
        exprs: vec![call(name("pairs"), vec![name("t")])],
        body: block(vec![]),
    })]);
    let names: Vec<&str> = p.varinfo.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["(for generator)", "(for state)", "(for control)", "k", "v"]);
    let p = compiled(vec![st(StatKind::NumericFor {
        var: "i".into(),
        start: num(1.0),
        limit: num(2.0),
        step: Some(num(3.0)),
        body: block(vec![]),
    })]);
    let names: Vec<(&str, u8)> = p.varinfo.iter().map(|v| (v.name.as_str(), v.slot)).collect();
    assert_eq!(names, [("(for index)", 0), ("(for limit)", 1), ("(for step)", 2), ("i", 3)]);
}

#[test]
fn functions_and_upvalues() {
    use BinOp::*;
    // local function: the function sees itself as an upvalue.
    let p = compiled(vec![st(StatKind::LocalFunction {
        name: "f".into(),
        func: func(&["n"], false, vec![ret(vec![call(name("f"), vec![bin(Sub, name("n"), num(1.0))])])]),
    })]);
    let f = &p.protos[0];
    assert_eq!(f.uvnames, ["f"]);
    assert!(f.uvdesc[0].in_parent_local && f.uvdesc[0].index == 0 && f.uvdesc[0].immutable);
    assert_eq!(f.code.last().map(|i| i.op()), Some(Op::CALLT));
    assert_listing(
        &body(&p),
        "0000 0 FUNCV 1
         0001 1 FNEW 0 0 ; =test:1
         0002 1 UCLO 0 32768 ; => 0003
         0003 1 RET0 0 1",
    );
    // Method definitions get `self`; upvalues of upvalues chain through the parent.
    let p = compiled(vec![
        local(&["a"], vec![num(1.0)]),
        st(StatKind::Function {
            name: FuncName { base: "t".into(), fields: vec!["b".into()], method: Some("m".into()) },
            func: func(
                &["x"],
                false,
                vec![ret(vec![fexpr(&[], vec![assign(vec![name("a")], vec![name("self")])])])],
            ),
        }),
    ]);
    let m = &p.protos[0];
    assert_eq!(m.numparams, 2);
    assert_eq!(m.varinfo[0].name, "self");
    let inner = &m.protos[0];
    assert_eq!(inner.uvnames, ["a", "self"]);
    assert!(!inner.uvdesc[0].in_parent_local && !inner.uvdesc[0].immutable, "a is assigned");
    assert!(inner.uvdesc[1].in_parent_local && inner.uvdesc[1].immutable);
    assert_eq!(m.uvnames, ["a"]);
    assert!(m.uvdesc[0].in_parent_local && !m.uvdesc[0].immutable);
}

#[test]
fn gotos() {
    assert_listing(
        &list(vec![doblock(vec![goto("a")]), label("a"), label("b"), goto("b")]),
        "0000 0 FUNCV 1
         0001 1 JMP 0 32768 ; => 0002
         0002 1 LOOP 0 32767 ; => 0002
         0003 1 JMP 0 32766 ; => 0002
         0004 1 RET0 0 1",
    );
    // A label at the end of a block is outside the scope of the block's locals.
    compiled(vec![doblock(vec![goto("a"), local(&["x"], vec![]), label("a")])]);
    // Same label name in nested blocks is fine in LuaJIT.
    compiled(vec![doblock(vec![label("a")]), label("a")]);
}

#[test]
fn goto_errors() {
    assert_eq!(
        err(vec![
            goto("a"),
            at(2, local(&["x"], vec![])),
            label("a"),
            scall(call(name("print"), vec![name("x")]))
        ]),
        "test:1: <goto a> jumps into the scope of local 'x'"
    );
    assert_eq!(err(vec![doblock(vec![at(3, goto("a"))])]), "test:3: undefined label 'a'");
    assert_eq!(err(vec![at(2, st(StatKind::Break))]), "test:2: no loop to break");
    assert_eq!(err(vec![label("a"), at(4, label("a"))]), "test:4: duplicate label 'a'");
    // `until` sees the body's locals, so a label before it is not trailing.
    assert_eq!(
        err(vec![st(StatKind::Repeat {
            body: block(vec![goto("a"), local(&["x"], vec![]), label("a")]),
            cond: name("x")
        })]),
        "test:1: <goto a> jumps into the scope of local 'x'"
    );
}

#[test]
fn limits() {
    let names: Vec<String> = (0..201).map(|i| format!("a{i}")).collect();
    let refs: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
    assert_eq!(err(vec![local(&refs, vec![])]), "test:1: main function has more than 200 local variables");
    compiled(vec![local(&refs[..199], vec![])]);
    // 61 upvalues.
    let mut stats: Vec<Stat> = (0..61).map(|i| local(&[refs[i]], vec![num(0.0)])).collect();
    let sum = (0..61).fold(num(0.0), |acc, i| bin(BinOp::Add, acc, name(refs[i])));
    let mut f = func(&[], false, vec![ret(vec![sum])]);
    f.line = Line(7);
    stats.push(ret(vec![ex(ExprKind::Function(Box::new(f)))]));
    assert_eq!(err(stats), "test:7: function at line 7 has more than 60 upvalues");
    // Too many registers.
    let args: Vec<Expr> = (0..300).map(|i| name(&format!("g{i}"))).collect();
    assert_eq!(err(vec![scall(call(name("f"), args))]), "test:1: function or expression too complex");
    // Vararg outside a vararg function.
    assert_eq!(
        err(vec![ret(vec![fexpr(&[], vec![ret(vec![vararg()])])])]),
        "test:1: cannot use '...' outside a vararg function near '...'"
    );
    // Too many constants.
    let stats: Vec<Stat> = (0..70000).map(|i| assign(vec![name("x")], vec![num(i as f64 + 0.5)])).collect();
    assert_eq!(err(stats), "test:1: main function has more than 65536 constants");
}

#[test]
fn nesting_depth() {
    // Deeply nested expressions are an error, not a stack overflow.
    let mut e = name("x");
    for _ in 0..1000 {
        e = un(UnOp::Neg, e);
    }
    assert_eq!(err(vec![local(&["y"], vec![e])]), "test:1: chunk has too many syntax levels");
    // The parser nests on right-associative `..`, so LuaJIT counts its levels too.
    let mut c = name("z");
    for _ in 0..300 {
        c = bin(BinOp::Concat, name("y"), c);
    }
    assert_eq!(err(vec![local(&["y"], vec![c])]), "test:1: chunk has too many syntax levels");
    // Long left-leaning chains are compiled in a loop.
    let mut e = name("x");
    for _ in 0..20000 {
        e = bin(BinOp::Add, e, num(1.0));
    }
    let mut t = name("t");
    for _ in 0..20000 {
        t = idx(call(t, vec![]), s("f"));
    }
    let mut c = name("z");
    for _ in 0..100 {
        c = bin(BinOp::Concat, name("y"), c);
    }
    let c = chunk(vec![local(&["y"], vec![e]), local(&["u"], vec![t]), local(&["v"], vec![c])]);
    let p = compile(&c, "=test").unwrap_or_else(|e| panic!("{e}"));
    check_tree(&p);
    // Dropping such a tree recurses (the AST's drop glue), which is not the compiler's
    // concern here.
    std::mem::forget(c);
}

// ---- Random trees. ----------------------------------------------------------------

/// A small deterministic generator of valid trees (xorshift; the seed is printed on
/// failure through the panic message of `compiled`).
struct Gen {
    state: u64,
    in_vararg: Vec<bool>,
    loops: u32,
}

impl Gen {
    fn next(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.state = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn name(&mut self) -> String {
        ["a", "b", "c", "d", "x", "y", "t", "f", "self", "i"][self.below(10) as usize].to_string()
    }

    fn leaf(&mut self) -> Expr {
        match self.below(10) {
            0 => nil(),
            1 => tru(),
            2 => ex(ExprKind::False),
            3 => num([0.0, 1.0, 2.5, 255.0, 256.0, 65536.0, 1e300, 0.1][self.below(8) as usize]),
            4 => s(["", "k", "x", "long string"][self.below(4) as usize]),
            5 if *self.in_vararg.last().unwrap_or(&false) => vararg(),
            _ => name(&self.name()),
        }
    }

    fn exprs(&mut self, depth: u32, max: u64) -> Vec<Expr> {
        (0..self.below(max + 1)).map(|_| self.expr(depth)).collect()
    }

    fn expr(&mut self, depth: u32) -> Expr {
        if depth == 0 {
            return self.leaf();
        }
        let d = depth - 1;
        use BinOp::*;
        let ops = [Add, Sub, Mul, Div, Mod, Pow, Concat, Eq, Ne, Lt, Le, Gt, Ge, And, Or];
        match self.below(14) {
            0..=2 => {
                let op = ops[self.below(ops.len() as u64) as usize];
                bin(op, self.expr(d), self.expr(d))
            }
            3 => {
                let op = [UnOp::Neg, UnOp::Not, UnOp::Len][self.below(3) as usize];
                un(op, self.expr(d))
            }
            4 => call(self.expr(d), self.exprs(d, 3)),
            5 => mcall(self.expr(d), "m", self.exprs(d, 2)),
            6 => idx(self.expr(d), self.expr(d)),
            7 => idx(self.expr(d), s("fld")),
            8 => ex(ExprKind::Paren(Box::new(call(name("g"), self.exprs(d, 2))))),
            9 => {
                let n = self.below(5);
                let fields = (0..n)
                    .map(|_| match self.below(3) {
                        0 => TableField::Positional(self.expr(d)),
                        1 => TableField::Named(self.name(), self.expr(d)),
                        _ => TableField::Keyed(self.expr(d), self.expr(d)),
                    })
                    .collect();
                ex(ExprKind::Table(fields))
            }
            10 => {
                let f = self.func(d);
                ex(ExprKind::Function(Box::new(f)))
            }
            _ => self.leaf(),
        }
    }

    fn func(&mut self, depth: u32) -> FuncBody {
        let vararg = self.below(2) == 0;
        self.in_vararg.push(vararg);
        let loops = std::mem::replace(&mut self.loops, 0);
        let params: Vec<String> = (0..self.below(3)).map(|_| self.name()).collect();
        let body = self.block(depth);
        self.loops = loops;
        self.in_vararg.pop();
        FuncBody { params, vararg, body, line: Line(1), end_line: Line(1) }
    }

    fn block(&mut self, depth: u32) -> Block {
        let n = self.below(4);
        let mut stats: Vec<Stat> = (0..n).map(|_| self.stat(depth)).collect();
        if self.below(4) == 0 {
            stats.push(ret(self.exprs(depth.saturating_sub(1), 3)));
        }
        block(stats)
    }

    fn target(&mut self, d: u32) -> Expr {
        if self.below(2) == 0 { name(&self.name()) } else { idx(self.expr(d), self.expr(d)) }
    }

    fn stat(&mut self, depth: u32) -> Stat {
        let d = depth.saturating_sub(1);
        let names = |g: &mut Gen| (0..g.below(3) + 1).map(|_| g.name()).collect::<Vec<_>>();
        let kind = match self.below(if depth == 0 { 4 } else { 16 }) {
            0 => StatKind::Local { names: names(self), exprs: self.exprs(d, 3) },
            1 => {
                let targets = (0..self.below(3) + 1).map(|_| self.target(d)).collect();
                StatKind::Assign { targets, exprs: self.exprs(d, 3).into_iter().chain([num(1.0)]).collect() }
            }
            2 => StatKind::Call(call(self.expr(d), self.exprs(d, 3))),
            3 => StatKind::Call(mcall(self.expr(d), "m", self.exprs(d, 3))),
            4 => StatKind::Do(self.block(d)),
            5 | 6 => {
                self.loops += 1;
                let kind = self.below(4);
                // `continue` via a trailing label (not in `repeat`, whose `until` keeps
                // the body's locals in scope).
                let cont = kind != 1 && self.below(2) == 0;
                let mut body = self.block(d);
                if cont && !matches!(body.stats.last().map(|s| &s.kind), Some(StatKind::Return(_))) {
                    body.stats.insert(
                        0,
                        st(StatKind::If {
                            arms: vec![(self.expr(d), block(vec![goto("cont")]))],
                            orelse: None,
                        }),
                    );
                    body.stats.push(label("cont"));
                }
                self.loops -= 1;
                match kind {
                    0 => StatKind::While { cond: self.expr(d), body },
                    1 => StatKind::Repeat { body, cond: self.expr(d) },
                    2 => StatKind::NumericFor {
                        var: self.name(),
                        start: self.expr(d),
                        limit: self.expr(d),
                        step: if self.below(2) == 0 { Some(self.expr(d)) } else { None },
                        body,
                    },
                    _ => StatKind::GenericFor { names: names(self), exprs: self.exprs(d, 3), body },
                }
            }
            7 => {
                let arms = (0..self.below(3) + 1).map(|_| (self.expr(d), self.block(d))).collect();
                StatKind::If { arms, orelse: if self.below(2) == 0 { Some(self.block(d)) } else { None } }
            }
            8 => StatKind::LocalFunction { name: self.name(), func: self.func(d) },
            9 => StatKind::Function {
                name: FuncName {
                    base: self.name(),
                    fields: (0..self.below(2)).map(|_| self.name()).collect(),
                    method: if self.below(2) == 0 { Some("m".into()) } else { None },
                },
                func: self.func(d),
            },
            10 if self.loops > 0 => StatKind::Break,
            _ => StatKind::Local { names: names(self), exprs: vec![self.expr(d)] },
        };
        st(kind)
    }
}

#[test]
fn random_trees_satisfy_invariants() {
    let mut errors = 0;
    for seed in 1..3000u64 {
        let mut g =
            Gen { state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, in_vararg: vec![true], loops: 0 };
        let depth = 2 + (seed % 5) as u32;
        let c = Chunk { body: g.block(depth), end_line: Line(0) };
        match compile(&c, "=rand") {
            Ok(p) => check_tree(&p),
            Err(e) => {
                errors += 1;
                assert!(e.msg.contains("too complex"), "seed {seed}: {e}");
            }
        }
    }
    assert!(errors < 30, "{errors} trees failed to compile");
}

// ---- Parsed programs. --------------------------------------------------------------

fn parsed(src: &str) -> Proto {
    let chunk = crate::syntax::parse(src.as_bytes(), "=src").unwrap_or_else(|e| panic!("{e}"));
    let p = compile(&chunk, "=src").unwrap_or_else(|e| panic!("{e}"));
    check_tree(&p);
    p
}

/// The line of the first instruction with opcode `op`.
fn line_of(p: &Proto, op: Op) -> u32 {
    let pc =
        p.code.iter().position(|i| i.op() == op).unwrap_or_else(|| panic!("no {op:?}:\n{}", listing_one(p)));
    p.lines[pc]
}

#[test]
fn lines_follow_luajit() {
    // Checked against `luajit` (jit.util.funcinfo(f, pc).currentline).
    let p = parsed("local a, b, t = 1, 2, {}\nlocal x = a +\n  b +\n  t.x.y\n");
    let adds: Vec<u32> =
        p.code.iter().zip(&p.lines).filter(|(i, _)| i.op() == Op::ADDVV).map(|(_, l)| *l).collect();
    assert_eq!(adds, [3, 4]);
    assert_eq!(line_of(&p, Op::TGETS), 4);
    // A call's line is that of its opening parenthesis; the store after a multi-line
    // right-hand side gets the line where it ends.
    let p = parsed("local co\nco = f(function()\n  g()\nend)\n");
    assert_eq!(line_of(&p, Op::CALL), 2);
    assert_eq!(line_of(&p, Op::FNEW), 4);
    assert_eq!(line_of(&p, Op::MOV), 4);
    // Loop control instructions take the line of the loop header.
    let p = parsed("for i = 1,\n  3 do\n  f()\nend\nfor k, v in\n  pairs(t) do\nend\n");
    assert_eq!(line_of(&p, Op::FORL), 1);
    assert_eq!(line_of(&p, Op::ITERC), 6);
    assert_eq!(line_of(&p, Op::ITERL), 6);
}

/// Every program of the conformance suite and the benchmarks compiles to prototypes
/// that satisfy the invariants.
#[test]
fn repository_programs_satisfy_invariants() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs = vec![root.join("conformance"), root.join("bench")];
    let mut n = 0;
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "lua") {
                let src = std::fs::read(&path).unwrap_or_default();
                let name = format!("@{}", path.display());
                // Some programs test syntax or compile errors on purpose.
                let Ok(chunk) = crate::syntax::parse(&src, &name) else { continue };
                if let Ok(p) = compile(&chunk, &name) {
                    check_tree(&p);
                    n += 1;
                }
            }
        }
    }
    assert!(n > 100, "only {n} programs found");
}

/// The deepest programs the parser accepts compile within a 1 MiB stack.
#[test]
fn deepest_parsed_programs_fit_a_small_stack() {
    let deep = |head: &str, open: &str, mid: &str, close: &str| {
        // One below the nesting LuaJIT rejects ("chunk has too many syntax levels").
        (1..200)
            .rev()
            .map(|n| format!("{head}{}{mid}{}\n", open.repeat(n), close.repeat(n)))
            .find(|src| crate::syntax::parse(src.as_bytes(), "=deep").is_ok())
            .unwrap_or_default()
    };
    let programs = [
        deep("local v = ", "function() return ", "1", " end"),
        deep("local v = ", "{", "", "}"),
        deep("local v = ", "(", "1", ")"),
        deep("local v = ", "-", "1", ""),
        deep("local v = ", "f(", "", ")"),
        deep("local v = ", "1 .. ", "1", ""),
        deep("", "do local x = 1 ", "", " end"),
        deep("", "while x do if y then ", "", " end end"),
    ];
    let worker = std::thread::Builder::new().stack_size(1 << 20).spawn(move || {
        for src in &programs {
            assert!(!src.is_empty());
            let chunk = crate::syntax::parse(src.as_bytes(), "=deep").unwrap_or_else(|e| panic!("{e}"));
            // Register exhaustion is an acceptable outcome; a stack overflow is not.
            if let Ok(p) = compile(&chunk, "=deep") {
                check_tree(&p);
            }
        }
    });
    worker
        .and_then(|h| h.join().map_err(|_| std::io::Error::other("panicked")))
        .unwrap_or_else(|e| panic!("{e}"));
}
