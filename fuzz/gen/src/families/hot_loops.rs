//! Hot loops that change under the trace: after a change point `k` (past the hot
//! threshold, before the end) a variable changes type, a branch flips, a table changes
//! shape or gets a metatable, or a called closure is replaced. Each change fails a
//! guard of the compiled loop, so side traces get recorded and linked.
//!
//! ```lua
//! do
//!   local acc, x, s, t = 0, 3, "ab", {a = 1, b = 2, 10, 20}
//!   local f = function(a) return <num> end
//!   for i = 1, N do                    -- N in 60..300, or while/nested forms
//!     if i == k then x = "12.5" end      -- the change(s)
//!     <random statements>
//!     acc = acc + x * 2                -- uses that make the change matter
//!     acc = acc + (t.a or 0) + f(i)
//!     for _, v in ipairs(t) do ... end -- sometimes: ipairs/pairs/next walks
//!   end
//!   twin_out("hot", acc, s, x)
//! end
//! ```

use twin_lua::syntax::ast::{Expr, Stat};

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, bool_expr, capped_str, num_expr, small_num, str_lit};
use crate::prelude::out;
use crate::stmt::{Scope, block, loop_body};

#[derive(Clone, Copy, PartialEq)]
enum Change {
    Type,
    Branch,
    Shape,
    Metatable,
    Closure,
    NewTable,
}

/// A new value for the loose variable: a number of another kind, a numeric string, or
/// an arithmetic proxy.
fn loose_value(ctx: &mut Ctx<'_>) -> Expr {
    match ctx.below(5) {
        0 => str(ctx.pick(&["12", "12.5", "-3", "0x10", " 7 ", "1e3"])),
        1 if ctx.feature(Feature::Metatables) => {
            ctx.uses_proxy = true;
            let n = small_num(ctx);
            call(name("twin_proxy"), vec![n])
        }
        2 => num(ctx.int(-40, 40) as f64 + 0.5),
        3 => num(2f64.powi(ctx.int(31, 60) as i32) + ctx.int(-2, 2) as f64),
        _ => small_num(ctx),
    }
}

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let acc = ctx.fresh("acc");
    let x = ctx.fresh("x");
    let s = ctx.fresh("s");
    let t = ctx.fresh("t");
    let f = ctx.fresh("f");
    let i = ctx.fresh("i");
    let n = i64::from(ctx.cfg.trip());
    let closures = ctx.feature(Feature::Closures);

    let x0 = small_num(ctx);
    let s0 = str_lit(ctx);
    let mut out_stats = vec![
        local(&acc, int(0)),
        local(&x, x0),
        local(&s, s0),
        local(&t, table(vec![named("a", int(1)), named("b", int(2)), item(int(10)), item(int(20))])),
    ];
    let fenv = Env { nums: vec!["a".into()], ..Env::default() };
    if closures {
        let body = num_expr(ctx, &fenv, 2);
        let mut fbody = vec![ret(vec![body])];
        if ctx.chance(30) {
            // An upvalue written from the traced call.
            let e = num_expr(ctx, &fenv, 1);
            fbody.insert(0, inc(&acc, e));
        }
        out_stats.push(local(&f, func(&["a"], false, fbody)));
    }

    let env = Env {
        nums: vec![acc.clone(), i.clone()],
        loose: vec![x.clone()],
        strs: vec![s.clone()],
        tabs: vec![t.clone()],
    };
    let scope = Scope {
        env: env.clone(),
        mut_nums: vec![acc.clone()],
        mut_strs: vec![s.clone()],
        ..Scope::default()
    };

    // The change point: late enough that the loop is compiled (also at LuaJIT's default
    // hotloop of 56 when N is large), early enough that the new path gets hot too.
    let k = ctx.int(n / 5, n * 3 / 4);
    let at_k = |stats: Vec<Stat>| if_(eq(name(&i), int(k)), stats);
    let mut changes = vec![Change::Type, Change::Branch, Change::Shape, Change::NewTable];
    if ctx.feature(Feature::Metatables) {
        changes.push(Change::Metatable);
    }
    if closures {
        changes.push(Change::Closure);
    }
    let mut prefix = Vec::new();
    let mut flip = None;
    for _ in 0..ctx.int(1, 3) {
        match ctx.pick(&changes) {
            Change::Type => {
                let v = loose_value(ctx);
                prefix.push(at_k(vec![set(&x, v)]));
            }
            Change::Branch => {
                let m = ctx.int(2, 9);
                let cond = match ctx.below(3) {
                    0 => gt(name(&i), int(k)),
                    1 => eq(modulo(name(&i), int(m)), int(0)),
                    _ => and(gt(name(&i), int(k)), bool_expr(ctx, &env, 1)),
                };
                flip = Some(cond);
            }
            Change::Shape => {
                let key = ctx.pick(&["c", "d", "a", "b"]);
                let stat = match ctx.below(3) {
                    0 => at_k(vec![assign(field(name(&t), key), name(&i))]),
                    1 => at_k(vec![assign(field(name(&t), key), nil())]),
                    // Array growth every iteration from k on: a rehash under the trace.
                    _ => if_(
                        ge(name(&i), int(k)),
                        vec![assign(index(name(&t), add(len(name(&t)), int(1))), name(&i))],
                    ),
                };
                prefix.push(stat);
            }
            Change::Metatable => {
                let body = num_expr(ctx, &Env::default(), 1);
                let mt = if ctx.chance(50) {
                    table(vec![named("__index", func(&["_", "key"], false, vec![ret(vec![body])]))])
                } else {
                    table(vec![named("__index", table(vec![named("z", body), named("a", int(5))]))])
                };
                prefix.push(at_k(vec![call_stat(callp("setmetatable", vec![name(&t), mt]))]));
            }
            Change::Closure => {
                let body = num_expr(ctx, &fenv, 2);
                prefix.push(at_k(vec![set(&f, func(&["a"], false, vec![ret(vec![body])]))]));
            }
            Change::NewTable => {
                let v = name(&i);
                prefix.push(at_k(vec![set(&t, table(vec![named("a", v), named("z", int(3))]))]));
            }
        }
    }

    let mut body = loop_body(ctx, &scope, 2, prefix);
    if let Some(cond) = flip {
        let a = block(ctx, &scope, 1);
        let b = block(ctx, &scope, 1);
        body.push(if_else(cond, a, b));
    }
    // Uses that make every change matter to the trace.
    let xs = num_expr(ctx, &env, 1);
    body.push(inc(&acc, mul(name(&x), xs)));
    body.push(inc(&acc, add(or(field(name(&t), "a"), int(0)), or(field(name(&t), "z"), int(0)))));
    if closures {
        body.push(inc(&acc, call(name(&f), vec![name(&i)])));
    }
    let s_new = capped_str(ctx, &env, 1);
    body.push(set(&s, concat(s_new, name(&x))));
    body.extend(walk(ctx, &t, &acc));
    ctx.checkpoint(&mut body);

    out_stats.extend(hot_loop(ctx, &i, n, body));
    out_stats.push(out("hot", vec![name(&acc), name(&s), name(&x), len(name(&t))]));
    out_stats
}

