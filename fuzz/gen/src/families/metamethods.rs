//! Metamethod frame gaps: metamethods (`__add`, `__sub`, `__mul`, `__unm`, `__index`,
//! `__newindex`, `__call`, `__concat`, `__eq`, `__lt`, `__le`; Lua 5.1 has no table
//! `__len`) called from a hot loop, whose bodies run hot loops of their own, take
//! branches, raise errors (then the loop calls them under `pcall`), use varargs, call
//! `pcall` themselves, and trigger further metamethods.
//!
//! ```lua
//! do
//!   local mt, o, p = {}, nil, nil
//!   local function val(x) if type(x) == "table" then return x.v end return x end
//!   mt.__add = function(a, b) local x = val(a) + val(b)
//!     for j = 1, M do x = x + <num> end      -- a loop inside the metamethod
//!     if x % 7 == 3 then error("mm", 0) end  -- an exit of another kind
//!     return x + #(o .. 1) end               -- a further metamethod (__concat)
//!   mt.__concat = function(a, b) return "c" .. val(b) end
//!   o, p = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
//!   for i = 1, N do local ok, r = pcall(function() return o + i end) ... end
//! end
//! ```
//!
//! Nested triggers only go one way along the list of chosen metamethods (metamethod k
//! triggers only those after it), so metamethods never recurse into each other.

use twin_lua::syntax::ast::{Expr, Stat};

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, bool_expr, num_expr};
use crate::prelude::out;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mm {
    Add,
    Sub,
    Mul,
    Unm,
    Index,
    NewIndex,
    Call,
    Concat,
    Eq,
    Lt,
    Le,
}

impl Mm {
    fn key(self) -> &'static str {
        match self {
            Mm::Add => "__add",
            Mm::Sub => "__sub",
            Mm::Mul => "__mul",
            Mm::Unm => "__unm",
            Mm::Index => "__index",
            Mm::NewIndex => "__newindex",
            Mm::Call => "__call",
            Mm::Concat => "__concat",
            Mm::Eq => "__eq",
            Mm::Lt => "__lt",
            Mm::Le => "__le",
        }
    }
}

struct Names {
    o: String,
    p: String,
    val: String,
    i: String,
}

/// An expression that triggers `mm` and evaluates to a number (for `__newindex`, which
/// has no value, `None`).
fn trigger(mm: Mm, n: &Names, arg: Expr) -> Option<Expr> {
    let o = || name(&n.o);
    let p = || name(&n.p);
    let flag = |c: Expr| or(and(c, int(1)), int(0));
    Some(match mm {
        Mm::Add => add(o(), arg),
        Mm::Sub => sub(arg, o()),
        Mm::Mul => mul(o(), p()),
        Mm::Unm => neg(o()),
        Mm::Index => index(o(), add(modulo(arg, int(5)), int(100))),
        Mm::Call => call(o(), vec![arg, int(2)]),
        Mm::Concat => len(concat(o(), arg)),
        Mm::Eq => flag(eq(o(), p())),
        Mm::Lt => flag(lt(o(), p())),
        Mm::Le => flag(le(p(), o())),
        Mm::NewIndex => return None,
    })
}

