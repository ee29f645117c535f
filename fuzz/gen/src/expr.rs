//! Random expressions of a known type over the variables in scope.
//!
//! Types are what keeps random code free of unintended errors: an expression asked for a
//! number only combines operands that are numbers at run time, so arithmetic never meets
//! `nil`, a comparison never meets a string and a table, and a library call never gets a
//! wrong argument. Three kinds of variables are tracked:
//!
//! * `nums`: always numbers (any number, NaN and infinities included);
//! * `loose`: number-like values whose type changes at run time (a number, a numeric
//!   string, or an arithmetic proxy table from the prelude). They appear only where all
//!   three work: as operands of arithmetic, of `..`, and of `==`/`~=`;
//! * `strs`: always strings, of bounded length;
//! * `tabs`: tables whose fields `a`, `b`, `c` and `z` are numbers or absent (or come
//!   from an `__index` that answers numbers), read as `(t.a or 0)`.
//!
//! Expression size is bounded twice: by the depth argument and by the context's fuel.

use twin_lua::syntax::ast::{BinOp, Expr};

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;

#[derive(Clone, Debug, Default)]
pub struct Env {
    pub nums: Vec<String>,
    pub loose: Vec<String>,
    pub strs: Vec<String>,
    pub tabs: Vec<String>,
}

/// The fields of `tabs` tables that random code reads and writes.
pub const TAB_FIELDS: [&str; 4] = ["a", "b", "c", "z"];

impl Env {
    pub fn with_num(&self, n: &str) -> Env {
        let mut e = self.clone();
        e.nums.push(n.to_string());
        e
    }
}

/// A small literal: mostly small integers (what loop code uses), some fractions and
/// negatives so narrowing to integers gets tested too.
pub fn small_num(ctx: &mut Ctx<'_>) -> Expr {
    match ctx.weighted(&[6, 2, 2, 1]) {
        0 => int(ctx.int(0, 9)),
        1 => int(ctx.int(-20, 300)),
        2 => num(ctx.int(-40, 40) as f64 / 4.0),
        _ => int(ctx.int(1000, 100_000)),
    }
}

/// A variable, a table field or a literal: side-effect free, so callers may evaluate
/// it more than once.
fn num_leaf(ctx: &mut Ctx<'_>, env: &Env) -> Expr {
    if !env.tabs.is_empty() && ctx.chance(15) {
        let t = ctx.pick(&env.tabs);
        or(field(name(&t), ctx.pick(&TAB_FIELDS)), int(0))
    } else if !env.nums.is_empty() && ctx.chance(70) {
        name(&ctx.pick(&env.nums))
    } else {
        small_num(ctx)
    }
}

/// An operand of arithmetic: a number, or sometimes a loose variable.
fn operand(ctx: &mut Ctx<'_>, env: &Env, depth: u32) -> Expr {
    if !env.loose.is_empty() && ctx.chance(35) {
        name(&ctx.pick(&env.loose))
    } else {
        num_expr(ctx, env, depth)
    }
}

/// An expression whose value is always a number.
pub fn num_expr(ctx: &mut Ctx<'_>, env: &Env, depth: u32) -> Expr {
    if depth == 0 || !ctx.spend() {
        return num_leaf(ctx, env);
    }
    let d = depth - 1;
    match ctx.weighted(&[3, 8, 1, 2, 1, 1, 1]) {
        0 => num_leaf(ctx, env),
        1 => {
            let op = [BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::Mod, BinOp::Pow]
                [ctx.weighted(&[4, 3, 3, 1, 1, 1])];
            let a = operand(ctx, env, d);
            // A small exponent keeps `^` from turning every later value into inf.
            let b = if op == BinOp::Pow { int(ctx.int(0, 3)) } else { operand(ctx, env, d) };
            bin(op, a, b)
        }
        2 => neg(operand(ctx, env, d)),
        3 => {
            let f = ctx.pick(&["math.floor", "math.ceil", "math.abs", "math.max", "math.min", "math.fmod"]);
            let mut args = vec![num_expr(ctx, env, d)];
            if matches!(f, "math.max" | "math.min" | "math.fmod") {
                args.push(num_expr(ctx, env, d));
            }
            callp(f, args)
        }
        4 if ctx.feature(Feature::BitLib) => {
            let f = ctx.pick(&["bit.band", "bit.bor", "bit.bxor", "bit.lshift", "bit.rshift", "bit.arshift"]);
            let a = bit_safe(num_leaf(ctx, env));
            let b = if f.contains("shift") { int(ctx.int(0, 40)) } else { bit_safe(num_leaf(ctx, env)) };
            callp(f, vec![a, b])
        }
        5 => {
            let c = bool_expr(ctx, env, d);
            // `c and a or b` is `a` or `b`: `a` is a number, never false or nil.
            or(and(c, num_expr(ctx, env, d)), num_expr(ctx, env, d))
        }
        6 if !env.strs.is_empty() => len(name(&ctx.pick(&env.strs))),
        _ => num_leaf(ctx, env),
    }
}

