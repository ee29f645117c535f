//! Random statement blocks: the varying filler that families put inside their loops,
//! metamethods and callbacks.
//!
//! A block reads the variables of an [`Env`] and writes only the *mutable* ones in
//! [`Scope`], always with a value of the variable's type, so the typing that keeps
//! expressions error-free (see `expr`) stays true after every statement. Every loop it
//! makes is a numeric `for` with literal bounds or a `while`/`repeat` with an explicit
//! counter; nested loops are short (at most 8 trips) so that hot outer loops stay cheap.

use twin_lua::syntax::ast::Stat;

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, TAB_FIELDS, bool_expr, capped_str, num_expr};

#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub env: Env,
    /// Number variables the block may assign (a subset of `env.nums`).
    pub mut_nums: Vec<String>,
    /// String variables the block may assign (a subset of `env.strs`).
    pub mut_strs: Vec<String>,
    /// The label that ends the innermost enclosing loop body, for `goto continue`.
    pub continue_label: Option<String>,
    /// Inside a short loop, where a conditional `break` is welcome.
    pub in_loop: bool,
}

/// A block of `cfg.stmts()` random statements, nested at most `depth` deep.
pub fn block(ctx: &mut Ctx<'_>, scope: &Scope, depth: u32) -> Vec<Stat> {
    let n = ctx.cfg.stmts();
    let mut scope = scope.clone();
    let mut out = Vec::new();
    for _ in 0..n {
        if ctx.fuel() == 0 {
            break;
        }
        stat(ctx, &mut scope, depth, &mut out);
    }
    out
}

fn stat(ctx: &mut Ctx<'_>, scope: &mut Scope, depth: u32, out: &mut Vec<Stat>) {
    let ed = ctx.cfg.expr_depth();
    let nested = depth > 0;
    let weights = [
        6,                                             // assign a number
        if scope.mut_strs.is_empty() { 0 } else { 2 }, // assign a string
        if nested { 3 } else { 0 },                    // if / else
        if nested { 2 } else { 0 },                    // short for
        if nested && ctx.feature(Feature::WhileRepeat) { 1 } else { 0 },
        if ctx.feature(Feature::ErrorPaths) && ctx.feature(Feature::Closures) { 1 } else { 0 },
        2, // new local
        1, // checkpoint
        if scope.continue_label.is_some() && ctx.feature(Feature::Goto) { 1 } else { 0 },
        if scope.in_loop { 1 } else { 0 },             // conditional break
        if scope.env.tabs.is_empty() { 0 } else { 2 }, // store a table field
    ];
    match ctx.weighted(&weights) {
        0 if !scope.mut_nums.is_empty() => {
            let v = ctx.pick(&scope.mut_nums);
            out.push(set(&v, num_expr(ctx, &scope.env, ed)));
        }
        1 => {
            let v = ctx.pick(&scope.mut_strs);
            out.push(set(&v, capped_str(ctx, &scope.env, ed)));
        }
        2 => {
            let c = bool_expr(ctx, &scope.env, ed);
            let then = block(ctx, scope, depth - 1);
            if ctx.chance(50) {
                let orelse = block(ctx, scope, depth - 1);
                out.push(if_else(c, then, orelse));
            } else {
                out.push(if_(c, then));
            }
        }
        3 => {
            let j = ctx.fresh("j");
            let trips = ctx.int(0, 8);
            let mut inner = scope.clone();
            inner.env = inner.env.with_num(&j);
            inner.continue_label = None;
            inner.in_loop = true;
            let body = block(ctx, &inner, depth - 1);
            out.push(for_num(&j, int(1), int(trips), None, body));
        }
        4 => {
            let c = ctx.fresh("c");
            let trips = ctx.int(1, 8);
            let mut inner = scope.clone();
            inner.env = inner.env.with_num(&c);
            inner.continue_label = None;
            inner.in_loop = true;
            let mut body = vec![inc(&c, int(1))];
            body.extend(block(ctx, &inner, depth - 1));
            let cond = bool_expr(ctx, &scope.env, 1);
            out.push(local(&c, int(0)));
            if ctx.chance(50) {
                out.push(while_(and(lt(name(&c), int(trips)), cond), body));
            } else {
                out.push(repeat(body, or(not(cond), ge(name(&c), int(trips)))));
            }
        }
        5 => {
            // A call that fails when a random condition holds, caught by pcall.
            let ok = ctx.fresh("ok");
            let r = ctx.fresh("r");
            let cond = bool_expr(ctx, &scope.env, ed);
            let msg = ctx.fresh("err");
            let val = num_expr(ctx, &scope.env, ed);
            let f = func(
                &[],
                false,
                vec![if_(cond, vec![call_stat(callp("error", vec![str(&msg), int(0)]))]), ret(vec![val])],
            );
            out.push(locals(&[&ok, &r], vec![callp("pcall", vec![f])]));
            let mut caught = vec![];
            ctx.checkpoint(&mut caught);
            match scope.mut_nums.first().cloned() {
                Some(v) if caught.is_empty() => out.push(if_(name(&ok), vec![inc(&v, name(&r))])),
                Some(v) => out.push(if_else(name(&ok), vec![inc(&v, name(&r))], caught)),
                None if caught.is_empty() => {}
                None => out.push(if_(not(name(&ok)), caught)),
            }
        }
        6 => {
            let v = ctx.fresh("v");
            out.push(local(&v, num_expr(ctx, &scope.env, ed)));
            scope.env.nums.push(v.clone());
            scope.mut_nums.push(v);
        }
        7 => {
            let c = ctx.checkpoint_now();
            out.push(c);
        }
        8 => {
            let l = scope.continue_label.clone().unwrap_or_default();
            let c = bool_expr(ctx, &scope.env, 1);
            out.push(if_(c, vec![goto(&l)]));
        }
        9 => {
            let c = bool_expr(ctx, &scope.env, 1);
            out.push(if_(c, vec![brk()]));
        }
        10 => {
            let t = ctx.pick(&scope.env.tabs);
            let f = ctx.pick(&TAB_FIELDS);
            out.push(assign(field(name(&t), f), num_expr(ctx, &scope.env, ed)));
        }
        _ => {
            if let Some(v) = scope.mut_nums.first().cloned() {
                out.push(inc(&v, int(1)));
            }
        }
    }
}

/// The body of a hot loop, which may `goto` its own end: `do <body> end ::label::`. The
/// `do` keeps the body's locals out of the label's scope, which Lua requires of a
/// forward `goto`. It never `break`s (a random early exit would keep it from getting
/// hot); the short loops nested in it may.
pub fn loop_body(ctx: &mut Ctx<'_>, scope: &Scope, depth: u32, prefix: Vec<Stat>) -> Vec<Stat> {
    let mut inner = scope.clone();
    inner.in_loop = false;
    let use_goto = ctx.feature(Feature::Goto) && ctx.chance(30);
    inner.continue_label = use_goto.then(|| ctx.fresh("continue"));
    let mut body = prefix;
    body.extend(block(ctx, &inner, depth));
    match inner.continue_label {
        Some(l) => vec![do_(body), label(&l)],
        None => body,
    }
}
