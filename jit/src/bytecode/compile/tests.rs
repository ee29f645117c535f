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
    Chunk { body: block(stats) }
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
    check_frame_links(p);
    for v in &p.varinfo {
        assert!(v.startpc <= v.endpc && v.endpc as usize <= n, "varinfo {v:?}");
        assert!((v.slot as u32) < fs);
    }
    assert_eq!(p.uvdesc.len(), p.uvnames.len());
}

/// Between loading a callee into A and the `CALL` at A, nothing but the call writes A+1.
fn check_frame_links(p: &Proto) {
    for pc in 1..p.code.len() {
        let i = p.code[pc];
        if !matches!(i.op(), Op::CALL | Op::CALLM | Op::CALLT | Op::CALLMT) {
            continue;
        }
        let link = i.a() as u32 + 1;
        // Walk back over the argument evaluation: instructions writing `link` as their
        // destination would clobber the frame link slot.
        for back in (1..pc).rev() {
            let j = p.code[back];
            if writes(j) == Some(link) {
                // Allowed only if the callee was loaded after that write.
                let callee_loaded_after = (back + 1..pc).any(|k| writes(p.code[k]) == Some(i.a() as u32));
                assert!(
                    callee_loaded_after,
                    "frame link {link} written at {back} before call at {pc}:\n{}",
                    listing_one(p)
                );
                break;
            }
            if writes(j) == Some(i.a() as u32) {
                break;
            }
        }
    }
}

/// The register an instruction writes as its destination (A), if it has one.
fn writes(i: crate::bytecode::op::Ins) -> Option<u32> {
    use Op::*;
    match i.op() {
        MOV | NOT | UNM | LEN | ADDVN | SUBVN | MULVN | DIVVN | MODVN | ADDNV | SUBNV | MULNV | DIVNV
        | MODNV | ADDVV | SUBVV | MULVV | DIVVV | MODVV | POW | CAT | KSTR | KCDATA | KSHORT | KNUM
        | KPRI | UGET | FNEW | TNEW | TDUP | GGET | TGETV | TGETS | TGETB => Some(i.a() as u32),
        _ => None,
    }
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

#[test]
fn zz_show() {
    use BinOp::*;
    let cases: Vec<(&str, Vec<Stat>)> = vec![
        ("local function f(n) if n < 2 then return n end return f(n-1) + f(n-2) end", vec![st(StatKind::LocalFunction { name: "f".into(), func: func(&["n"], false, vec![
            st(StatKind::If { arms: vec![(bin(Lt, name("n"), num(2.0)), block(vec![ret(vec![name("n")])]))], orelse: None }),
            ret(vec![bin(Add, call(name("f"), vec![bin(Sub, name("n"), num(1.0))]), call(name("f"), vec![bin(Sub, name("n"), num(2.0))]))]),
        ]) })]),
        ("for i=1,3 do local x = i; fs[i] = function() return x end end", vec![st(StatKind::NumericFor { var: "i".into(), start: num(1.0), limit: num(3.0), step: None, body: block(vec![
            local(&["x"], vec![name("i")]),
            assign(vec![idx(name("fs"), name("i"))], vec![fexpr(&[], vec![ret(vec![name("x")])])]),
        ]) })]),
        ("for k, v in pairs(t) do if v then break end end", vec![st(StatKind::GenericFor { names: vec!["k".into(), "v".into()], exprs: vec![call(name("pairs"), vec![name("t")])], body: block(vec![
            st(StatKind::If { arms: vec![(name("v"), block(vec![st(StatKind::Break)]))], orelse: None }),
        ]) })]),
        ("local i = 0 while i < 10 do i = i + 1 end", vec![local(&["i"], vec![num(0.0)]), st(StatKind::While { cond: bin(Lt, name("i"), num(10.0)), body: block(vec![assign(vec![name("i")], vec![bin(Add, name("i"), num(1.0))])]) })]),
        ("repeat local x = g(); h(function() return x end) until x", vec![st(StatKind::Repeat { body: block(vec![
            local(&["x"], vec![call(name("g"), vec![])]),
            scall(call(name("h"), vec![fexpr(&[], vec![ret(vec![name("x")])])])),
        ]), cond: name("x") })]),
        ("while true do local x; f = function() return x end; if c then break end end", vec![st(StatKind::While { cond: tru(), body: block(vec![
            local(&["x"], vec![]),
            assign(vec![name("f")], vec![fexpr(&[], vec![ret(vec![name("x")])])]),
            st(StatKind::If { arms: vec![(name("c"), block(vec![st(StatKind::Break)]))], orelse: None }),
        ]) })]),
        ("do goto a end ::a:: ::b:: goto b", vec![st(StatKind::Do(block(vec![st(StatKind::Goto("a".into()))]))), st(StatKind::Label("a".into())), st(StatKind::Label("b".into())), st(StatKind::Goto("b".into()))]),
        ("local a, b = ...; return ...", vec![local(&["a", "b"], vec![vararg()]), ret(vec![vararg()])]),
        ("function t.a.b:m(x) self.x = x end", vec![st(StatKind::Function { name: FuncName { base: "t".into(), fields: vec!["a".into(), "b".into()], method: Some("m".into()) }, func: func(&["x"], false, vec![assign(vec![idx(name("self"), s("x"))], vec![name("x")])]) })]),
        ("local a = {f(), g(), ...}", vec![local(&["a"], vec![ex(ExprKind::Table(vec![TableField::Positional(call(name("f"), vec![])), TableField::Positional(call(name("g"), vec![])), TableField::Positional(vararg())]))])]),
        ("local x = 1; return function() x = x + 1; return x end", vec![local(&["x"], vec![num(1.0)]), ret(vec![fexpr(&[], vec![assign(vec![name("x")], vec![bin(Add, name("x"), num(1.0))]), ret(vec![name("x")])])])]),
    ];
    for (src, stats) in cases {
        let p = compiled(stats);
        println!("== {src}\n{}", crate::bytecode::dump::listing(&p));
    }
}
