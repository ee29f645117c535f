//! Strings and the builtins a JIT records or stitches around: `sub`, `byte`, `char`,
//! `rep`, `format`, `find`, `match`, `gsub`, `upper`, `len`, concatenation chains, with
//! indices at the edges (0, negative, past the end) computed from the loop index.
//!
//! ```lua
//! do
//!   local s, acc, h = "hello world", 0, ""
//!   for i = 1, N do
//!     local j = i % 15 - 7                  -- edge indices: negative, 0, past the end
//!     acc = acc + #string.sub(s, j, j + 3)  -- and other builtins
//!     h = string.sub(h .. string.char(65 + i % 26), -20)  -- bounded growth
//!   end
//!   twin_out("str", acc, h)
//! end
//! ```

use twin_lua::syntax::ast::{Expr, Stat};

use crate::ctx::Ctx;
use crate::dsl::*;
use crate::expr::{Env, capped_str};
use crate::prelude::out;

const SUBJECTS: [&[u8]; 8] = [
    b"hello world",
    b"",
    b"a",
    b"aaa bbb ccc",
    b"x=1, y=22, z=333",
    b"\x00\x01\x02\xff",
    b"%d%s[]^$",
    b"The quick brown fox",
];

const PATTERNS: [&str; 12] =
    ["o", "%d+", "[a-c]+", "^h", "d$", "(%a)(%d*)", "%s", "x*", ".-", "[^%s]+", "%%", "(%w+)=(%w+)"];

pub fn generate(ctx: &mut Ctx<'_>) -> Vec<Stat> {
    let s = ctx.fresh("s");
    let acc = ctx.fresh("acc");
    let h = ctx.fresh("h");
    let i = ctx.fresh("i");
    let j = ctx.fresh("j");
    let width = ctx.int(8, 20);
    let subject = ctx.pick(&SUBJECTS);
    let mut stats = vec![local(&s, bytes(subject)), local(&acc, int(0)), local(&h, str(""))];
    let mut body = vec![local(&j, sub(modulo(name(&i), int(width)), int(width / 2)))];
    let sj = || vec![name(&s), name(&j)];
    for _ in 0..ctx.int(2, 5) {
        let stat = match ctx.below(10) {
            0 => inc(
                &acc,
                len(callp("string.sub", vec![name(&s), name(&j), add(name(&j), int(ctx.int(0, 4)))])),
            ),
            1 => inc(&acc, or(callp("string.byte", sj()), int(-1))),
            2 => {
                // string.byte with a range returns several values; select counts them.
                let r = callp("string.byte", vec![name(&s), name(&j), add(name(&j), int(2))]);
                inc(&acc, callp("select", vec![str("#"), r]))
            }
            3 => {
                let pat = str(ctx.pick(&PATTERNS));
                let plain = ctx.chance(30);
                let mut args = vec![name(&s), pat, name(&j)];
                if plain {
                    args.push(boolean(true));
                }
                inc(&acc, or(callp("string.find", args), int(0)))
            }
            4 => {
                let pat = str(ctx.pick(&PATTERNS));
                let repl = match ctx.below(3) {
                    0 => str(ctx.pick(&["<%0>", "%1", "", "-"])),
                    1 => table(vec![named("o", str("0")), named("a", int(1))]),
                    _ => func(&["m"], false, vec![ret(vec![callp("string.upper", vec![name("m")])])]),
                };
                let limit = int(ctx.int(0, 3));
                // "%1" with no capture in the pattern is whole-match in gsub; a pattern
                // with two captures makes "%1" fine too; "%0" always is.
                set(
                    &h,
                    callp(
                        "string.sub",
                        vec![callp("string.gsub", vec![name(&s), pat, repl, limit]), int(1), int(30)],
                    ),
                )
            }
            5 => set(
                &h,
                callp(
                    "string.sub",
                    vec![
                        concat(name(&h), callp("string.char", vec![add(int(65), modulo(name(&i), int(26)))])),
                        int(-20),
                    ],
                ),
            ),
            6 => {
                let fmt = ctx.pick(&["%5d|%-3s|%x", "%d:%s:%X", "%03d %q %o"]);
                let f = callp("string.format", vec![str(fmt), name(&i), callp("string.sub", sj()), name(&i)]);
                set(&h, callp("string.sub", vec![f, int(1), int(30)]))
            }
            7 => inc(&acc, len(callp("string.rep", vec![str("ab"), modulo(name(&i), int(4)), str(",")]))),
            8 => {
                let env = Env {
                    nums: vec![i.clone(), acc.clone()],
                    strs: vec![h.clone(), s.clone()],
                    ..Env::default()
                };
                set(&h, capped_str(ctx, &env, 2))
            }
            _ => {
                let m = callp("string.match", vec![name(&s), str(ctx.pick(&PATTERNS)), name(&j)]);
                inc(&acc, len(callp("tostring", vec![m])))
            }
        };
        body.push(stat);
    }
    ctx.checkpoint(&mut body);
    let trips = i64::from(ctx.cfg.trip());
    stats.push(for_num(&i, int(1), int(trips), None, body));
    let shown: Vec<Expr> = vec![name(&acc), name(&h)];
    stats.push(out("str", shown));
    stats
}
