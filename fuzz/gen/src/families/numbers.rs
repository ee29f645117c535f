//! Numeric edge values in hot code: integers around 2^31, 2^32, 2^53, 2^63, `-0`, NaN,
//! the infinities and denormals, through arithmetic, comparisons, `%`, `math.*`,
//! `bit.*`, `tostring`/`tonumber`, table keys, and `for` loop bounds and steps.
//!
//! A JIT narrows numbers to integers where it can prove the result unchanged; these
//! values are the ones where such proofs go wrong. Results are printed every few
//! iterations (a branch of its own) with all 17 digits.
//!
//! `for` loops with edge bounds are simulated here in double arithmetic first (Lua's
//! loop semantics), and only loops that end within 300 trips are emitted: near 2^53 a
//! step of 1 no longer changes the index, and that loop would never end.

use twin_lua::syntax::ast::{BinOp, Expr, Stat};

use crate::config::Feature;
use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, bit_safe, num_expr};
use crate::prelude::out;

const P31: f64 = 2147483648.0;
const P32: f64 = 4294967296.0;
const P53: f64 = 9007199254740992.0;
const P63: f64 = 9223372036854775808.0;

pub const EDGES: [f64; 34] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    3.0,
    0.5,
    -0.5,
    1.5,
    2.5,
    -1.5,
    0.1,
    P31 - 1.0,
    P31,
    -P31,
    -P31 - 1.0,
    P32 - 1.0,
    P32,
    P32 + 1.0,
    P53 / 2.0,
    P53 - 1.0,
    P53,
    P53 + 2.0,
    P63,
    -P63,
    P63 * 2.0,
    1e15,
    123456789012.0,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    5e-324,
    2.2250738585072014e-308,
    f64::MAX,
    -f64::MIN_POSITIVE,
];

pub fn edge(ctx: &mut Ctx<'_>) -> f64 {
    ctx.pick(&EDGES)
}

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let mut stats = Vec::new();
    for _ in 0..ctx.int(1, 3) {
        stats.extend(match ctx.weighted(&[5, 3, 2, 2]) {
            0 => edge_loop(ctx),
            1 => edge_for(ctx),
            2 => conversions(ctx),
            _ => keys(ctx),
        });
    }
    stats
}

/// A hot loop over an array of edge values, combining pairs of them.
fn edge_loop(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let vals = ctx.fresh("vals");
    let i = ctx.fresh("i");
    let (a, b) = (ctx.fresh("a"), ctx.fresh("b"));
    let count = ctx.int(3, 8);
    let items: Vec<Expr> = (0..count).map(|_| num(edge(ctx))).collect();
    let env = Env { nums: vec![a.clone(), b.clone(), i.clone()], ..Env::default() };
    let pick = |k: i64| add(modulo(mul(name(&i), int(k)), int(count)), int(1));
    let mut results: Vec<Expr> = vec![name(&a), name(&b)];
    for _ in 0..ctx.int(2, 4) {
        let r = match ctx.below(9) {
            0 => bin(ctx.pick(&[BinOp::Mod, BinOp::Div]), name(&a), name(&b)),
            1 => flag(bin(ctx.pick(&[BinOp::Lt, BinOp::Le, BinOp::Eq]), name(&a), name(&b))),
            2 => callp(ctx.pick(&["math.floor", "math.ceil", "math.abs", "math.sqrt"]), vec![name(&a)]),
            // Only integers below 2^51 reach `bit` (see `bit_safe`): 2^31 and 2^32
            // neighbours do, 2^53 and NaN become 0.
            3 if ctx.feature(Feature::BitLib) => {
                callp(ctx.pick(&["bit.tobit", "bit.bnot", "bit.bswap"]), vec![bit_safe(name(&a))])
            }
            4 if ctx.feature(Feature::BitLib) => callp(
                ctx.pick(&["bit.band", "bit.bxor", "bit.lshift", "bit.arshift"]),
                vec![bit_safe(name(&a)), int(ctx.int(0, 33))],
            ),
            5 => callp("tonumber", vec![callp("tostring", vec![name(&a)])]),
            6 if ctx.feature(Feature::StringLib) => {
                let fmt = ctx.pick(&["%.17g", "%a", "%g", "%5.2f", "%.0f", "%e", "%.3g"]);
                callp("string.format", vec![str(fmt), name(&a)])
            }
            7 => sub(add(name(&a), name(&b)), name(&b)),
            _ => num_expr(ctx, &env, 2),
        };
        results.push(r);
    }
    let every = ctx.int(5, 40);
    let mut body = vec![local(&a, index(name(&vals), pick(1))), local(&b, index(name(&vals), pick(3)))];
    let mut show = vec![out("num", results)];
    ctx.checkpoint(&mut show);
    body.push(if_(eq(modulo(name(&i), int(every)), int(0)), show));
    let trips = i64::from(ctx.cfg.trip());
    vec![local(&vals, array(items)), for_num(&i, int(1), int(trips), None, body)]
}

fn flag(c: Expr) -> Expr {
    or(and(c, int(1)), int(0))
}

/// Trip count of `for v = start, limit, step` under Lua's double semantics, if it ends
/// within `max` trips.
pub fn trip_count(start: f64, limit: f64, step: f64, max: u32) -> Option<u32> {
    if step == 0.0 || step.is_nan() {
        return None;
    }
    let mut v = start;
    let mut n = 0;
    while if step > 0.0 { v <= limit } else { v >= limit } {
        n += 1;
        let next = v + step;
        if n > max || next == v {
            return None;
        }
        v = next;
    }
    Some(n)
}

