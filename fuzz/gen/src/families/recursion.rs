//! Recursion in the shapes a tracing JIT links specially: up-recursion (calls deeper
//! than the trace start, fib-like and tree walks), tail recursion, down-recursion
//! (returns that unwind many frames of one function, called from a hot loop: LuaJIT
//! records a root trace at the return and links it as `down-recursion`), mutual
//! recursion, and recursion to stack overflow under `pcall`, `xpcall` and in coroutines.
//!
//! ```lua
//! do
//!   local acc = 0
//!   local function down(n) if n <= 0 then return 1 end
//!     local r = down(n - 1); return r + n * 2 end   -- work after the call: down-rec
//!   for i = 1, N do acc = acc + down(D) end
//!   twin_out("rec", acc)
//! end
//! ```
//!
//! Depths come from `Config::recursion_depth`; binary recursion is capped lower so the
//! call count stays small.

use twin_lua::syntax::ast::{BinOp, Expr, Stat};

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, num_expr};
use crate::prelude::out;

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let acc = ctx.fresh("acc");
    let mut stats = vec![local(&acc, int(0))];
    let shapes = if ctx.feature(Feature::ErrorPaths) { 7 } else { 5 };
    for _ in 0..ctx.int(1, 2) {
        let shape = ctx.weighted(&[3, 2, 5, 2, 2, 1, 1][..shapes]);
        stats.extend(match shape {
            0 => up(ctx, &acc),
            1 => tail(ctx, &acc),
            2 => down(ctx, &acc),
            3 => mutual(ctx, &acc),
            4 => tree(ctx, &acc),
            5 => overflow(ctx, &acc),
            _ => overflow_in_coroutine(ctx, &acc),
        });
    }
    stats.push(out("rec", vec![name(&acc)]));
    stats
}

fn depth(ctx: &Ctx<'_>) -> i64 {
    i64::from(ctx.cfg.recursion_depth())
}

/// A driver loop: `for i = 1, trips do acc = acc + f(arg) end`, with a checkpoint.
fn drive(ctx: &mut Ctx<'_>, acc: &str, trips: i64, callee: Expr) -> Stat {
    let i = ctx.fresh("i");
    let mut body = vec![inc(acc, callee)];
    ctx.checkpoint(&mut body);
    for_num(&i, int(1), int(trips), None, body)
}

fn up(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    let f = ctx.fresh("fib");
    let d = depth(ctx).min(14);
    let env = Env { nums: vec!["n".into()], ..Env::default() };
    let base = num_expr(ctx, &env, 1);
    let mut base_case = vec![];
    ctx.checkpoint(&mut base_case);
    base_case.push(ret(vec![base]));
    let combine = ctx.pick(&[BinOp::Add, BinOp::Sub]);
    let body = vec![
        if_(lt(name("n"), int(2)), base_case),
        ret(vec![bin(
            combine,
            call(name(&f), vec![sub(name("n"), int(1))]),
            call(name(&f), vec![sub(name("n"), int(2))]),
        )]),
    ];
    let trips = ctx.int(3, 20);
    vec![local_fn(&f, &["n"], false, body), drive(ctx, acc, trips, call(name(&f), vec![int(d)]))]
}

fn tail(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    let f = ctx.fresh("tail");
    let d = depth(ctx) * ctx.int(1, 8);
    let env = Env { nums: vec!["n".into(), "a".into()], ..Env::default() };
    let step = num_expr(ctx, &env, 2);
    let body = vec![
        if_(le(name("n"), int(0)), vec![ret(vec![name("a")])]),
        ret(vec![call(name(&f), vec![sub(name("n"), int(1)), step])]),
    ];
    let trips = ctx.int(20, 120);
    vec![local_fn(&f, &["n", "a"], false, body), drive(ctx, acc, trips, call(name(&f), vec![int(d), int(0)]))]
}

/// Non-tail linear recursion with work after the recursive call returns. With the
/// driver loop hot, the returns unwind frames below the trace's start: LuaJIT's
/// down-recursion. Variants put a short loop, a branch or a checkpoint after the call.
fn down(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    let f = ctx.fresh("down");
    let d = depth(ctx);
    let env = Env { nums: vec!["n".into(), "r".into()], ..Env::default() };
    let base = int(ctx.int(0, 3));
    let mut after = vec![local("r", call(name(&f), vec![sub(name("n"), int(1))]))];
    match ctx.below(4) {
        0 => {
            let j = ctx.fresh("j");
            let e = num_expr(ctx, &env.with_num(&j), 1);
            after.push(for_num(&j, int(1), int(ctx.int(1, 4)), None, vec![set("r", add(name("r"), e))]));
        }
        1 => {
            let m = ctx.int(2, 5);
            let e = num_expr(ctx, &env, 1);
            after.push(if_(eq(modulo(name("n"), int(m)), int(0)), vec![set("r", e)]));
        }
        _ => {}
    }
    ctx.checkpoint(&mut after);
    let e = num_expr(ctx, &env, 2);
    after.push(ret(vec![add(name("r"), e)]));
    let mut body = vec![if_(le(name("n"), int(0)), vec![ret(vec![base])])];
    body.extend(after);
    let trips = ctx.int(10, 80);
    // The driver sometimes varies the depth, so returns land at different levels.
    let driver = if ctx.chance(40) {
        let i = ctx.fresh("i");
        let arg = add(int(d), modulo(name(&i), int(3)));
        for_num(&i, int(1), int(trips), None, vec![inc(acc, call(name(&f), vec![arg]))])
    } else {
        drive(ctx, acc, trips, call(name(&f), vec![int(d)]))
    };
    vec![local_fn(&f, &["n"], false, body), driver]
}

