//! The statements every program starts with: the checkpoint fallback, the output
//! helpers, and, when a family asked for them, the arithmetic proxy and the FFI setup.
//!
//! ```lua
//! local twin_checkpoint = twin_checkpoint or function() end
//! local function twin_show(v) ... end      -- one value, printed the same everywhere
//! local function twin_out(label, ...) ... end
//! ```
//!
//! `twin_checkpoint` is the harness's stack-state probe (a global its prelude defines);
//! the local fallback lets a program run standalone. `twin_show` is where engine
//! independence of the output is enforced: NaN prints as `nan` whatever its sign bit
//! (engines and even JIT vs interpreter legitimately differ there), `-0` stays visible,
//! numbers print with 17 significant digits (every bit shows), strings are `%q`-quoted,
//! 64-bit cdata integers print as `123LL`, and tables, functions, threads and other
//! cdata print as their type name only, never an address.
//!
//! `TWIN_FFI_HELPER` is a global the harness sets to the path of the helper library
//! built by this crate ([`crate::helper_lib_path`]); programs of the FFI callback family
//! stop with a clear error when it is missing.

use twin_lua::syntax::ast::{Expr, Stat};

use crate::ctx::Ctx;
use crate::dsl::*;

pub fn prelude(ctx: &Ctx<'_>) -> Vec<Stat> {
    let mut out = vec![local("twin_checkpoint", or(name("twin_checkpoint"), func(&[], false, vec![])))];
    out.push(show());
    out.push(local_fn(
        "twin_out",
        &["label"],
        true,
        vec![
            local("parts", array(vec![name("label")])),
            for_num(
                "i",
                int(1),
                callp("select", vec![str("#"), vararg()]),
                None,
                vec![assign(
                    index(name("parts"), add(name("i"), int(1))),
                    call(name("twin_show"), vec![paren(callp("select", vec![name("i"), vararg()]))]),
                )],
            ),
            call_stat(callp("print", vec![callp("table.concat", vec![name("parts"), str(" ")])])),
        ],
    ));
    if ctx.uses_proxy {
        out.extend(proxy());
    }
    if ctx.uses_ffi {
        out.push(local("ffi", callp("require", vec![str("ffi")])));
    }
    if ctx.uses_helper {
        out.push(if_(
            eq(name("TWIN_FFI_HELPER"), nil()),
            vec![call_stat(callp(
                "error",
                vec![str("twin-gen: this program needs the global TWIN_FFI_HELPER set to the path of \
                     libtwin_ffi_helper (see twin_gen::helper_lib_path)")],
            ))],
        ));
        out.push(call_stat(callp("ffi.cdef", vec![str(crate::ffi_helper::CDEF)])));
        out.push(local("twin_helper", callp("ffi.load", vec![name("TWIN_FFI_HELPER")])));
    }
    out
}

fn show() -> Stat {
    let v = || name("v");
    let t = || name("t");
    local_fn(
        "twin_show",
        &["v"],
        false,
        vec![
            local("t", callp("type", vec![v()])),
            if_(
                eq(t(), str("number")),
                vec![
                    if_(ne(v(), v()), vec![ret(vec![str("nan")])]),
                    if_(and(eq(v(), int(0)), lt(div(int(1), v()), int(0))), vec![ret(vec![str("-0")])]),
                    ret(vec![callp("string.format", vec![str("%.17g"), v()])]),
                ],
            ),
            if_(eq(t(), str("string")), vec![ret(vec![callp("string.format", vec![str("%q"), v()])])]),
            if_(
                eq(t(), str("cdata")),
                vec![
                    local("s", callp("tostring", vec![v()])),
                    if_(
                        callp("string.find", vec![name("s"), str("^%-?%d+U?LL$")]),
                        vec![ret(vec![name("s")])],
                    ),
                    ret(vec![str("cdata")]),
                ],
            ),
            if_(
                or(eq(t(), str("nil")), eq(t(), str("boolean"))),
                vec![ret(vec![callp("tostring", vec![v()])])],
            ),
            ret(vec![t()]),
        ],
    )
}

/// `twin_proxy(n)`: a table standing for the number `n` in arithmetic, `..`, `==`, `<`
/// and `<=` (every metamethod answers with a plain number, string or boolean), so a
/// loop variable can turn from a number into a table without any operation on it
/// failing. `twin_val` reads the number behind a proxy, or passes a value through.
fn proxy() -> Vec<Stat> {
    use twin_lua::syntax::ast::BinOp::*;
    let mut out = vec![
        local_fn(
            "twin_val",
            &["x"],
            false,
            vec![
                if_(eq(callp("type", vec![name("x")]), str("table")), vec![ret(vec![field(name("x"), "v")])]),
                ret(vec![name("x")]),
            ],
        ),
        local("twin_proxy_mt", table(vec![])),
    ];
    let val = |n: &str| call(name("twin_val"), vec![name(n)]);
    for (mm, op) in [
        ("__add", Add),
        ("__sub", Sub),
        ("__mul", Mul),
        ("__div", Div),
        ("__mod", Mod),
        ("__pow", Pow),
        ("__concat", Concat),
        ("__eq", Eq),
        ("__lt", Lt),
        ("__le", Le),
    ] {
        out.push(assign(
            field(name("twin_proxy_mt"), mm),
            func(&["a", "b"], false, vec![ret(vec![bin(op, val("a"), val("b"))])]),
        ));
    }
    out.push(assign(
        field(name("twin_proxy_mt"), "__unm"),
        func(&["a"], false, vec![ret(vec![neg(val("a"))])]),
    ));
    out.push(local_fn(
        "twin_proxy",
        &["n"],
        false,
        vec![ret(vec![callp(
            "setmetatable",
            vec![table(vec![named("v", name("n"))]), name("twin_proxy_mt")],
        )])],
    ));
    out
}

/// `twin_out(label, v1, v2, ...)`: the one way families print results.
pub fn out(label: &str, mut vals: Vec<Expr>) -> Stat {
    vals.insert(0, str(label));
    call_stat(call(name("twin_out"), vals))
}