/// Sometimes a walk over `t` inside the loop: `ipairs` (sums: order is fixed), `pairs`
/// and `next` (count only: their order is the engine's).
fn walk(ctx: &mut Ctx<'_>, t: &str, acc: &str) -> Vec<Stat> {
    let k = ctx.fresh("k");
    let v = ctx.fresh("v");
    match ctx.below(5) {
        0 => vec![for_in(&[&k, &v], vec![callp("ipairs", vec![name(t)])], vec![inc(acc, name(&v))])],
        1 => vec![for_in(&[&k], vec![callp("pairs", vec![name(t)])], vec![inc(acc, int(1))])],
        2 => vec![
            local(&k, callp("next", vec![name(t)])),
            local(&v, int(0)),
            while_(
                and(ne(name(&k), nil()), lt(name(&v), int(50))),
                vec![inc(&v, int(1)), set(&k, callp("next", vec![name(t), name(&k)]))],
            ),
            inc(acc, name(&v)),
        ],
        _ => vec![],
    }
}

/// The loop itself: a numeric `for` (mostly), a counted `while`, two nested `for`s with
/// the same total trip count, `ipairs` over an array of `n` elements (an iterator loop,
/// traced through `ITERL`), or a label with a backward `goto`.
fn hot_loop(ctx: &mut Ctx<'_>, i: &str, n: i64, body: Vec<Stat>) -> Vec<Stat> {
    let while_weight = if ctx.feature(Feature::WhileRepeat) { 2 } else { 0 };
    let goto_weight = if ctx.feature(Feature::Goto) { 1 } else { 0 };
    match ctx.weighted(&[6, while_weight, 2, 2, goto_weight]) {
        4 => {
            // A loop made of a label and a backward `goto`.
            let top = ctx.fresh("top");
            let mut b = vec![local(i, int(0)), label(&top), inc(i, int(1))];
            b.extend(body);
            b.push(if_(lt(name(i), int(n)), vec![goto(&top)]));
            b
        }
        3 => {
            let arr = ctx.fresh("arr");
            let q = ctx.fresh("q");
            vec![
                local(&arr, table(vec![])),
                for_num(&q, int(1), int(n), None, vec![assign(index(name(&arr), name(&q)), name(&q))]),
                for_in(&[i], vec![callp("ipairs", vec![name(&arr)])], body),
            ]
        }
        1 => {
            let mut b = vec![inc(i, int(1))];
            b.extend(body);
            vec![local(i, int(0)), while_(lt(name(i), int(n)), b)]
        }
        2 => {
            // for o = 0, n/m - 1 do for j = 1, m do local i = o * m + j ... end end
            let m = ctx.int(4, 12);
            let o = ctx.fresh("o");
            let j = ctx.fresh("j");
            let mut b = vec![local(i, add(mul(name(&o), int(m)), name(&j)))];
            b.extend(body);
            vec![for_num(&o, int(0), int(n / m - 1), None, vec![for_num(&j, int(1), int(m), None, b)])]
        }
        _ => vec![for_num(i, int(1), int(n), None, body)],
    }
}