fn mutual(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    let f = ctx.fresh("even");
    let g = ctx.fresh("odd");
    let d = depth(ctx) * 2;
    let env = Env { nums: vec!["n".into()], ..Env::default() };
    let fe = num_expr(ctx, &env, 1);
    let ge_ = num_expr(ctx, &env, 1);
    let tailcall = ctx.chance(50);
    let step = |callee: &str, e: Expr| {
        let c = call(name(callee), vec![sub(name("n"), int(1))]);
        if tailcall { ret(vec![c]) } else { ret(vec![add(c, e)]) }
    };
    let trips = ctx.int(10, 60);
    vec![
        local(&g, nil()),
        local_fn(&f, &["n"], false, vec![if_(le(name("n"), int(0)), vec![ret(vec![int(1)])]), step(&g, fe)]),
        set(
            &g,
            func(&["n"], false, vec![if_(le(name("n"), int(0)), vec![ret(vec![int(0)])]), step(&f, ge_)]),
        ),
        drive(ctx, acc, trips, call(name(&f), vec![int(d)])),
    ]
}

/// A complete binary tree of depth d as nested tables, summed recursively.
fn tree(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    let build = ctx.fresh("build");
    let walk = ctx.fresh("walk");
    let d = depth(ctx).min(8);
    let tree = ctx.fresh("tree");
    let leaf = num_expr(ctx, &Env { nums: vec!["n".into()], ..Env::default() }, 1);
    let trips = ctx.int(5, 30);
    vec![
        local_fn(
            &build,
            &["n"],
            false,
            vec![
                if_(le(name("n"), int(0)), vec![ret(vec![table(vec![named("v", leaf)])])]),
                ret(vec![table(vec![
                    named("v", name("n")),
                    named("l", call(name(&build), vec![sub(name("n"), int(1))])),
                    named("r", call(name(&build), vec![sub(name("n"), int(1))])),
                ])]),
            ],
        ),
        local(&tree, call(name(&build), vec![int(d)])),
        local_fn(
            &walk,
            &["t"],
            false,
            vec![
                if_(eq(field(name("t"), "l"), nil()), vec![ret(vec![field(name("t"), "v")])]),
                ret(vec![add(
                    add(field(name("t"), "v"), call(name(&walk), vec![field(name("t"), "l")])),
                    call(name(&walk), vec![field(name("t"), "r")]),
                )]),
            ],
        ),
        drive(ctx, acc, trips, call(name(&walk), vec![name(&tree)])),
    ]
}

/// `pcall`/`xpcall` of a recursion that only the stack limit stops. Only whether it
/// failed and whether the message says "stack overflow" are printed: the depth reached
/// and the message's position are engine details.
fn overflow(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    let f = ctx.fresh("deep");
    let ok = ctx.fresh("ok");
    let msg = ctx.fresh("msg");
    let body = vec![ret(vec![add(call(name(&f), vec![add(name("n"), int(1))]), int(1))])];
    let call_it = if ctx.chance(50) {
        callp("pcall", vec![name(&f), int(1)])
    } else {
        let handler = func(&["m"], false, vec![ret(vec![name("m")])]);
        callp("xpcall", vec![func(&[], false, vec![ret(vec![call(name(&f), vec![int(1)])])]), handler])
    };
    let mut caught = vec![];
    ctx.checkpoint(&mut caught);
    caught.push(inc(acc, int(1)));
    vec![
        local_fn(&f, &["n"], false, body),
        locals(&[&ok, &msg], vec![call_it]),
        if_(not(name(&ok)), caught),
        out("overflow", vec![name(&ok), overflow_msg(&msg)]),
    ]
}

fn overflow_msg(msg: &str) -> Expr {
    ne(
        callp(
            "string.find",
            vec![callp("tostring", vec![name(msg)]), str("stack overflow"), int(1), boolean(true)],
        ),
        nil(),
    )
}

fn overflow_in_coroutine(ctx: &mut Ctx<'_>, acc: &str) -> Vec<Stat> {
    if !ctx.feature(Feature::Coroutines) || !ctx.feature(Feature::Closures) {
        return overflow(ctx, acc);
    }
    let f = ctx.fresh("deep");
    let co = ctx.fresh("co");
    let ok = ctx.fresh("ok");
    let msg = ctx.fresh("msg");
    let body = vec![ret(vec![add(call(name(&f), vec![add(name("n"), int(1))]), int(1))])];
    vec![
        local_fn(&f, &["n"], false, body),
        local(
            &co,
            callp("coroutine.create", vec![func(&[], false, vec![ret(vec![call(name(&f), vec![int(1)])])])]),
        ),
        locals(&[&ok, &msg], vec![callp("coroutine.resume", vec![name(&co)])]),
        out("co-overflow", vec![name(&ok), overflow_msg(&msg), callp("coroutine.status", vec![name(&co)])]),
    ]
}