/// `o["k" .. (arg % 4)] = arg`: `__newindex` runs the first time each key is stored
/// (the metamethod `rawset`s it), afterwards the store is plain.
fn newindex_store(n: &Names, arg: Expr) -> Stat {
    assign(index(name(&n.o), concat(str("k"), modulo(arg.clone(), int(4)))), arg)
}

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let n = Names { o: ctx.fresh("o"), p: ctx.fresh("p"), val: ctx.fresh("val"), i: ctx.fresh("i") };
    let mt = ctx.fresh("mt");
    let acc = ctx.fresh("acc");
    let fails = ctx.fresh("fails");
    let all = [
        Mm::Add,
        Mm::Sub,
        Mm::Mul,
        Mm::Unm,
        Mm::Index,
        Mm::NewIndex,
        Mm::Call,
        Mm::Concat,
        Mm::Eq,
        Mm::Lt,
        Mm::Le,
    ];
    let mut chosen: Vec<Mm> = Vec::new();
    for _ in 0..ctx.int(2, 4) {
        let m = ctx.pick(&all);
        if !chosen.contains(&m) {
            chosen.push(m);
        }
    }
    if !ctx.feature(Feature::Varargs) {
        chosen.retain(|&m| m != Mm::Call);
        if chosen.is_empty() {
            chosen.push(Mm::Add);
        }
    }
    // Mul, Eq, Lt and Le compare or combine o with p, so both carry the metatable.
    let mut stats = vec![
        local(&mt, table(vec![])),
        locals(&[&n.o, &n.p], vec![]),
        local(&acc, int(0)),
        local(&fails, int(0)),
        local_fn(
            &n.val,
            &["x"],
            false,
            vec![
                if_(eq(callp("type", vec![name("x")]), str("table")), vec![ret(vec![field(name("x"), "v")])]),
                ret(vec![name("x")]),
            ],
        ),
    ];
    let mut errs = vec![false; chosen.len()];
    // Last first: a metamethod's body needs to know which later ones can fail.
    for k in (0..chosen.len()).rev() {
        let (body, params, vararg, e) = metamethod(ctx, &n, chosen[k], &chosen[k + 1..], &errs[k + 1..]);
        errs[k] = e;
        let params: Vec<&str> = params.to_vec();
        // Both spellings: `mt.__add = function(a, b) ... end`, `function mt.__add(a, b) ... end`.
        if ctx.chance(50) {
            stats.push(assign(field(name(&mt), chosen[k].key()), func(&params, vararg, body)));
        } else {
            stats.push(function_stat(&mt, &[chosen[k].key()], None, funcbody(&params, vararg, body)));
        }
    }
    stats.push(assign_many(
        vec![name(&n.o), name(&n.p)],
        vec![
            callp("setmetatable", vec![table(vec![named("v", int(1))]), name(&mt)]),
            callp("setmetatable", vec![table(vec![named("v", int(ctx.int(-3, 3)))]), name(&mt)]),
        ],
    ));

    // Changing o.v (a present key: no __newindex) varies what the metamethods see, so
    // their branches and errors depend on the iteration even for `o * p` or `-o`.
    let mut body = Vec::new();
    if ctx.chance(70) {
        let m = ctx.int(3, 17);
        body.push(assign(field(name(&n.o), "v"), modulo(name(&n.i), int(m))));
    }
    for (k, &m) in chosen.iter().enumerate() {
        body.extend(use_site(ctx, &n, m, errs[k], &acc, &fails));
    }
    ctx.checkpoint(&mut body);
    let trips = i64::from(ctx.cfg.trip());
    stats.push(for_num(&n.i, int(1), int(trips), None, body));
    stats.push(out("mm", vec![name(&acc), name(&fails)]));
    stats
}

/// The statement(s) in the hot loop that trigger `m`; under `pcall` when it can fail.
fn use_site(ctx: &mut Ctx<'_>, n: &Names, m: Mm, fails: bool, acc: &str, nfails: &str) -> Vec<Stat> {
    let arg = name(&n.i);
    let Some(t) = trigger(m, n, arg.clone()) else {
        let store = newindex_store(n, arg);
        if !fails {
            return vec![store];
        }
        let ok = ctx.fresh("ok");
        let mut caught = vec![inc(nfails, int(1))];
        ctx.checkpoint(&mut caught);
        return vec![
            local(&ok, callp("pcall", vec![func(&[], false, vec![store])])),
            if_(not(name(&ok)), caught),
        ];
    };
    if !fails {
        return vec![inc(acc, t)];
    }
    let ok = ctx.fresh("ok");
    let r = ctx.fresh("r");
    let mut caught = vec![inc(nfails, int(1))];
    ctx.checkpoint(&mut caught);
    vec![
        locals(&[&ok, &r], vec![callp("pcall", vec![func(&[], false, vec![ret(vec![t])])])]),
        if_else(name(&ok), vec![inc(acc, name(&r))], caught),
    ]
}

