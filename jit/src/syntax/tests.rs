//! Whole-front-end tests: round trips through the printer, LuaJIT's error messages,
//! nesting limits, and robustness on garbage.

use super::ast::*;
use super::*;

/// parse -> print -> parse gives the same tree, and printing is a fixpoint.
fn roundtrip(src: &str) {
    let a = parse(src.as_bytes(), "=t").unwrap_or_else(|e| panic!("{src:?}: {e}"));
    let printed = print_chunk(&a);
    let b =
        parse(printed.as_bytes(), "=t").unwrap_or_else(|e| panic!("{src:?} printed as\n{printed}\n: {e}"));
    assert_eq!(a, b, "{src:?} printed as\n{printed}");
    assert_eq!(print_chunk(&b), printed, "{src:?}");
}

/// Snippets covering every construct; each must parse and round-trip.
const SNIPPETS: &[&str] = &[
    "",
    "x = 1",
    "local a",
    "local a, b, c",
    "local a, b = 1, 2, 3",
    "a, b.c, d[1] = f()",
    "f()",
    "f(1, 2, ...)",
    "f 'x' f\"y\" f[[z]] f{1}",
    "a.b.c.d = a['b'][\"c\"]",
    "a[1][2] = a[nil] or a[true] or a[false]",
    "t = {}",
    "t = {1, 2, 3;}",
    "t = {x = 1, ['y'] = 2, [3] = 4, f(), (f()), ...}",
    "t = {goto = 1, [\"end\"] = 2}",
    "t = {{}, {{}}, {x = {y = {}}}}",
    "o:m() o:m(1) o.a:m 's' o:m{} o:m():n()",
    "do end",
    "do local x = 1 end",
    "while x do x = x - 1 end",
    "while true do break end",
    "repeat local x = f() until x",
    "repeat until false",
    "if a then end",
    "if a then b() elseif c then d() elseif e then else f() end",
    "if a then else end",
    "for i = 1, 10 do end",
    "for i = 10, 1, -1 do print(i) end",
    "for k, v in pairs(t) do print(k, v) end",
    "for a, b, c in f, s, nil do break end",
    "function f() end",
    "function f(a, b, ...) return ... end",
    "function a.b.c:m(x) return self, x end",
    "function a:m() end",
    "local function f(n) if n > 0 then return f(n - 1) end end",
    "local f = function(...) local a, b = ... return a end",
    "return",
    "return;",
    "return 1",
    "return 1, 2, f()",
    "return (f())",
    "return (...)",
    "x = (f())",
    "x = #t + -y * not z",
    "x = a + b * c - d / e % f ^ g",
    "x = (a + b) * c",
    "x = a .. b .. c",
    "x = (a .. b) .. c",
    "x = 1 .. 2",
    "x = a ^ b ^ c",
    "x = (a ^ b) ^ c",
    "x = -x ^ 2",
    "x = (-x) ^ 2",
    "x = 2 ^ -3",
    "x = - -x",
    "x = -(-x)",
    "x = not not x",
    "x = a - -b",
    "x = a < b == c > d <= e >= f ~= g",
    "x = a < (b < c)",
    "x = a and b or c and d",
    "x = (a or b) and c",
    "x = not (a == b)",
    "x = #(a .. b)",
    "x = -(a + b)",
    "x = (\"s\"):len()",
    "x = ({}).x",
    "x = (function() end)()",
    "x = (1).x",
    "x = (a or b)()",
    "x = (...).x",
    "x = (f()).x",
    "(f or g)()",
    "(\"s\"):len()",
    "a = 1; (f)()",
    "local x = y; (f)()",
    "x = nil x = true x = false",
    "x = 0 x = 1.5 x = 1e300 x = 1e-300 x = 0.1 x = 123456789012 x = 2^53",
    "x = 1e999 x = 0x10 x = 0x1p-1074 x = 4.9e-324 x = 1.7976931348623157e308",
    "x = 3LL x = 0xffffffffffffffffLL x = 18446744073709551615ULL x = 2i x = 1.5e3i",
    "x = 9223372036854775807LL x = 9223372036854775808LL",
    "x = 'a\\0b\\1c\\0012\\255\\n\\r\\t\\a\\b\\f\\v\\\\\\'\"'",
    "x = \"\\u{48}\\u{e9}\\u{10ffff}\\xff\\z   \"",
    "x = [==[\nlong\n]] ]=] string]==]",
    "x = '\\128\\200\\0'",
    "x = 'caf\u{e9}'",
    "goto done ::done::",
    "do goto a end ::a::",
    "::top:: x = x + 1 if x < 3 then goto top end",
    "for i = 1, 3 do for j = 1, 3 do if j == 2 then goto next end end ::next:: end",
    "do goto a; local x; ::a:: end",
    "while x do if y then goto continue end local z = 1 ::continue:: end",
    "local goto = 1 goto = goto + 1 print(goto)",
    "local t = {} t.goto = 1 t:goto()",
    "f(function() return 1 end, function(a) return a end)",
    "local a = {f = function(self) return self end}",
    "x = a.b[c].d(e):f(g)[h]",
];

#[test]
fn snippets_roundtrip() {
    for src in SNIPPETS {
        roundtrip(src);
    }
}
