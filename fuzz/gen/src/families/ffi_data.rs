//! FFI data in hot loops: a struct with fields of several widths, a variable-length
//! array and pointers into it, 64-bit integers (`LL`/`ULL`) with their wrapping
//! arithmetic, casts between widths and signedness, `ffi.metatype` methods and
//! metamethods, and (when the helper library is used) structs passed and returned by
//! value and vararg C calls.
//!
//! Every value stored into a narrow C integer is an integer within int32 range (a
//! double outside it converts with undefined behaviour in C, so engines may differ), and
//! wraparound is done with 64-bit cdata or explicit casts, where it is defined.

use twin_lua::syntax::ast::{Expr, Stat};

use crate::ctx::Ctx;
use crate::dsl::*;
use crate::prelude::out;

const STRUCTS: [&str; 3] = [
    "struct { int32_t a; double b; uint8_t c[4]; int64_t d; int16_t e; }",
    "struct { int16_t e; int64_t d; int32_t a; double b; uint8_t c[4]; }",
    "struct { uint8_t c[4]; int32_t a; int16_t e; double b; int64_t d; }",
];

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    ctx.uses_ffi = true;
    let s_t = ctx.fresh("S");
    let s = ctx.fresh("s");
    let arr = ctx.fresh("arr");
    let w = ctx.fresh("w");
    let acc = ctx.fresh("acc");
    let i = ctx.fresh("i");
    let n = ctx.int(4, 64);
    let elem = ctx.pick(&["int32_t", "uint8_t", "int16_t", "double", "int64_t", "uint32_t"]);
    let ffi = |f: &str, args: Vec<Expr>| call(field(name("ffi"), f), args);
    let mut stats = vec![
        local(&s_t, ffi("typeof", vec![str(ctx.pick(&STRUCTS))])),
        local(&s, call(name(&s_t), vec![])),
        local(&arr, ffi("new", vec![str(&format!("{elem}[?]")), int(n)])),
        local(&w, uint64(ctx.int(0, 1 << 40) as u64)),
        local(&acc, int(0)),
    ];
    let iv = || name(&i);
    let slot = |k: i64| modulo(mul(iv(), int(k)), int(n));
    let mut body = vec![
        assign(index(name(&arr), slot(1)), mul(iv(), int(ctx.int(-50, 50)))),
        inc(&acc, callp("tonumber", vec![index(name(&arr), slot(ctx.int(2, 7)))])),
    ];
    for _ in 0..ctx.int(2, 5) {
        let st = match ctx.below(9) {
            0 => assign(field(name(&s), "a"), add(field(name(&s), "a"), iv())),
            1 => assign(field(name(&s), "b"), add(mul(field(name(&s), "b"), num(0.5)), iv())),
            2 => assign(
                field(name(&s), "d"),
                add(field(name(&s), "d"), mul(iv(), int64(ctx.int(1, i64::MAX / 1024)))),
            ),
            3 => set(&w, add(mul(name(&w), uint64(6364136223846793005)), uint64(1442695040888963407))),
            4 => {
                let ty = ctx.pick(&["int8_t", "uint8_t", "int16_t", "uint16_t", "uint32_t", "int32_t"]);
                let v = mul(iv(), int(ctx.int(-100_000, 100_000)));
                inc(&acc, callp("tonumber", vec![ffi("cast", vec![str(ty), v])]))
            }
            5 => {
                // Pointer arithmetic: p = arr + k, p[j], and the difference back.
                let p = ctx.fresh("p");
                let k = ctx.int(0, n - 1);
                let j = ctx.int(0, n - 1 - k);
                do_(vec![
                    local(&p, add(name(&arr), int(k))),
                    assign(index(name(&p), int(j)), iv()),
                    inc(&acc, callp("tonumber", vec![sub(name(&p), name(&arr))])),
                ])
            }
            6 => assign(
                index(field(name(&s), "c"), modulo(iv(), int(4))),
                callp("bit.band", vec![iv(), int(255)]),
            ),
            7 => {
                // int64 division, modulo and comparisons with numbers.
                let d = field(name(&s), "d");
                let q = callp("tonumber", vec![modulo(d.clone(), int64(ctx.int(2, 1000)))]);
                if_(lt(d, int(0)), vec![inc(&acc, q)])
            }
            _ => assign(field(name(&s), "e"), sub(modulo(iv(), int(60000)), int(30000))),
        };
        body.push(st);
    }
    let mut shown = vec![
        name(&acc),
        field(name(&s), "a"),
        field(name(&s), "b"),
        field(name(&s), "d"),
        field(name(&s), "e"),
        name(&w),
        callp("tonumber", vec![index(name(&arr), int(0))]),
        ffi("sizeof", vec![name(&s_t)]),
        ffi("offsetof", vec![name(&s_t), str("d")]),
    ];
    if ctx.chance(40) {
        metatype(ctx, &mut stats, &mut body, &mut shown, &i);
    }
    if ctx.feature(crate::config::Feature::Closures) && ctx.chance(30) {
        by_value(ctx, &mut body, &acc, &i);
    }
    ctx.checkpoint(&mut body);
    let trips = i64::from(ctx.cfg.trip());
    stats.push(for_num(&i, int(1), int(trips), None, body));
    stats.push(out("ffi", shown));
    stats
}

