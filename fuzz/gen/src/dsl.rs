//! Terse constructors for the `twin_lua::syntax::ast` trees the families build.
//!
//! Every node gets line 0 (lines do not take part in tree equality; the printer decides
//! the real layout). Numbers are the one place with a rule to keep: the AST holds only
//! non-negative finite literals in canonical form, so [`num`] spells negatives, `-0`,
//! NaN and the infinities as the expressions a programmer would write (`-x`, `0/0`,
//! `math.huge`).

use twin_lua::syntax::ast::{
    BinOp, Block, Expr, ExprKind, FuncBody, FuncName, Line, Stat, StatKind, TableField, UnOp,
};

fn e(kind: ExprKind) -> Expr {
    Expr::new(kind, Line(0))
}

fn st(kind: StatKind) -> Stat {
    Stat::new(kind, Line(0))
}

pub fn nil() -> Expr {
    e(ExprKind::Nil)
}

pub fn boolean(b: bool) -> Expr {
    e(if b { ExprKind::True } else { ExprKind::False })
}

pub fn vararg() -> Expr {
    e(ExprKind::Vararg)
}

/// Any double, written the way source code must spell it.
pub fn num(v: f64) -> Expr {
    if v.is_nan() {
        bin(BinOp::Div, num(0.0), num(0.0))
    } else if v.is_infinite() {
        let huge = path("math.huge");
        if v > 0.0 { huge } else { neg(huge) }
    } else if v.is_sign_negative() {
        neg(num(-v))
    } else {
        e(ExprKind::Number(v))
    }
}

/// An integer-valued number literal.
pub fn int(v: i64) -> Expr {
    num(v as f64)
}

pub fn int64(v: i64) -> Expr {
    // A literal is never negative: `-5LL` is the negation of `5LL`, and i64::MIN, whose
    // magnitude has no i64, is `-9223372036854775807LL - 1LL`.
    match v {
        i64::MIN => sub(neg(e(ExprKind::Int64(i64::MAX))), e(ExprKind::Int64(1))),
        v if v < 0 => neg(e(ExprKind::Int64(-v))),
        v => e(ExprKind::Int64(v)),
    }
}

pub fn uint64(v: u64) -> Expr {
    e(ExprKind::UInt64(v))
}

pub fn str(s: &str) -> Expr {
    bytes(s.as_bytes())
}

pub fn bytes(b: &[u8]) -> Expr {
    e(ExprKind::String(b.to_vec()))
}

pub fn name(n: &str) -> Expr {
    e(ExprKind::Name(n.to_string()))
}

/// `a.b.c` from `"a.b.c"`.
pub fn path(p: &str) -> Expr {
    let mut parts = p.split('.');
    let mut x = name(parts.next().unwrap_or(p));
    for f in parts {
        x = field(x, f);
    }
    x
}

pub fn field(obj: Expr, f: &str) -> Expr {
    index(obj, str(f))
}

pub fn index(obj: Expr, key: Expr) -> Expr {
    e(ExprKind::Index(Box::new(obj), Box::new(key)))
}

pub fn call(f: Expr, args: Vec<Expr>) -> Expr {
    e(ExprKind::Call(Box::new(f), args))
}

/// `call(path(f), args)`, the common case of calling a global or library function.
pub fn callp(f: &str, args: Vec<Expr>) -> Expr {
    call(path(f), args)
}

pub fn method(obj: Expr, m: &str, args: Vec<Expr>) -> Expr {
    e(ExprKind::MethodCall(Box::new(obj), m.to_string(), args))
}

pub fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
    e(ExprKind::BinOp(op, Box::new(a), Box::new(b)))
}

pub fn add(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Add, a, b)
}

pub fn sub(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Sub, a, b)
}

pub fn mul(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Mul, a, b)
}

pub fn div(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Div, a, b)
}

pub fn modulo(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Mod, a, b)
}

pub fn concat(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Concat, a, b)
}

pub fn eq(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Eq, a, b)
}

pub fn ne(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Ne, a, b)
}

pub fn lt(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Lt, a, b)
}

pub fn le(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Le, a, b)
}

pub fn ge(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Ge, a, b)
}

pub fn gt(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Gt, a, b)
}

pub fn and(a: Expr, b: Expr) -> Expr {
    bin(BinOp::And, a, b)
}

pub fn or(a: Expr, b: Expr) -> Expr {
    bin(BinOp::Or, a, b)
}

pub fn neg(a: Expr) -> Expr {
    e(ExprKind::UnOp(UnOp::Neg, Box::new(a)))
}

pub fn not(a: Expr) -> Expr {
    e(ExprKind::UnOp(UnOp::Not, Box::new(a)))
}