/// The body of metamethod `m`: its parameters, whether it is vararg, and whether it may
/// raise an error. `later` are the metamethods it may trigger (with their error flags).
fn metamethod(
    ctx: &mut Ctx<'_>,
    n: &Names,
    m: Mm,
    later: &[Mm],
    later_errs: &[bool],
) -> (Vec<Stat>, &'static [&'static str], bool, bool) {
    let v = |x: &str| call(name(&n.val), vec![name(x)]);
    let (params, vararg, x0): (&'static [&'static str], bool, Expr) = match m {
        Mm::Add | Mm::Sub | Mm::Mul | Mm::Concat | Mm::Eq | Mm::Lt | Mm::Le => {
            (&["a", "b"], false, add(v("a"), v("b")))
        }
        Mm::Unm => (&["a"], false, v("a")),
        Mm::Index => (&["t", "k"], false, add(field(name("t"), "v"), name("k"))),
        Mm::NewIndex => (&["t", "k", "v"], false, name("v")),
        Mm::Call => (
            &["self"],
            true,
            add(callp("select", vec![str("#"), vararg()]), call(name(&n.val), vec![paren(vararg())])),
        ),
    };
    let env = Env { nums: vec!["x".into()], ..Env::default() };
    let mut body = vec![local("x", x0)];
    // A hot loop of the metamethod's own.
    if ctx.chance(60) {
        let j = ctx.fresh("j");
        let e = num_expr(ctx, &env.with_num(&j), 2);
        let trips = ctx.int(1, 60);
        let mut lb = vec![set("x", e)];
        if ctx.chance(30) {
            let c = bool_expr(ctx, &env.with_num(&j), 1);
            lb = vec![if_else(c, lb, vec![set("x", sub(name("x"), name(&j)))])];
        }
        body.push(for_num(&j, int(1), int(trips), None, lb));
    }
    ctx.checkpoint(&mut body);
    // An error on some inputs: x is computed from the loop index, so it fires on some
    // iterations only (NaN inputs never satisfy the test, which is fine).
    let errs = ctx.feature(Feature::ErrorPaths) && ctx.chance(35);
    if errs {
        let md = ctx.int(3, 9);
        body.push(if_(
            eq(modulo(name("x"), int(md)), int(ctx.int(0, md - 1))),
            vec![call_stat(callp("error", vec![str(&format!("{}-failed", m.key())), int(0)]))],
        ));
    }
    // A pcall inside the metamethod.
    if ctx.feature(Feature::ErrorPaths) && ctx.chance(25) {
        let ok = ctx.fresh("ok");
        body.push(local(&ok, callp("pcall", vec![path("error"), str("inner"), int(0)])));
        body.push(if_(not(name(&ok)), vec![inc("x", int(1))]));
    }
    // A further metamethod, unless that one can fail (its error would surface here).
    if !later.is_empty() && ctx.chance(50) {
        let k = ctx.below(later.len());
        if !later_errs[k] {
            match trigger(later[k], n, int(3)) {
                Some(t) => body.push(inc("x", t)),
                None => body.push(newindex_store(n, int(3))),
            }
        }
    }
    let result = match m {
        Mm::Concat => concat(str("c"), modulo(name("x"), int(100))),
        Mm::Eq => eq(modulo(name("x"), int(2)), int(0)),
        Mm::Lt | Mm::Le => lt(name("x"), int(ctx.int(0, 50))),
        Mm::NewIndex => {
            body.push(call_stat(callp("rawset", vec![name("t"), name("k"), name("x")])));
            return (body, params, vararg, errs);
        }
        _ => name("x"),
    };
    body.push(ret(vec![result]));
    (body, params, vararg, errs)
}