/// `x` if it is an integer of magnitude below 2^51, else 0: the inputs for which the
/// `bit` library's results are defined (LuaJIT documents everything else as undefined,
/// and its interpreter and JIT do disagree there). `x` is evaluated up to four times,
/// so it must be side-effect free and cheap (a leaf).
pub fn bit_safe(x: Expr) -> Expr {
    let limit = 2f64.powi(51);
    let integral = eq(x.clone(), callp("math.floor", vec![x.clone()]));
    let in_range = and(gt(x.clone(), num(-limit)), lt(x.clone(), num(limit)));
    or(and(and(integral, in_range), x), int(0))
}

/// An expression whose value is always a boolean.
pub fn bool_expr(ctx: &mut Ctx<'_>, env: &Env, depth: u32) -> Expr {
    let d = depth.saturating_sub(1);
    if depth == 0 || !ctx.spend() {
        let a = num_leaf(ctx, env);
        return lt(a, small_num(ctx));
    }
    match ctx.weighted(&[6, 2, 1, 2, 1]) {
        0 => {
            let op = ctx.pick(&[BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge, BinOp::Eq, BinOp::Ne]);
            bin(op, num_expr(ctx, env, d), num_expr(ctx, env, d))
        }
        1 if !env.loose.is_empty() => {
            let v = name(&ctx.pick(&env.loose));
            if ctx.chance(50) {
                eq(callp("type", vec![v]), str("number"))
            } else {
                ne(v, num_expr(ctx, env, d))
            }
        }
        2 => not(bool_expr(ctx, env, d)),
        3 => {
            let op = ctx.pick(&[BinOp::And, BinOp::Or]);
            bin(op, bool_expr(ctx, env, d), bool_expr(ctx, env, d))
        }
        4 if !env.strs.is_empty() => {
            let op = ctx.pick(&[BinOp::Lt, BinOp::Eq, BinOp::Ne]);
            bin(op, name(&ctx.pick(&env.strs)), str_expr(ctx, env, d))
        }
        _ => lt(num_expr(ctx, env, d), num_expr(ctx, env, d)),
    }
}

pub fn str_lit(ctx: &mut Ctx<'_>) -> Expr {
    let words = ["", "a", "ab", "xyz", "hello", "a b", "12", "-3.5", "0x1f", "\0z", "%d", "~"];
    str(words[ctx.below(words.len())])
}

/// An expression whose value is always a string of bounded length (at most a few
/// hundred bytes at the deepest nesting).
pub fn str_expr(ctx: &mut Ctx<'_>, env: &Env, depth: u32) -> Expr {
    let leaf = |ctx: &mut Ctx| {
        if !env.strs.is_empty() && ctx.chance(60) { name(&ctx.pick(&env.strs)) } else { str_lit(ctx) }
    };
    if depth == 0 || !ctx.spend() {
        return leaf(ctx);
    }
    let d = depth - 1;
    let lib = ctx.feature(Feature::StringLib);
    match ctx.weighted(&[2, 5, 2, 2, 2, 1]) {
        1 => {
            // `..` takes numbers and loose values too (proxies have __concat).
            let a = str_expr(ctx, env, d);
            let b = match ctx.below(3) {
                0 => str_expr(ctx, env, d),
                1 => num_expr(ctx, env, d),
                _ => operand(ctx, env, d),
            };
            concat(a, b)
        }
        2 if lib => {
            let i = int(ctx.int(-6, 6));
            let j = int(ctx.int(-6, 8));
            callp("string.sub", vec![str_expr(ctx, env, d), i, j])
        }
        3 if lib => {
            let f = ctx.pick(&["string.upper", "string.lower", "string.reverse"]);
            callp(f, vec![str_expr(ctx, env, d)])
        }
        4 if lib => {
            let fmt = ctx.pick(&["%g", "%.3f", "%5.1f", "%.17g", "%e", "[%s]"]);
            callp("string.format", vec![str(fmt), num_expr(ctx, env, d)])
        }
        5 if lib => callp("string.rep", vec![str_expr(ctx, env, d), int(ctx.int(0, 3))]),
        _ if ctx.chance(50) => callp("tostring", vec![num_expr(ctx, env, d)]),
        _ => leaf(ctx),
    }
}

/// `s = <str expr>` with the result cut to 40 bytes, for assignments that repeat in
/// loops (without the cut, `s = s .. x` would grow without bound).
pub fn capped_str(ctx: &mut Ctx<'_>, env: &Env, depth: u32) -> Expr {
    if ctx.feature(Feature::StringLib) {
        callp("string.sub", vec![str_expr(ctx, env, depth), int(1), int(40)])
    } else {
        // Without the string library: `#x > 40 and "" or x .. lit` over a leaf `x`
        // (a variable already capped this way, or a literal).
        let x = str_expr(ctx, env, 0);
        or(and(gt(len(x.clone()), int(40)), str("")), concat(x, str_lit(ctx)))
    }
}