pub fn len(a: Expr) -> Expr {
    e(ExprKind::UnOp(UnOp::Len, Box::new(a)))
}

/// `(x)`: truncates a multi-valued expression to its first value.
pub fn paren(a: Expr) -> Expr {
    e(ExprKind::Paren(Box::new(a)))
}

pub fn table(fields: Vec<TableField>) -> Expr {
    e(ExprKind::Table(fields))
}

pub fn array(items: Vec<Expr>) -> Expr {
    table(items.into_iter().map(TableField::Positional).collect())
}

pub fn item(v: Expr) -> TableField {
    TableField::Positional(v)
}

pub fn named(n: &str, v: Expr) -> TableField {
    TableField::Named(n.to_string(), v)
}

pub fn keyed(k: Expr, v: Expr) -> TableField {
    TableField::Keyed(k, v)
}

pub fn funcbody(params: &[&str], vararg: bool, body: Vec<Stat>) -> FuncBody {
    FuncBody {
        params: params.iter().map(|p| p.to_string()).collect(),
        vararg,
        body: Block { stats: body },
        line: Line(0),
        end_line: Line(0),
    }
}

pub fn func(params: &[&str], vararg: bool, body: Vec<Stat>) -> Expr {
    e(ExprKind::Function(Box::new(funcbody(params, vararg, body))))
}

pub fn block(stats: Vec<Stat>) -> Block {
    Block { stats }
}

pub fn local(n: &str, v: Expr) -> Stat {
    st(StatKind::Local { names: vec![n.to_string()], exprs: vec![v] })
}

pub fn locals(names: &[&str], exprs: Vec<Expr>) -> Stat {
    st(StatKind::Local { names: names.iter().map(|n| n.to_string()).collect(), exprs })
}

pub fn local_fn(n: &str, params: &[&str], vararg: bool, body: Vec<Stat>) -> Stat {
    st(StatKind::LocalFunction { name: n.to_string(), func: funcbody(params, vararg, body) })
}

/// `function a.b:m(...) end`.
pub fn function_stat(base: &str, fields: &[&str], method: Option<&str>, func: FuncBody) -> Stat {
    let name = FuncName {
        base: base.to_string(),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        method: method.map(str::to_string),
    };
    st(StatKind::Function { name, func })
}

pub fn assign(target: Expr, v: Expr) -> Stat {
    st(StatKind::Assign { targets: vec![target], exprs: vec![v] })
}

pub fn assign_many(targets: Vec<Expr>, exprs: Vec<Expr>) -> Stat {
    st(StatKind::Assign { targets, exprs })
}

/// `n = v` for a plain name.
pub fn set(n: &str, v: Expr) -> Stat {
    assign(name(n), v)
}

pub fn call_stat(c: Expr) -> Stat {
    st(StatKind::Call(c))
}

pub fn do_(body: Vec<Stat>) -> Stat {
    st(StatKind::Do(block(body)))
}

pub fn while_(cond: Expr, body: Vec<Stat>) -> Stat {
    st(StatKind::While { cond, body: block(body) })
}

pub fn repeat(body: Vec<Stat>, cond: Expr) -> Stat {
    st(StatKind::Repeat { body: block(body), cond })
}

pub fn if_(cond: Expr, then: Vec<Stat>) -> Stat {
    st(StatKind::If { arms: vec![(cond, block(then))], orelse: None })
}

pub fn if_else(cond: Expr, then: Vec<Stat>, orelse: Vec<Stat>) -> Stat {
    st(StatKind::If { arms: vec![(cond, block(then))], orelse: Some(block(orelse)) })
}

pub fn for_num(var: &str, start: Expr, limit: Expr, step: Option<Expr>, body: Vec<Stat>) -> Stat {
    st(StatKind::NumericFor { var: var.to_string(), start, limit, step, body: block(body) })
}

pub fn for_in(names: &[&str], exprs: Vec<Expr>, body: Vec<Stat>) -> Stat {
    st(StatKind::GenericFor {
        names: names.iter().map(|n| n.to_string()).collect(),
        exprs,
        body: block(body),
    })
}

pub fn ret(vals: Vec<Expr>) -> Stat {
    st(StatKind::Return(vals))
}

pub fn brk() -> Stat {
    st(StatKind::Break)
}

pub fn goto(label: &str) -> Stat {
    st(StatKind::Goto(label.to_string()))
}

pub fn label(l: &str) -> Stat {
    st(StatKind::Label(l.to_string()))
}

/// `n = n + v`.
pub fn inc(n: &str, v: Expr) -> Stat {
    set(n, add(name(n), v))
}
