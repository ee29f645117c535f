//! Coroutines: yields inside hot loops, resumes from hot loops (traced code calling into
//! a coroutine that runs its own trace), `coroutine.wrap`, values passed both ways,
//! errors inside coroutines, and resuming a dead coroutine (which `resume` reports as
//! `false, "cannot resume dead coroutine"`, never an error).
//!
//! Or a producer driving a generic `for`: `for v in coroutine.wrap(f) do ... end`.
//!
//! ```lua
//! do
//!   local co = coroutine.create(function(a)
//!     for k = 1, M do a = a + k; if k % 3 == 0 then a = coroutine.yield(a) or a end end
//!     return a end)
//!   for i = 1, N do local ok, v = coroutine.resume(co, i) ... end
//! end
//! ```

use twin_lua::syntax::ast::Stat;

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, bool_expr, num_expr};
use crate::prelude::out;

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    if ctx.chance(30) {
        return iterator(ctx);
    }
    let co = ctx.fresh("co");
    let acc = ctx.fresh("acc");
    let dead = ctx.fresh("dead");
    let i = ctx.fresh("i");
    let k = ctx.fresh("k");
    let inner = i64::from(ctx.cfg.trip());
    let m = ctx.int(1, 9);
    let env = Env { nums: vec!["a".into(), k.clone()], ..Env::default() };

    // The coroutine body: a hot loop that yields every m-th iteration.
    let step = num_expr(ctx, &env, 2);
    let mut loop_body = vec![set("a", step)];
    // Either resume-driven (may fail, may outlive the coroutine) or wrap-driven (exact).
    let can_fail = ctx.chance(65);
    if can_fail && ctx.feature(Feature::ErrorPaths) && ctx.chance(35) {
        let c = bool_expr(ctx, &env, 1);
        let late = ctx.int(inner / 2, inner);
        loop_body.push(if_(
            and(gt(name(&k), int(late)), c),
            vec![call_stat(callp("error", vec![str("co-failed"), int(0)]))],
        ));
    }
    let mut y = vec![set("a", or(callp("coroutine.yield", vec![name("a"), name(&k)]), name("a")))];
    ctx.checkpoint(&mut y);
    loop_body.push(if_(eq(modulo(name(&k), int(m)), int(0)), y));
    let body = vec![for_num(&k, int(1), int(inner), None, loop_body), ret(vec![name("a"), str("done")])];
    let f = func(&["a"], false, body);

    let mut stats = vec![local(&acc, int(0)), local(&dead, int(0))];
    let mut drive = Vec::new();
    let resumes;
    if can_fail {
        // resume: past the end it answers false, "cannot resume dead coroutine".
        resumes = inner / m + 1 + ctx.int(0, 3);
        stats.push(local(&co, callp("coroutine.create", vec![f])));
        let (ok, v) = (ctx.fresh("ok"), ctx.fresh("v"));
        drive.push(locals(&[&ok, &v], vec![callp("coroutine.resume", vec![name(&co), name(&i)])]));
        drive.push(if_else(
            and(name(&ok), eq(callp("type", vec![name(&v)]), str("number"))),
            vec![inc(&acc, name(&v))],
            vec![inc(&dead, int(1))],
        ));
    } else {
        // wrap raises on a dead coroutine: call it exactly yields + 1 times.
        resumes = inner / m + 1;
        stats.push(local(&co, callp("coroutine.wrap", vec![f])));
        drive.push(inc(&acc, call(name(&co), vec![name(&i)])));
    }
    ctx.checkpoint(&mut drive);
    stats.push(for_num(&i, int(1), int(resumes), None, drive));
    stats.push(out("co", vec![name(&acc), name(&dead)]));
    stats
}

/// A producer coroutine as a generic `for` iterator: `for v in coroutine.wrap(f) do`,
/// ending when `f` returns nothing.
fn iterator(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let acc = ctx.fresh("acc");
    let k = ctx.fresh("k");
    let v = ctx.fresh("v");
    let n = i64::from(ctx.cfg.trip());
    let value = num_expr(ctx, &Env { nums: vec![k.clone()], ..Env::default() }, 2);
    let mut producer = vec![call_stat(callp("coroutine.yield", vec![value]))];
    ctx.checkpoint(&mut producer);
    let f = func(&[], false, vec![for_num(&k, int(1), int(n), None, producer)]);
    let mut body = vec![inc(&acc, name(&v))];
    ctx.checkpoint(&mut body);
    vec![
        local(&acc, int(0)),
        for_in(&[&v], vec![callp("coroutine.wrap", vec![f])], body),
        out("co-iter", vec![name(&acc)]),
    ]
}
