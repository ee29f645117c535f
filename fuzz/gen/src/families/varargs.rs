//! Varargs, `select`, multiple returns and `unpack`, in hot loops: `select('#', ...)`
//! with trailing nils, `select(k, ...)` and negative `k`, `...` forwarded through calls,
//! multiple returns truncated in the middle of a list and expanded at its end,
//! `unpack` with explicit ranges, long argument lists, and vararg functions called
//! with changing argument counts (so the trace's frame layout changes).
//!
//! ```lua
//! do
//!   local function va(...) local n = select("#", ...); local a, b = ...
//!     return n, <a if a number, else 0> + <b likewise>, select(n > 0 and -1 or 1, ...) end
//!   local function fwd(...) return va(2, ...) end
//!   for i = 1, N do local n, s = fwd(i, i % 3 == 0 and i or nil, nil) ... end
//! end
//! ```

use twin_lua::syntax::ast::{Expr, Stat};

use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, num_expr};
use crate::prelude::out;

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let va = ctx.fresh("va");
    let fwd = ctx.fresh("fwd");
    let many = ctx.fresh("many");
    let acc = ctx.fresh("acc");
    let cnt = ctx.fresh("cnt");
    let i = ctx.fresh("i");
    let nil_ = || nil();
    let mut stats = vec![local(&acc, int(0)), local(&cnt, int(0))];

    // va: counts its arguments, sums the numeric ones it names, returns several values.
    let num_or_zero = |x: &str| or(and(eq(callp("type", vec![name(x)]), str("number")), name(x)), int(0));
    let tail = match ctx.below(3) {
        0 => callp("select", vec![or(and(gt(name("n"), int(0)), neg(int(1))), int(1)), vararg()]),
        1 => vararg(),
        _ => callp("unpack", vec![table(vec![item(vararg())]), int(1), name("n")]),
    };
    stats.push(local_fn(
        &va,
        &[],
        true,
        vec![
            local("n", callp("select", vec![str("#"), vararg()])),
            locals(&["a", "b"], vec![vararg()]),
            ret(vec![name("n"), add(num_or_zero("a"), num_or_zero("b")), tail]),
        ],
    ));
    // fwd: forwards `...` with a fixed prefix, sometimes truncated with parentheses.
    let fwd_call = if ctx.chance(30) {
        paren(call(name(&va), vec![vararg()]))
    } else {
        call(name(&va), vec![int(ctx.int(0, 3)), vararg()])
    };
    stats.push(local_fn(&fwd, &[], true, vec![ret(vec![fwd_call])]));
    // many: a long fixed parameter list, some filled and some not.
    let nparams = ctx.int(8, 40) as usize;
    let params: Vec<String> = (0..nparams).map(|k| format!("p{k}")).collect();
    let pr: Vec<&str> = params.iter().map(String::as_str).collect();
    let last = params[nparams - 1].clone();
    stats.push(local_fn(
        &many,
        &pr,
        false,
        vec![ret(vec![add(num_or_zero(&params[0]), num_or_zero(&last))])],
    ));

    let env = Env { nums: vec![i.clone(), acc.clone()], ..Env::default() };
    let mut body = Vec::new();
    for _ in 0..ctx.int(2, 4) {
        // Argument lists whose length and nils vary with i.
        let mut args: Vec<Expr> = vec![name(&i)];
        for _ in 0..ctx.int(0, 5) {
            args.push(match ctx.below(4) {
                0 => nil_(),
                // nil on some iterations: the argument count stays, the types change.
                1 => or(and(eq(modulo(name(&i), int(ctx.int(2, 5))), int(0)), name(&i)), nil_()),
                _ => num_expr(ctx, &env, 1),
            });
        }
        let n = ctx.fresh("n");
        let s = ctx.fresh("s");
        let callee = if ctx.chance(50) { &va } else { &fwd };
        let stat = match ctx.below(4) {
            0 => vec![
                locals(&[&n, &s], vec![call(name(callee), args)]),
                inc(&cnt, name(&n)),
                inc(&acc, or(name(&s), int(0))),
            ],
            1 => {
                // A call in the middle of a list is cut to one value.
                let mid = call(name(callee), args);
                vec![inc(&cnt, callp("select", vec![str("#"), mid, int(1), nil_()]))]
            }
            2 => vec![inc(&cnt, callp("select", vec![str("#"), call(name(callee), args)]))],
            _ => {
                let filled = ctx.int(1, nparams as i64) as usize;
                let mut a: Vec<Expr> = (0..filled).map(|k| int(k as i64)).collect();
                a[0] = name(&i);
                if filled == nparams {
                    a[filled - 1] = name(&i);
                }
                vec![inc(&acc, call(name(&many), a))]
            }
        };
        body.extend(stat);
    }
    if ctx.chance(50) {
        // unpack with explicit ranges, including past the end and an empty range.
        let t = array((0..ctx.int(1, 6)).map(int).collect());
        let hi = ctx.int(0, 8);
        let u = callp("unpack", vec![t, int(1), int(hi)]);
        body.push(inc(&cnt, callp("select", vec![str("#"), u])));
    }
    ctx.checkpoint(&mut body);
    let trips = i64::from(ctx.cfg.trip());
    stats.push(for_num(&i, int(1), int(trips), None, body));
    stats.push(out("va", vec![name(&acc), name(&cnt)]));
    stats
}