/// A 2-vector type with `__add`, `__eq` and methods through `__index`.
fn metatype(ctx: &mut Ctx<'_>, stats: &mut Vec<Stat>, body: &mut Vec<Stat>, shown: &mut Vec<Expr>, i: &str) {
    let p = ctx.fresh("P");
    let v = ctx.fresh("vec");
    let ct = call(field(name("ffi"), "typeof"), vec![str("struct { double x, y; }")]);
    let mt = table(vec![
        named(
            "__add",
            func(
                &["a", "b"],
                false,
                vec![ret(vec![call(
                    name(&p),
                    vec![
                        add(field(name("a"), "x"), field(name("b"), "x")),
                        add(field(name("a"), "y"), field(name("b"), "y")),
                    ],
                )])],
            ),
        ),
        named(
            "__index",
            table(vec![named(
                "norm1",
                func(
                    &["self"],
                    false,
                    vec![ret(vec![add(
                        callp("math.abs", vec![field(name("self"), "x")]),
                        callp("math.abs", vec![field(name("self"), "y")]),
                    )])],
                ),
            )]),
        ),
    ]);
    stats.push(local(&p, nil()));
    stats.push(set(&p, call(field(name("ffi"), "metatype"), vec![ct, mt])));
    stats.push(local(&v, call(name(&p), vec![int(0), int(ctx.int(-5, 5))])));
    let k = num(ctx.int(-8, 8) as f64 / 4.0);
    body.push(set(&v, add(name(&v), call(name(&p), vec![name(i), k]))));
    shown.push(method(name(&v), "norm1", vec![]));
    shown.push(field(name(&v), "x"));
}

/// Structs by value and vararg calls through the helper library.
fn by_value(ctx: &mut Ctx<'_>, body: &mut Vec<Stat>, acc: &str, i: &str) {
    ctx.uses_helper = true;
    let h = |f: &str, args: Vec<Expr>| call(field(name("twin_helper"), f), args);
    let e = match ctx.below(8) {
        0 => {
            let pair = h("twin_pair_make", vec![name(i), int(ctx.int(-9, 9))]);
            field(h("twin_pair_swap", vec![pair]), "a")
        }
        1 => {
            let pair = h("twin_pair_make", vec![name(i), mul(name(i), int(3))]);
            callp(
                "tonumber",
                vec![callp("bit.band", vec![h("twin_checksum_pair", vec![pair]), int64(0xffff)])],
            )
        }
        2 => {
            let m =
                h("twin_mixed_make", vec![int(ctx.int(-100, 100)), mul(name(i), int64(1 << 40)), num(0.25)]);
            callp("tonumber", vec![callp("bit.band", vec![h("twin_checksum_mixed", vec![m]), int64(0xffff)])])
        }
        3 => {
            let sum = h("twin_sum_int64s", vec![int(3), int64(5), mul(name(i), int64(7)), int64(-2)]);
            callp("tonumber", vec![sum])
        }
        4 => {
            let v = h(
                "twin_vec2_scale",
                vec![call(path("ffi.new"), vec![str("twin_vec2"), name(i), num(0.5)]), num(1.5)],
            );
            callp("tonumber", vec![callp("bit.band", vec![h("twin_checksum_vec2", vec![v]), int64(0xffff)])])
        }
        5 => {
            // Lua numbers in a vararg slot are passed as double.
            let sum = h("twin_checksum_doubles", vec![int(3), name(i), num(0.25), neg(name(i))]);
            callp("tonumber", vec![callp("bit.band", vec![sum, int64(0xffff)])])
        }
        6 => {
            let p = h("twin_mul_uint64", vec![mul(name(i), uint64(0x9e37_79b9_7f4a_7c15)), uint64(3)]);
            callp("tonumber", vec![callp("bit.rshift", vec![p, int(40)])])
        }
        _ => {
            // Narrow arguments: sign and zero extension at the call boundary.
            let a = int(ctx.int(-128, 127));
            let d = int(ctx.int(0, 65535));
            h("twin_widen_sum", vec![a, modulo(name(i), int(256)), neg(name(i)), d])
        }
    };
    body.push(inc(acc, e));
}
