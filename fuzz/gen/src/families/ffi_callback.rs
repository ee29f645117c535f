//! FFI callback re-entry: Lua functions cast to C function pointers and called back by
//! the helper library (`c/twin_ffi_helper.c`) from inside a hot loop.
//!
//! The central shape stores the callback in C first and then, in the hot loop, calls
//! a C function that starts invoking it only once the loop index reaches a threshold,
//! i.e. after the loop has been compiled:
//!
//! ```lua
//! do
//!   local calls, acc = 0, 0
//!   local cb = ffi.cast("twin_cb_int", function(x) calls = calls + 1
//!     <a loop, a pcall'd error, another FFI call, a checkpoint> return x % 1000 end)
//!   twin_helper.twin_cb_store(cb)
//!   for i = 1, N do acc = acc + twin_helper.twin_cb_call_stored_from(i, k) end
//!   twin_helper.twin_cb_store(nil); cb:free()
//!   twin_out("cb", acc, calls)
//! end
//! ```
//!
//! The interpreter runs this fine; LuaJIT's JIT answers "PANIC: bad callback" (a
//! callback while a trace's C call is active), which the harness treats as a known gap.
//! Other shapes call back at once (`call_now`, `call_n`), never, with doubles, or
//! through the qsort-like `twin_sort` with a comparator. Errors raised in a callback are
//! caught inside it: unwinding a Lua error through C frames is engine-specific.

use twin_lua::syntax::ast::{Expr, Stat};

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, num_expr};
use crate::prelude::out;

fn helper(f: &str, args: Vec<Expr>) -> Expr {
    call(field(name("twin_helper"), f), args)
}

fn ffi(f: &str, args: Vec<Expr>) -> Expr {
    call(field(name("ffi"), f), args)
}

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    ctx.uses_ffi = true;
    ctx.uses_helper = true;
    let calls = ctx.fresh("calls");
    let acc = ctx.fresh("acc");
    let cb = ctx.fresh("cb");
    let i = ctx.fresh("i");
    let trips = i64::from(ctx.cfg.trip());
    let mut stats = vec![local(&calls, int(0)), local(&acc, int(0))];

    let shape = ctx.weighted(&[8, 2, 2, 1, 2, 1]);
    if shape == 4 {
        stats.extend(sort(ctx, &acc, &calls, trips));
        stats.push(out("cb-sort", vec![name(&acc), name(&calls)]));
        return stats;
    }
    let double = shape == 5;
    // Sometimes a second callback, called from inside the first: C -> Lua -> C -> Lua.
    let inner = ctx.chance(25).then(|| ctx.fresh("inner"));
    if let Some(inner) = &inner {
        let m = ctx.int(2, 1000);
        let body = vec![inc(&calls, int(1)), ret(vec![modulo(name("y"), int(m))])];
        stats.push(local(inner, ffi("cast", vec![str("twin_cb_int"), func(&["y"], false, body)])));
    }
    let body = callback_body(ctx, &calls, double, inner.as_deref());
    let ty = if double { "twin_cb_double" } else { "twin_cb_int" };
    stats.push(local(&cb, ffi("cast", vec![str(ty), func(&["x"], false, body)])));
    let iv = || name(&i);
    let mut loop_body = vec![];
    let mut after = vec![];
    match shape {
        0 => {
            // Later: C starts calling back from iteration k on. With LuaJIT's default
            // hotloop (56) k past 60 still lands after compilation.
            let k = ctx.int((trips / 3).max(2), trips - 1);
            if ctx.chance(70) {
                stats.push(call_stat(helper("twin_cb_store", vec![name(&cb)])));
                loop_body.push(inc(&acc, helper("twin_cb_call_stored_from", vec![iv(), int(k)])));
            } else {
                // Or: store it only at iteration k, from inside the compiled loop.
                stats.push(call_stat(helper("twin_cb_store", vec![nil()])));
                loop_body
                    .push(if_(eq(iv(), int(k)), vec![call_stat(helper("twin_cb_store", vec![name(&cb)]))]));
                loop_body.push(inc(&acc, helper("twin_cb_call_stored", vec![iv()])));
            }
            after.push(call_stat(helper("twin_cb_store", vec![nil()])));
        }
        1 => loop_body.push(inc(&acc, helper("twin_cb_call_now", vec![name(&cb), iv()]))),
        2 => {
            let n = ctx.int(0, 4);
            loop_body.push(inc(&acc, helper("twin_cb_call_n", vec![name(&cb), int(n), iv()])))
        }
        3 => loop_body.push(inc(&acc, helper("twin_cb_call_never", vec![name(&cb), iv()]))),
        _ => loop_body.push(inc(&acc, helper("twin_cb_call_double", vec![name(&cb), mul(iv(), num(0.5))]))),
    }
    ctx.checkpoint(&mut loop_body);
    stats.push(for_num(&i, int(1), int(trips), None, loop_body));
    stats.extend(after);
    stats.push(call_stat(method(name(&cb), "free", vec![])));
    if let Some(inner) = &inner {
        stats.push(call_stat(method(name(inner), "free", vec![])));
    }
    stats.push(out("cb", vec![name(&acc), name(&calls)]));
    stats
}