fn edge_for(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let v = ctx.fresh("v");
    let n = ctx.fresh("n");
    let last = ctx.fresh("last");
    // Draw until a loop ends within bounds; the fallback is small and plain.
    let (mut start, mut limit, mut step) = (1.0, 10.0, 1.0);
    for _ in 0..8 {
        let base = edge(ctx);
        let st = ctx.pick(&[1.0, -1.0, 0.5, 2.0, -3.0, 1024.0, 4096.0, P31, -0.25]);
        let span = ctx.int(0, 200) as f64;
        let (s, l) = if ctx.chance(50) { (base - span * st, base) } else { (base, base + span * st) };
        let l = if ctx.chance(15) { edge(ctx) } else { l };
        if trip_count(s, l, st, 300).is_some() {
            (start, limit, step) = (s, l, st);
            break;
        }
    }
    let step_e = if step == 1.0 && ctx.chance(50) { None } else { Some(num(step)) };
    let mut body = vec![inc(&n, int(1)), set(&last, name(&v))];
    ctx.checkpoint(&mut body);
    vec![
        locals(&[&n, &last], vec![int(0), nil()]),
        for_num(&v, num(start), num(limit), step_e, body),
        out("for", vec![name(&n), name(&last)]),
    ]
}

/// `tonumber`/`tostring` over edge strings and numbers, in a loop.
fn conversions(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    const STRS: [&str; 24] = [
        "0x10",
        "  12  ",
        "1e500",
        "-0",
        "inf",
        "nan",
        "0x",
        "1e",
        "12a",
        "0x1p4",
        ".5",
        "5.",
        "1e-400",
        "0x7fffffff",
        "9007199254740993",
        "-0x10",
        "",
        " ",
        "1 2",
        "0X1F",
        "1E+2",
        "4294967296",
        "+3",
        "0.1e1",
    ];
    let strs = ctx.fresh("strs");
    let i = ctx.fresh("i");
    let s = ctx.fresh("s");
    let count = ctx.int(3, 8);
    let items: Vec<Expr> = (0..count).map(|_| str(ctx.pick(&STRS))).collect();
    let base = ctx.pick(&[None, Some(2), Some(8), Some(10), Some(16), Some(36)]);
    let mut conv_args = vec![name(&s)];
    if let Some(b) = base {
        conv_args.push(int(b));
    }
    let mut body = vec![
        local(&s, index(name(&strs), add(modulo(name(&i), int(count)), int(1)))),
        local("r", callp("tonumber", conv_args)),
    ];
    let shown = vec![name(&s), name("r"), callp("tostring", vec![or(name("r"), int(0))])];
    body.push(if_(le(name(&i), int(count)), vec![out("tonumber", shown)]));
    ctx.checkpoint(&mut body);
    let trips = i64::from(ctx.cfg.trip());
    vec![local(&strs, array(items)), for_num(&i, int(1), int(trips), None, body)]
}

/// Edge numbers as table keys: `-0` and `0` are one key, float keys, 2^53 neighbours,
/// NaN keys (an error, under `pcall`).
fn keys(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let t = ctx.fresh("kt");
    let i = ctx.fresh("i");
    let fails = ctx.fresh("fails");
    let count = ctx.int(3, 8);
    let vals = ctx.fresh("vals");
    let items: Vec<Expr> = (0..count).map(|_| num(edge(ctx))).collect();
    let k = index(name(&vals), add(modulo(name(&i), int(count)), int(1)));
    let store = func(&[], false, vec![assign(index(name(&t), k.clone()), name(&i))]);
    let mut caught = vec![inc(&fails, int(1))];
    ctx.checkpoint(&mut caught);
    let trips = i64::from(ctx.cfg.trip());
    let mut reads = Vec::new();
    for _ in 0..3 {
        reads.push(index(name(&t), num(edge(ctx))));
    }
    let mut shown = vec![name(&fails)];
    shown.extend(reads);
    vec![
        local(&t, table(vec![])),
        local(&vals, array(items)),
        local(&fails, int(0)),
        for_num(&i, int(1), int(trips), None, vec![if_(not(callp("pcall", vec![store])), caught)]),
        out("keys", shown),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trip_count_follows_lua_for_semantics() {
        assert_eq!(trip_count(1.0, 10.0, 1.0, 300), Some(10));
        assert_eq!(trip_count(10.0, 1.0, -3.0, 300), Some(4)); // 10, 7, 4, 1
        assert_eq!(trip_count(1.0, 0.0, 1.0, 300), Some(0));
        assert_eq!(trip_count(1.0, f64::NAN, 1.0, 300), Some(0));
        assert_eq!(trip_count(0.0, 1.0, 0.25, 300), Some(5));
        // Endless or too long: a zero step, an infinite limit, a step below the ulp.
        assert_eq!(trip_count(1.0, 10.0, 0.0, 300), None);
        assert_eq!(trip_count(1.0, f64::INFINITY, 1.0, 300), None);
        assert_eq!(trip_count(P53, P53 + 4.0, 1.0, 300), None);
        assert_eq!(trip_count(1.0, 1000.0, 1.0, 300), None);
    }
}
