//! Tables under a hot loop: array/hash transitions, holes, `#`, `table.insert`,
//! `table.remove`, `table.concat`, aliasing (several locals naming one table), `nil`
//! stores, rehashes while the loop runs, `-0` keys, `table.new` and `table.clear`.
//!
//! The loop applies a random sequence of operations at positions that depend on the
//! iteration, so the table changes shape under the trace. At the end the contents are
//! printed in an engine-independent way: integer keys `1..#t` in order when the array
//! is known to have no holes, otherwise a count of keys and a sorted list of keys.
//! `#t` of a table that may have holes, and the `pairs` order of keys, are printed only
//! when `Config::same_engine()` allows it (both depend on the table's layout).

use twin_lua::syntax::ast::{Expr, Stat};

use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, num_expr};
use crate::prelude::out;

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let t = ctx.fresh("t");
    let alias = ctx.fresh("alias");
    let i = ctx.fresh("i");
    let acc = ctx.fresh("acc");
    let trips = i64::from(ctx.cfg.trip());
    let env = Env { nums: vec![i.clone(), acc.clone()], ..Env::default() };

    let init = match ctx.below(4) {
        0 => table(vec![]),
        1 => array((1..=ctx.int(1, 6)).map(int).collect()),
        2 => table(vec![named("x", int(1)), keyed(int(2), int(30)), item(int(5)), keyed(str("y"), int(2))]),
        _ => {
            let narr = int(ctx.int(0, 64));
            let nhash = int(ctx.int(0, 16));
            call(callp("require", vec![str("table.new")]), vec![narr, nhash])
        }
    };
    let mut stats = vec![local(&t, init), local(&alias, name(&t)), local(&acc, int(0))];

    // Holes make every later `#` (and so `t[#t + 1]`, `table.insert`, `table.remove`)
    // depend on the border the engine's table layout finds: only for same-engine runs.
    let holes_ok = ctx.cfg.same_engine();
    let mut holes = false;
    let mut body = Vec::new();
    let target = |ctx: &mut Ctx| if ctx.chance(50) { name(&t) } else { name(&alias) };
    for _ in 0..ctx.int(2, 5) {
        let tt = target(ctx);
        let v = num_expr(ctx, &env, 1);
        let m = ctx.int(2, 7);
        let every = eq(modulo(name(&i), int(m)), int(0));
        let kinds = if holes_ok { 9 } else { 8 };
        let stat = match ctx.below(kinds) {
            0 => assign(index(tt.clone(), add(len(tt), int(1))), v),
            1 => call_stat(callp("table.insert", vec![tt, v])),
            2 => if_(every, vec![call_stat(callp("table.insert", vec![tt, int(1), v]))]),
            3 => if_(every, vec![call_stat(callp("table.remove", vec![tt]))]),
            4 => if_(every, vec![call_stat(callp("table.remove", vec![tt, int(1)]))]),
            5 => {
                // Hash keys: string keys from the index, a rehash every few new keys.
                assign(index(tt, concat(str("k"), modulo(name(&i), int(ctx.int(3, 40))))), v)
            }
            6 => assign(index(tt, num(ctx.pick(&[-0.0, 0.5, 1e300, -1.0]))), name(&i)),
            // `nil` stores to keys that are not array slots.
            7 => assign(index(tt, concat(str("k"), modulo(name(&i), int(ctx.int(2, 9))))), nil()),
            _ => {
                holes = true;
                if ctx.chance(50) {
                    assign(index(tt, add(name(&i), int(ctx.int(1, 5)))), ctx.pick(&[nil(), int(7)]))
                } else {
                    assign(index(tt, modulo(name(&i), int(ctx.int(1, 9)))), nil())
                }
            }
        };
        body.push(stat);
    }
    body.push(inc(&acc, or(index(name(&alias), int(1)), int(0))));
    ctx.checkpoint(&mut body);
    if ctx.chance(20) {
        // Clearing keeps the table's allocation but not its contents.
        let clear = ctx.int(trips / 2, trips);
        body.push(if_(
            eq(name(&i), int(clear)),
            vec![call_stat(call(callp("require", vec![str("table.clear")]), vec![name(&t)]))],
        ));
    }
    stats.push(for_num(&i, int(1), int(trips), None, body));

    // Report: count all keys (order-free), sorted numeric keys, and the array when dense.
    let n = ctx.fresh("n");
    let nk = ctx.fresh("nk");
    let k = ctx.fresh("k");
    stats.push(locals(&[&n, &nk], vec![int(0), table(vec![])]));
    stats.push(for_in(
        &[&k],
        vec![callp("pairs", vec![name(&t)])],
        vec![
            inc(&n, int(1)),
            if_(
                eq(callp("type", vec![name(&k)]), str("number")),
                vec![assign(index(name(&nk), add(len(name(&nk)), int(1))), name(&k))],
            ),
        ],
    ));
    stats.push(call_stat(callp("table.sort", vec![name(&nk)])));
    let mut shown: Vec<Expr> = vec![name(&acc), name(&n), callp("table.concat", vec![name(&nk), str(",")])];
    if !holes {
        shown.push(len(name(&t)));
        shown.push(callp("table.concat", vec![name(&t), str(",")]));
    } else {
        ctx.same_engine_only = true;
        shown.push(len(name(&t)));
    }
    if holes_ok && ctx.chance(30) {
        // The keys in `pairs` order: the engine's hash layout, made visible on purpose.
        ctx.same_engine_only = true;
        let order = ctx.fresh("order");
        stats.push(local(&order, table(vec![])));
        stats.push(for_in(
            &[&k],
            vec![callp("pairs", vec![name(&t)])],
            vec![assign(
                index(name(&order), add(len(name(&order)), int(1))),
                callp("tostring", vec![name(&k)]),
            )],
        ));
        shown.push(callp("table.concat", vec![name(&order), str(",")]));
    }
    stats.push(out("tab", shown));
    stats
}