/// The Lua side of a callback: counts itself, maybe runs a loop, catches an error, calls
/// into C again (re-entering the helper while it is calling us, and through `inner`
/// back into Lua), and returns a value that converts to the C return type exactly (an
/// integer in int32 range, or a double).
fn callback_body(ctx: &mut Ctx<'_>, calls: &str, double: bool, inner: Option<&str>) -> Vec<Stat> {
    let env = Env { nums: vec!["x".into(), "r".into()], ..Env::default() };
    let mut body = vec![inc(calls, int(1)), local("r", name("x"))];
    if ctx.chance(50) {
        let j = ctx.fresh("j");
        let e = num_expr(ctx, &env.with_num(&j), 2);
        body.push(for_num(&j, int(1), int(ctx.int(1, 40)), None, vec![set("r", e)]));
    }
    if ctx.feature(Feature::ErrorPaths) && ctx.chance(30) {
        let ok = ctx.fresh("ok");
        let m = ctx.int(2, 7);
        let f = func(
            &[],
            false,
            vec![if_(
                eq(modulo(name("x"), int(m)), int(0)),
                vec![call_stat(callp("error", vec![str("cb-failed"), int(0)]))],
            )],
        );
        let mut caught = vec![set("r", int(0))];
        ctx.checkpoint(&mut caught);
        body.push(local(&ok, callp("pcall", vec![f])));
        body.push(if_(not(name(&ok)), caught));
    }
    if ctx.chance(30) {
        // Into C again from inside the callback.
        let v = helper("twin_add_int64", vec![int64(ctx.int(0, 1 << 40)), int64(7)]);
        body.push(set("r", add(name("r"), callp("tonumber", vec![callp("bit.band", vec![v, int64(255)])]))));
    }
    if let Some(inner) = inner {
        // An integral argument: x is a double in the double-callback shape.
        let arg = modulo(callp("math.floor", vec![name("x")]), int(1000));
        body.push(set("r", add(name("r"), helper("twin_cb_call_now", vec![name(inner), arg]))));
    }
    ctx.checkpoint(&mut body);
    let r = if double {
        // r may be NaN or inf here; any double is a valid double.
        name("r")
    } else {
        // x is the int32 C passed, so x % 65536 is exact; r only picks the branch.
        let m = ctx.int(2, 9);
        or(and(lt(name("r"), int(0)), modulo(name("x"), int(m))), modulo(name("x"), int(65536)))
    };
    body.push(ret(vec![r]));
    body
}

/// `twin_sort` (qsort's interface) with a Lua comparator, inside a loop that reshuffles
/// the array with a fixed LCG between sorts.
fn sort(ctx: &mut Ctx<'_>, acc: &str, calls: &str, trips: i64) -> Vec<Stat> {
    let arr = ctx.fresh("arr");
    let cmp = ctx.fresh("cmp");
    let i = ctx.fresh("i");
    let k = ctx.fresh("k");
    let n = ctx.int(2, 12);
    let rounds = (trips / n).max(5);
    let desc = ctx.chance(50);
    let p = |v: &str| index(ffi("cast", vec![str("const int32_t *"), name(v)]), int(0));
    let (x, y) = if desc { ("b", "a") } else { ("a", "b") };
    let cmp_body = vec![
        inc(calls, int(1)),
        locals(&["x", "y"], vec![p(x), p(y)]),
        if_(lt(name("x"), name("y")), vec![ret(vec![neg(int(1))])]),
        if_(gt(name("x"), name("y")), vec![ret(vec![int(1)])]),
        ret(vec![int(0)]),
    ];
    let mut loop_body = vec![
        for_num(
            &k,
            int(0),
            int(n - 1),
            None,
            vec![assign(
                index(name(&arr), name(&k)),
                modulo(add(mul(name(&k), int(ctx.int(3, 97))), mul(name(&i), int(ctx.int(5, 31)))), int(101)),
            )],
        ),
        call_stat(helper("twin_sort", vec![name(&arr), int(n), int(4), name(&cmp)])),
        inc(acc, mul(index(name(&arr), int(0)), name(&i))),
    ];
    ctx.checkpoint(&mut loop_body);
    vec![
        local(&arr, ffi("new", vec![str("int32_t[?]"), int(n)])),
        local(&cmp, ffi("cast", vec![str("twin_cb_cmp"), func(&["a", "b"], false, cmp_body)])),
        for_num(&i, int(1), int(rounds), None, loop_body),
        call_stat(method(name(&cmp), "free", vec![])),
    ]
}
